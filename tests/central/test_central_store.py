"""The storage layer on both engines: races settled by the database, bounded retries, 503 when
the database is gone, metrics."""

from __future__ import annotations

import threading
import uuid

import pytest
import requests
from psycopg import errors as pg_errors

from central.cli import DEFAULT_CATALOG
from central.store import HEAD, StoreUnavailable, migrate, open_store
from central.store.base import MAX_ATTEMPTS
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN
from kiosk.contract import TicketReserveRequest


def _together(n: int, fn) -> list:
    barrier = threading.Barrier(n)
    results: list = [None] * n
    errors: list = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = fn(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


def test_one_key_sent_twenty_times_at_once_is_one_ticket_and_one_number(make_central, client_factory):
    central = make_central()
    for n in range(1, 6):  # a race is likely, not certain, in one round; five make it near-sure
        headers = {
            "Authorization": f"Bearer {TEST_TOKEN}",
            "X-Terminal-Id": TEST_TERMINAL,
            "Idempotency-Key": str(uuid.uuid4()),
        }
        # Plain requests, no client-side retry: every one of the twenty must be answered 200 at once.
        answers = _together(
            20,
            lambda i, h=headers: requests.post(
                central.url + "/v1/tickets", json={"service_id": "npwp"}, headers=h, timeout=30
            ),
        )
        assert [a.status_code for a in answers] == [200] * 20, [a.text for a in answers if a.status_code != 200][:2]
        assert {a.json()["id"] for a in answers} == {answers[0].json()["id"]}
        assert answers[0].json()["number"] == f"R-{n:03d}"
    # The losers' rolled-back transactions gave their numbers back: the next one is R-006.
    client = client_factory(central)
    assert client.reserve_ticket(TicketReserveRequest(service_id="npwp"), str(uuid.uuid4())).number == "R-006"


def test_two_kiosks_checking_in_one_booking_at_once_share_one_ticket(make_central, client_factory):
    central = make_central()
    clients = [
        client_factory(central, *((TEST_TERMINAL, TEST_TOKEN) if i % 2 else (OTHER_TERMINAL, OTHER_TOKEN)))
        for i in range(10)
    ]
    answers = _together(10, lambda i: clients[i].check_in_booking("BDG-7K3P9", str(uuid.uuid4())))
    assert len({a.ticket.id for a in answers}) == 1
    walk_in = clients[0].reserve_ticket(TicketReserveRequest(service_id="ktp-el"), str(uuid.uuid4()))
    assert (answers[0].ticket.number, walk_in.number) == ("A-001", "A-002")


def test_confirm_and_fail_racing_on_one_ticket_leave_exactly_one_outcome(make_central, client_factory):
    central = make_central()
    a, b = client_factory(central), client_factory(central)
    for _ in range(5):
        t = a.reserve_ticket(TicketReserveRequest(service_id="kia"), str(uuid.uuid4()))

        def act(i: int, t=t):
            try:
                return (a if i == 0 else b).confirm_ticket(t.id, "printed") if i == 0 else b.fail_ticket(t.id, "x")
            except Exception as exc:
                return getattr(exc, "code", repr(exc))

        first, second = _together(2, act)
        final = a.get_ticket(t.id).status
        outcomes = {getattr(first, "status", first), getattr(second, "status", second)}
        assert final in ("confirmed", "failed")
        assert outcomes in ({"confirmed", "ticket_confirmed"}, {"ticket_failed", "failed"}), outcomes


def test_transaction_lost_to_a_deadlock_is_run_again_then_given_up(postgres_server):
    store = open_store(postgres_server.create_database())
    try:
        migrate(store)
        calls = []

        def flaky(conn):
            calls.append(1)
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (f"k{len(calls)}", "v"))
            if len(calls) < 3:
                raise pg_errors.DeadlockDetected("deadlock detected")
            return len(calls)

        assert store.transact(flaky) == 3
        with store.read() as conn:  # the two lost attempts were rolled back
            assert [r["key"] for r in conn.execute("SELECT key FROM meta WHERE key LIKE 'k%'").fetchall()] == ["k3"]
        calls.clear()

        def always(conn):
            calls.append(1)
            raise pg_errors.SerializationFailure("could not serialize access")

        with pytest.raises(StoreUnavailable):
            store.transact(always)
        assert len(calls) == MAX_ATTEMPTS
    finally:
        store.close()


