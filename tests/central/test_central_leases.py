"""Leased numbers and offline tickets at the reference central (issue 16), on both engines."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN, SettableClock
from kiosk.api import CentralClient, CentralSettings
from kiosk.api.errors import CentralRejected
from kiosk.contract import LeaseRequest, OfflineTicket, OfflineTicketBatch, TicketReserveRequest

# 10:00 in Jakarta (UTC+7): the business day ends at 17:00 UTC.
START = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)


@pytest.fixture
def hall(make_central):
    clock = SettableClock(START)
    central = make_central(clock=clock)
    kiosk = CentralClient(CentralSettings(base_url=central.url, terminal_id=TEST_TERMINAL, retries=0), TEST_TOKEN)
    other = CentralClient(CentralSettings(base_url=central.url, terminal_id=OTHER_TERMINAL, retries=0), OTHER_TOKEN)
    yield central, clock, kiosk, other
    kiosk.close()
    other.close()


def _online(client: CentralClient, service: str = "npwp") -> int:
    return client.reserve_ticket(TicketReserveRequest(service_id=service), str(uuid.uuid4())).sequence


def _offline(lease, seq: int, at: datetime, skew_s: float = 0.0, delivery: str = "printed") -> OfflineTicket:
    return OfflineTicket(
        id=str(uuid.uuid4()),
        lease_id=lease.id,
        sequence=seq,
        service_id=lease.service_id,
        issued_at=at,
        clock_skew_s=skew_s,
        delivery=delivery,  # type: ignore[arg-type]
    )


def test_a_lease_is_cut_from_the_online_sequence_and_a_retried_grant_gets_the_same_lease(hall):
    _, _, kiosk, _ = hall
    assert _online(kiosk) == 1
    key = str(uuid.uuid4())
    lease = kiosk.grant_lease(LeaseRequest(service_id="npwp"), key)
    again = kiosk.grant_lease(LeaseRequest(service_id="npwp"), key)
    assert again == lease
    assert lease.track_base == hall[0].url  # where its tickets are followed by phone
    assert (lease.first_sequence, lease.last_sequence) == (2, 11)  # the minimum size, no history yet
    assert _online(kiosk) == 12  # the retried grant did not cut a second range
    # The lease lives until the end of the business day in the site's zone (00:00 WIB = 17:00 UTC).
    assert lease.expires_at == datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    with pytest.raises(CentralRejected) as exc:
        kiosk.grant_lease(LeaseRequest(service_id="ktp-baru"), key)
    assert exc.value.code == "idempotency_conflict"


def test_a_lease_is_sized_from_the_terminals_recent_rate_within_bounds(hall):
    _, clock, kiosk, _ = hall
    for _ in range(40):
        _online(kiosk)
    lease = kiosk.grant_lease(LeaseRequest(service_id="npwp"), str(uuid.uuid4()))
    assert lease.last_sequence - lease.first_sequence + 1 == 30  # 40 an hour -> 45 minutes' worth
    clock.advance(2 * 3600)  # the rate is the last hour's: an idle kiosk gets the minimum
    idle = kiosk.grant_lease(LeaseRequest(service_id="npwp"), str(uuid.uuid4()))
    assert idle.last_sequence - idle.first_sequence + 1 == 10


def test_leases_and_online_numbers_taken_concurrently_never_overlap(hall):
    _, _, kiosk, other = hall
    numbers: list[int] = []
    lock = threading.Lock()

    def leases(client: CentralClient) -> None:
        for _ in range(5):
            lease = client.grant_lease(LeaseRequest(service_id="npwp"), str(uuid.uuid4()))
            with lock:
                numbers.extend(range(lease.first_sequence, lease.last_sequence + 1))

    def online(client: CentralClient) -> None:
        for _ in range(15):
            n = _online(client)
            with lock:
                numbers.append(n)

    threads = [threading.Thread(target=f, args=(c,)) for f, c in ((leases, kiosk), (leases, other), (online, kiosk))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(numbers) == 2 * 5 * 10 + 15
    assert sorted(numbers) == list(range(1, len(numbers) + 1))  # no overlap and no gap


def test_offline_tickets_are_queued_by_issue_time_once_and_only_from_the_terminals_lease(hall):
    central, clock, kiosk, other = hall
    lease = kiosk.grant_lease(LeaseRequest(service_id="npwp"), str(uuid.uuid4()))
    clock.advance(600)
    ticket = kiosk.reserve_ticket(TicketReserveRequest(service_id="npwp"), str(uuid.uuid4()))
    kiosk.confirm_ticket(ticket.id, "printed")  # 10:10, after the lease
    online = ticket.sequence
    # The kiosk's clock is 5 minutes fast; it measured that. Its tickets were issued at 10:02 and
    # 10:04 central time, i.e. before the online ticket: they are queued ahead of it.
    fast = timedelta(minutes=5)
    first = _offline(lease, lease.first_sequence, START + timedelta(minutes=2) + fast, skew_s=-300)
    second = _offline(lease, lease.first_sequence + 1, START + timedelta(minutes=4) + fast, skew_s=-300)
    ack = kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[first, second]))
    assert [r.outcome for r in ack.results] == ["accepted", "accepted"]
    assert ack.results[0].number == f"R-{lease.first_sequence:03d}"
    # Sent again (the answer was lost): the same tickets, nothing new.
    again = kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[first, second]))
    assert [r.outcome for r in again.results] == ["duplicate", "duplicate"]
    assert [r.id for r in again.results] == [first.id, second.id]
    # Outside the lease, another terminal's lease, or a clock far off: never a duplicate number.
    outside = _offline(lease, lease.last_sequence + 1, START)
    assert kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[outside])).results[0].code == "not_in_lease"
    stolen = _offline(lease, lease.first_sequence + 2, START)
    assert other.post_offline_tickets(OfflineTicketBatch(tickets=[stolen])).results[0].code == "lease_not_found"
    early = _offline(lease, lease.first_sequence + 3, START - timedelta(hours=3))
    assert kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[early])).results[0].outcome == "accepted"

    with central.app.state.store.read() as conn:
        rows = conn.execute(
            "SELECT sequence, COALESCE(queued_us, reserved_us) AS queued_us FROM tickets WHERE prefix='R'"
            " ORDER BY COALESCE(queued_us, reserved_us), sequence"
        ).fetchall()
    order = [r["sequence"] for r in rows]
    # The early one is held at the grant time (10:00), then 10:02, 10:04, then the online one.
    assert order == [lease.first_sequence + 3, lease.first_sequence, lease.first_sequence + 1, online]
    assert rows[1]["queued_us"] == int((START + timedelta(minutes=2)).timestamp() * 1_000_000)
    assert kiosk.get_ticket(first.id).issued_offline is True
    assert kiosk.get_ticket(first.id).status == "confirmed"
    with central.app.state.store.read() as conn:
        (joined,) = conn.execute("SELECT COUNT(*) FROM queue_events WHERE kind='joined'").fetchone()
    assert joined == 4  # the three offline ones and the online one reach counters and displays


def test_a_release_voids_the_rest_of_the_lease(hall):
    _, _, kiosk, _ = hall
    lease = kiosk.grant_lease(LeaseRequest(service_id="npwp"), str(uuid.uuid4()))
    used = _offline(lease, lease.first_sequence, START)
    kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[used]))
    with pytest.raises(CentralRejected) as exc:
        kiosk.release_lease(lease.id, lease.first_sequence)  # below a queued number
    assert exc.value.code == "numbers_in_use"
    released = kiosk.release_lease(lease.id, lease.first_sequence + 1)
    assert released.void_from == lease.first_sequence + 1
    assert kiosk.release_lease(lease.id, lease.first_sequence + 1) == released  # a repeat
    late = _offline(lease, lease.first_sequence + 1, START)
    assert kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[late])).results[0].code == "not_in_lease"
    # The tickets that were already queued are unaffected; a resend still answers "duplicate".
    assert kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[used])).results[0].outcome == "duplicate"


def test_a_service_with_a_fee_is_not_leased(hall):
    _, _, kiosk, _ = hall
    with pytest.raises(CentralRejected) as exc:
        kiosk.grant_lease(LeaseRequest(service_id="paspor-biasa"), str(uuid.uuid4()))
    assert exc.value.code == "service_has_fee"


def test_an_offline_ticket_synced_after_its_day_is_kept_but_joins_no_queue_today(hall):
    central, clock, kiosk, _ = hall
    lease = kiosk.grant_lease(LeaseRequest(service_id="npwp"), str(uuid.uuid4()))
    on_the_day = _offline(lease, lease.first_sequence, START + timedelta(minutes=5))

    def joined() -> int:
        with central.app.state.store.read() as conn:
            return conn.execute("SELECT COUNT(*) FROM queue_events WHERE kind='joined'").fetchone()[0]

    clock.advance(20 * 3600)  # 06:00 WIB the next morning: the kiosk's outbox reaches the central
    ack = kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[on_the_day]))
    assert ack.results[0].outcome == "accepted"
    assert kiosk.get_ticket(on_the_day.id).business_date.isoformat() == "2026-03-03"  # kept for its day
    assert joined() == 0  # nothing announced on today's displays
    # The same sync on its own day does announce it (the rule is the day, not the sync).
    same_day = _offline(lease, lease.first_sequence + 1, START + timedelta(minutes=6))
    clock.advance(-20 * 3600 + 600)
    assert kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[same_day])).results[0].outcome == "accepted"
    assert joined() == 1


def test_an_offline_ticket_from_a_clock_running_ahead_is_queued_no_later_than_it_arrived(hall):
    """A kiosk whose clock (and measured skew) says 14:00 when the central says 10:10 must not put
    its citizen behind everyone who arrives until 14:00: its place is held at the arrival time."""
    central, clock, kiosk, _ = hall
    lease = kiosk.grant_lease(LeaseRequest(service_id="npwp"), str(uuid.uuid4()))
    clock.advance(600)
    ahead = _offline(lease, lease.first_sequence, START + timedelta(hours=4))
    assert kiosk.post_offline_tickets(OfflineTicketBatch(tickets=[ahead])).results[0].outcome == "accepted"
    later = kiosk.reserve_ticket(TicketReserveRequest(service_id="npwp"), str(uuid.uuid4()))
    kiosk.confirm_ticket(later.id, "printed")
    with central.app.state.store.read() as conn:
        (queued,) = conn.execute("SELECT queued_us FROM tickets WHERE id=?", (ahead.id,)).fetchone()
    assert queued == int((START + timedelta(minutes=10)).timestamp() * 1_000_000)
