"""Offline issuing through the kiosk core (ledger, lease keeper, failover numbering, the real
issuer and virtual printer) against the real reference central on 127.0.0.1, with the network
between them cut by a real TCP relay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import SettableClock
from kiosk.api.errors import CentralUnavailable
from tests.offline.helpers import Kiosk
from tests.offline.netcut import NetCut

START = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)  # 10:00 WIB
# One terminal per kiosk made in this module: each test's leases are its own.
TERMINALS = {f"kiosk-offline-{i:02d}": f"token-offline-{i:02d}-0123456789" for i in range(12)}
_next_terminal = iter(TERMINALS)


def _terminal() -> tuple[str, str]:
    terminal = next(_next_terminal)
    return terminal, TERMINALS[terminal]


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    clock = SettableClock(START)
    running = start(tmp_path_factory.mktemp("central") / "c.sqlite3", DEFAULT_CATALOG, TERMINALS, clock=clock)
    yield running, clock
    running.stop()


@pytest.fixture
def kiosk(central, tmp_path):
    running, clock = central
    net = NetCut(running.port)
    k = Kiosk(net.url, tmp_path, clock, *_terminal())
    k.net = net
    yield k
    k.close()
    net.close()


def _central_tickets(running, lease_ids):
    marks = ",".join("?" * len(lease_ids))
    with running.app.state.store.read() as conn:
        return conn.execute(
            f"SELECT id, prefix, sequence, status, reserved_us FROM tickets WHERE lease_id IN ({marks})"
            " ORDER BY reserved_us, sequence",
            list(lease_ids),
        ).fetchall()


def test_tickets_issued_offline_are_recorded_printed_marked_and_synced_exactly_once(central, kiosk):
    running, _ = central
    kiosk.keeper.run_once()
    held = {lease.service_id: lease for lease in kiosk.ledger.leases()}
    assert set(held) == {s.id for s in kiosk.services}
    service = kiosk.services[0].id

    kiosk.net.mode = "down"
    with pytest.raises(CentralUnavailable):
        kiosk.client.get_queues()
    assert not kiosk.monitor.online
    outcomes = [kiosk.issue(service) for _ in range(3)]
    lease = held[service]
    assert [o.ticket.sequence for o in outcomes] == [lease.first_seq, lease.first_seq + 1, lease.first_seq + 2]
    assert all(o.ticket.issued_offline and o.delivery == "printed" and o.confirmed for o in outcomes)
    # The QR's tracking address is the central's public one the lease named, not the address
    # this kiosk reaches the API on (here a relay in between; in a hall, often an internal name).
    assert running.url != kiosk.client.settings.base_url
    assert [o.ticket.track_url for o in outcomes] == [f"{running.url}/t/{o.ticket.id}" for o in outcomes]
    assert len(kiosk.printer.virtual.jobs) == 3
    assert [r.delivery for r in kiosk.ledger.records()] == ["printed"] * 3

    # The network comes back but cuts the answer of the first sync: the central took the batch.
    kiosk.net.mode = "cut_answers"
    with pytest.raises(CentralUnavailable):
        kiosk.keeper.outbox.sync()
    assert kiosk.ledger.unsent_count() == 3
    assert len(_central_tickets(running, [lease.id])) == 3
    kiosk.net.mode = "up"
    assert kiosk.keeper.outbox.sync() == 3  # answered "duplicate": nothing new
    assert kiosk.ledger.unsent_count() == 0
    rows = _central_tickets(running, [lease.id])
    assert [r["sequence"] for r in rows] == [o.ticket.sequence for o in outcomes]
    assert {r["id"] for r in rows} == {o.ticket.id for o in outcomes}
    assert kiosk.client.get_ticket(outcomes[0].ticket.id).issued_offline


def test_a_grant_whose_answer_was_lost_is_retried_into_the_same_lease(central, kiosk):
    running, _ = central
    service = kiosk.services[1].id
    kiosk.net.mode = "cut_answers"
    with pytest.raises(CentralUnavailable):
        kiosk.keeper.ensure_lease(service)
    assert kiosk.ledger.leases(service) == []
    kiosk.net.mode = "up"
    kiosk.monitor.record_success()
    kiosk.keeper.ensure_lease(service)
    [lease] = kiosk.ledger.leases(service)
    with running.app.state.store.read() as conn:
        granted = conn.execute(
            "SELECT id FROM leases WHERE terminal_id=? AND service_id=?", (kiosk.terminal, service)
        ).fetchall()
    assert [r["id"] for r in granted] == [lease.id]  # one lease, not two


@pytest.mark.parametrize("kiosk_offset_s", [300, -300])
def test_a_kiosk_clock_five_minutes_off_still_queues_by_the_true_issue_time(central, tmp_path, kiosk_offset_s):
    running, clock = central
    k = Kiosk(running.url, tmp_path, lambda: clock() + timedelta(seconds=kiosk_offset_s), *_terminal())
    try:
        k.keeper.run_once()
        assert abs(k.ledger.skew_s() + kiosk_offset_s) < 1.0
        for _ in range(3):  # offline: the monitor says so
            k.monitor.record_failure()
        service = k.services[2].id
        clock.advance(60)
        issued_at = clock()
        outcome = k.issue(service)
        assert abs((outcome.ticket.reserved_at - issued_at).total_seconds()) < 1.0  # printed in central time
        clock.advance(600)
        k.monitor.record_success()
        k.keeper.outbox.sync()
        [row] = _central_tickets(running, [k.ledger.records()[0].lease_id])
        assert abs(row["reserved_us"] / 1e6 - issued_at.timestamp()) < 1.0
    finally:
        k.close()


def test_renewal_before_running_low_and_release_at_the_end_of_the_day(central, tmp_path):
    running, clock = central
    k = Kiosk(running.url, tmp_path, clock, *_terminal())
    try:
        service = k.services[3].id
        k.keeper.ensure_lease(service)
        [first] = k.ledger.leases(service)
        k.monitor.record_failure()
        for _ in range(first.size - 2):  # down to 2 left: below the low-water mark
            k.issue(service)
        k.monitor.record_success()
        k.keeper.run_once()
        leases = k.ledger.leases(service)
        assert len(leases) == 2 and leases[1].first_seq > first.last_seq
        clock.advance(24 * 3600)  # the day is over: unused numbers go back, never called
        k.keeper.run_once()
        old = [lease for lease in k.ledger.leases(service) if lease.id in (first.id, leases[1].id)]
        assert all(lease.released for lease in old)
        with running.app.state.store.read() as conn:
            voids = dict(
                conn.execute("SELECT id, void_from FROM leases WHERE id IN (?,?)", (first.id, leases[1].id)).fetchall()
            )
        assert voids == {first.id: first.last_seq - 1, leases[1].id: leases[1].first_seq}
        # And the new day has its own lease.
        assert any(lease.business_date > first.business_date for lease in k.ledger.leases(service))
    finally:
        k.close()