def test_database_gone_answers_503_with_an_api_error_and_readyz_says_so():
    from central.server import start
    from tests.pg import LocalPostgres

    pg = LocalPostgres().start()
    try:
        with start(pg.create_database(), DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN}) as central:
            central.app.state.store.pool.timeout = 1.0  # do not wait the production 5 s here
            central.app.state.store.aio.pool.timeout = 1.0
            headers = {"Authorization": f"Bearer {TEST_TOKEN}", "X-Terminal-Id": TEST_TERMINAL}
            # A ticket first: the terminal is then known, and its next calls take the hot lane.
            held = requests.post(
                central.url + "/v1/tickets",
                json={"service_id": "ktp-el"},
                timeout=20,
                headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
            )
            assert held.status_code == 200, held.text
            pg.stop()  # the database goes away under a running central
            r = requests.post(
                central.url + "/v1/tickets",
                json={"service_id": "ktp-el"},
                timeout=20,
                headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
            )
            assert r.status_code == 503 and r.json()["code"] == "unavailable", r.text
            assert r.headers["Retry-After"] == "1"
            confirm = requests.post(
                central.url + f"/v1/tickets/{held.json()['id']}/confirm",
                json={"mode": "printed"},
                timeout=20,
                headers=headers,
            )
            assert confirm.status_code == 503 and confirm.json()["code"] == "unavailable", confirm.text
            # Code that opens a connection itself (enrolment) answers the same, never 500.
            enrol = requests.post(
                central.url + "/v1/terminals/enrol",
                timeout=20,
                json={"code": "CODE-X-123456", "terminal_id": "kiosk-new"},
            )
            assert enrol.status_code == 503 and enrol.json()["code"] == "unavailable", enrol.text
            assert requests.get(central.url + "/readyz", timeout=20).status_code == 503
            assert requests.get(central.url + "/healthz", timeout=5).status_code == 200
    finally:
        pg.stop()


def test_readyz_reports_pending_migrations_then_ready(new_db):
    from central.server import start

    db = new_db()
    store = open_store(db)
    try:
        migrate(store, target=1)
    finally:
        store.close()
    with start(db, DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN}) as central:  # start() migrates
        ready = requests.get(central.url + "/readyz", timeout=5)
        assert ready.status_code == 200 and ready.json()["schema_version"] == HEAD
    # A database one step behind, served without migrating: not ready until someone migrates.
    db = new_db()
    store = open_store(db)
    try:
        migrate(store, target=1)
        with start(db, DEFAULT_CATALOG, {}, migrate_schema=False) as central:
            pending = requests.get(central.url + "/readyz", timeout=5)
            assert pending.status_code == 503 and pending.json()["status"] == "migrations_pending"
            assert requests.get(central.url + "/healthz", timeout=5).status_code == 200
            migrate(store)
            assert requests.get(central.url + "/readyz", timeout=5).json()["status"] == "ready"
    finally:
        store.close()


def test_metrics_count_requests_by_route_and_tickets_issued(make_central, client_factory):
    central = make_central()
    client = client_factory(central)
    t = client.reserve_ticket(TicketReserveRequest(service_id="skck-baru"), str(uuid.uuid4()))
    client.confirm_ticket(t.id, "printed")
    text = requests.get(central.url + "/metrics", timeout=5).text
    assert 'central_http_requests_total{method="POST",route="/v1/tickets/{ticket_id}/confirm",status="200"}' in text
    assert t.id not in text  # one series per route, not per ticket
    assert 'central_tickets_issued_total{service="skck-baru"}' in text
    waiting = client.get_queues().for_service("skck-baru").waiting
    assert f'central_queue_waiting{{service="skck-baru"}} {float(waiting)}' in text
    assert "central_http_request_duration_seconds_bucket" in text and "central_db_pool_connections" in text
