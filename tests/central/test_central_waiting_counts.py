"""The kept count of people waiting per line (migration 10's triggers) and the hot path that reads
it (PostgreSQL: reserve and confirm in one statement each, on the event loop). On both engines."""

from __future__ import annotations

import json
import random
import threading
import uuid

import pytest

from central.store import migrate, open_store
from central.testing import SettableClock, utc
from kiosk.contract import TicketReserveRequest
from tests.central.counters_helpers import open_counter, post, staff_session

KK = "kartu-keluarga"
_WAITING_BY_COUNT = (
    "SELECT site, service_id, business_date, COUNT(*) FROM tickets"
    " WHERE status IN ('confirmed', 'virtual') AND call_state = 'waiting' GROUP BY site, service_id, business_date"
)


def _kept(conn) -> dict[tuple, int]:
    rows = conn.execute("SELECT site, service_id, business_date, waiting FROM queue_waiting").fetchall()
    return {(r[0], r[1], r[2]): r[3] for r in rows if r[3] != 0}


def _counted(conn) -> dict[tuple, int]:
    return {(r[0], r[1], r[2]): r[3] for r in conn.execute(_WAITING_BY_COUNT).fetchall()}


def test_the_kept_count_follows_every_kind_of_ticket_change(new_db):
    """Whatever code path changes a ticket (inserts, status and call-state changes, transfers to
    another line, another day or site, deletions), the kept count equals a full count."""
    store = open_store(new_db())
    migrate(store)
    rng = random.Random(20261201)
    statuses = ["reserved", "confirmed", "virtual", "failed", "lapsed"]
    call_states = ["waiting", "called", "serving", "done", "no_show"]
    services, days, sites = ["npwp", "kia", "skck"], ["2026-12-01", "2026-12-02"], ["bdg", "bdn"]
    ids: list[str] = []
    try:
        for step in range(240):
            with store.write() as conn:
                op = rng.choice(["insert", "insert", "status", "call", "move", "delete"]) if ids else "insert"
                if op == "insert":
                    ticket = str(uuid.uuid4())
                    ids.append(ticket)
                    conn.execute(
                        "INSERT INTO tickets (id, site, terminal_id, idem_key, request_hash, service_id, prefix,"
                        " business_date, sequence, priority, language, status, reserved_us, expires_us, call_state)"
                        " VALUES (?,?,?,?,'h',?,'X',?,?,'none','id',?,1,2,?)",
                        (
                            ticket,
                            rng.choice(sites),
                            "k",
                            ticket,
                            rng.choice(services),
                            rng.choice(days),
                            step + 1,
                            rng.choice(statuses),
                            rng.choice(call_states),
                        ),
                    )
                elif op == "status":
                    conn.execute("UPDATE tickets SET status=? WHERE id=?", (rng.choice(statuses), rng.choice(ids)))
                elif op == "call":
                    conn.execute(
                        "UPDATE tickets SET call_state=? WHERE id=?", (rng.choice(call_states), rng.choice(ids))
                    )
                elif op == "move":
                    column, values = rng.choice([("service_id", services), ("business_date", days), ("site", sites)])
                    conn.execute(f"UPDATE tickets SET {column}=? WHERE id=?", (rng.choice(values), rng.choice(ids)))
                else:
                    gone = ids.pop(rng.randrange(len(ids)))
                    conn.execute("DELETE FROM tickets WHERE id=?", (gone,))
            if step % 20 == 19:
                with store.read() as conn:
                    assert _kept(conn) == _counted(conn), f"after step {step} ({op})"
        with store.read() as conn:
            assert sum(_counted(conn).values()) > 0  # the walk left people waiting: the check saw real lines
    finally:
        store.close()


@pytest.fixture
def central(make_central):
    return make_central(clock=SettableClock(utc(2026, 12, 1, 3, 0, 0)), reservation_ttl_s=120)


def _waiting_ahead_of(central, ticket_id: str) -> int:
    """People ahead by a full count of the line (the definition the kept count must agree with)."""
    with central.app.state.store.read() as conn:
        me = conn.execute("SELECT site, service_id, business_date, sequence FROM tickets WHERE id=?", (ticket_id,))
        site, service, day, sequence = me.fetchone()
        (n,) = conn.execute(
            "SELECT COUNT(*) FROM tickets WHERE site=? AND service_id=? AND business_date=?"
            " AND status IN ('confirmed', 'virtual') AND call_state='waiting' AND sequence < ?",
            (site, service, day, sequence),
        ).fetchone()
    return n


def test_people_ahead_stay_exact_while_counters_call(central, client_factory):
    client = client_factory(central)
    pretend = central.app.state.desk.cf.demo_waiting.get(KK, 0)
    headers = staff_session(central, "dewi")
    counter = open_counter(central, headers, "3", [KK])
    for round_ in range(4):
        for _ in range(3):
            reserved = client.reserve_ticket(TicketReserveRequest(service_id=KK), str(uuid.uuid4()))
            assert reserved.people_ahead == pretend + _waiting_ahead_of(central, reserved.id)
            confirmed = client.confirm_ticket(reserved.id, "printed" if round_ % 2 else "virtual")
            assert confirmed.people_ahead == pretend + _waiting_ahead_of(central, reserved.id)
        called = post(central, f"/v1/counters/{counter}/call-next", headers)
        assert called.status_code == 200, called.text
        done = post(central, f"/v1/tickets/{called.json()['ticket']['id']}/done", headers)
        assert done.status_code == 200, done.text
    # The last ticket joined after 11 others, 3 of which had been called by then.
    assert confirmed.people_ahead == pretend + 8
    with central.app.state.store.read() as conn:
        assert _kept(conn) == _counted(conn)


def test_the_joined_event_counts_the_line_and_writes_long_numbers_whole(central, client_factory, engine):
    """The event the confirm writes (in SQL on PostgreSQL's hot path) says what the Python one
    says: the number as the ticket shows it, even past 999, and the people now waiting."""
    client = client_factory(central)
    pretend = central.app.state.desk.cf.demo_waiting.get(KK, 0)
    first = client.confirm_ticket(
        client.reserve_ticket(TicketReserveRequest(service_id=KK), str(uuid.uuid4())).id, "printed"
    )
    with central.app.state.store.write() as conn:
        conn.execute("UPDATE sequences SET last_seq = 999 WHERE prefix = 'B'")
    second = client.reserve_ticket(TicketReserveRequest(service_id=KK), str(uuid.uuid4()))
    assert second.number == "B-1000"
    client.confirm_ticket(second.id, "printed")
    with central.app.state.store.read() as conn:
        rows = conn.execute("SELECT payload FROM queue_events WHERE kind='joined' ORDER BY id").fetchall()
    joined = [json.loads(r[0]) for r in rows]
    assert [(e["number"], e["waiting"]) for e in joined] == [
        (first.number, {KK: pretend + 1}),
        ("B-1000", {KK: pretend + 2}),
    ]
    assert joined[1] == {
        "ticket_id": second.id,
        "number": "B-1000",
        "service_id": KK,
        "state": "waiting",
        "waiting": {KK: pretend + 2},
    }
    aio = central.app.state.store.aio
    if engine == "postgresql":  # the answers above came through the asyncio pool, not a worker thread
        assert aio.pool.get_stats()["requests_num"] >= 6  # 4 authentications, 2 reservations, 2 confirmations
    else:
        assert aio is None


def test_wait_figures_are_read_off_the_event_loop(central, client_factory, engine, monkeypatch):
    """The measured-wait figures are a sync read once a second; on PostgreSQL's hot path it runs
    in a worker thread, never on the server's event loop (which it would stall for every request
    of the process)."""
    from central.counters.waits import WaitFigures

    threads: list[str] = []
    real = WaitFigures._refresh

    def recording(self):
        threads.append(threading.current_thread().name)
        return real(self)

    monkeypatch.setattr(WaitFigures, "_refresh", recording)
    client = client_factory(central)
    for _ in range(2):
        ticket = client.reserve_ticket(TicketReserveRequest(service_id=KK), str(uuid.uuid4()))
        client.confirm_ticket(ticket.id, "printed")
        for figures in central.app.state.wait_figures.values():
            figures.invalidate()  # due again: each call reads them
    assert threads, "the figures were never read"
    if engine == "postgresql":
        assert "central-uvicorn" not in threads, threads  # the embedded server's loop thread
