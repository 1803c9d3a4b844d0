"""POST /v1/bookings/check-in on the real reference central, through the kiosk's CentralClient."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, timedelta

import pytest

from central.openapi import generate
from central.server import RunningCentral
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, SettableClock
from kiosk.api import CentralRejected, CentralUnavailable
from kiosk.contract import TicketReserveRequest
from tests.bookings.conftest import START, WIB

NOW_CODE, SOON_CODE, LATER_CODE = "BDG-7K3P9", "BDG-4M8T2", "BDG-9X5R6"
EXPIRED_CODE, TOMORROW_CODE, CANCELLED_CODE = "BDG-2H7W4", "BDG-6N4V8", "BDG-3C8F5"


def key() -> str:
    return str(uuid.uuid4())


def test_check_in_reserves_a_ticket_for_the_booked_service(make_client):
    client = make_client()
    result = client.check_in_booking(NOW_CODE, key(), "en")
    ticket, booking = result.ticket, result.booking
    assert ticket.service_id == booking.service_id == "ktp-el"
    assert ticket.number == "A-001" and ticket.status == "reserved"
    assert booking.status == "checked_in" and booking.code_masked == "•••••3P9"
    assert booking.slot_start == datetime(2026, 11, 25, 10, 0, tzinfo=WIB)
    assert booking.slot_start.utcoffset() == timedelta(hours=7)  # site time zone on the wire
    assert booking.slot_end - booking.slot_start == timedelta(minutes=15)
    assert booking.checked_in_at == START
    # Then exactly like a walk-in ticket: confirmed after printing, in the queue.
    assert client.confirm_ticket(ticket.id, "printed").status == "confirmed"


def test_second_check_in_returns_the_same_ticket_and_spends_no_number(make_client):
    client = make_client()
    first = client.check_in_booking(SOON_CODE, key()).ticket
    again = client.check_in_booking(" bdg 4m8t2 ", key()).ticket  # case, spaces, dashes ignored
    assert again.id == first.id and again.number == first.number == "B-001"
    client.confirm_ticket(first.id, "printed")
    assert client.check_in_booking("BDG4M8T2", key()).ticket.id == first.id
    walk_in = client.reserve_ticket(TicketReserveRequest(service_id="kartu-keluarga"), key())
    assert walk_in.number == "B-002"


def test_a_guess_learns_nothing_unknown_malformed_cancelled_other_day_expired_answer_alike(central: RunningCentral):
    """Issue 19: the refusal must not tell which codes exist. Raw HTTP, to compare whole answers."""
    import requests

    from central.testing import TEST_TERMINAL, TEST_TOKEN

    answers = set()
    for code in ("BDG-ZZZZ9", "BDG-IO1", TOMORROW_CODE, EXPIRED_CODE, CANCELLED_CODE):
        r = requests.post(
            f"{central.url}/v1/bookings/check-in",
            json={"code": code},
            headers={"X-Terminal-Id": TEST_TERMINAL, "Authorization": f"Bearer {TEST_TOKEN}", "Idempotency-Key": key()},
            timeout=10,
        )
        answers.add((r.status_code, r.text))
    assert answers == {
        (404, '{"code":"booking_not_usable","message":"this code cannot be used here today; ask at the help desk"}')
    }


def test_refused_check_ins_slow_the_terminal_down_in_the_database(
    central: RunningCentral, make_client, clock: SettableClock
):
    client = make_client(retries=0)
    other = make_client(OTHER_TERMINAL, OTHER_TOKEN, retries=0)
    for _ in range(5):  # a few mistakes are free
        with pytest.raises(CentralRejected):
            client.check_in_booking("BDG-ZZZZ9", key())
    with pytest.raises(CentralRejected):
        client.check_in_booking("BDG-ZZZZ9", key())  # the sixth blocks this terminal for 1 s
    with pytest.raises(CentralUnavailable) as exc:
        client.check_in_booking(NOW_CODE, key())  # even a good code waits: not evaluated at all
    assert exc.value.status == 429
    with central.app.state.bookings.db.read() as conn:
        row = conn.execute(
            "SELECT failures FROM auth_failures WHERE bucket='booking' AND client=?", (client.settings.terminal_id,)
        ).fetchone()
    assert row["failures"] == 6
    assert other.check_in_booking(SOON_CODE, key()).ticket.number == "B-001"  # per terminal
    clock.advance(1.5)
    assert client.check_in_booking(NOW_CODE, key()).ticket.number == "A-001"  # a success clears it
    with central.app.state.bookings.db.read() as conn:
        assert conn.execute("SELECT 1 FROM auth_failures WHERE bucket='booking'").fetchone() is None


def test_late_by_more_than_the_grace_period_is_expired(make_client, clock: SettableClock):
    client = make_client()
    clock.set(datetime(2026, 11, 25, 10, 30, tzinfo=WIB))  # slot 10:00 + 30 min: still on time
    on_time = client.check_in_booking(NOW_CODE, key()).ticket
    assert on_time.number == "A-001"
    client.confirm_ticket(on_time.id, "printed")
    clock.set(datetime(2026, 11, 25, 11, 0, 1, tzinfo=WIB))  # "soon" slot 10:30 + 30 min passed
    with pytest.raises(CentralRejected) as exc:
        client.check_in_booking(SOON_CODE, key())
    assert exc.value.code == "booking_not_usable"
    # The one already checked in keeps answering with its ticket.
    assert client.check_in_booking(NOW_CODE, key()).ticket.number == "A-001"


def test_the_next_day_tomorrows_booking_is_valid(make_client, clock: SettableClock):
    clock.set(datetime(2026, 11, 26, 10, 5, tzinfo=WIB))
    result = make_client().check_in_booking(TOMORROW_CODE, key())
    assert result.ticket.number == "A-001" and str(result.ticket.business_date) == "2026-11-26"


def test_a_failed_or_lapsed_ticket_is_replaced_by_a_new_number(make_client, clock: SettableClock):
    client = make_client()
    first = client.check_in_booking(LATER_CODE, key()).ticket
    client.fail_ticket(first.id, "printer: paper out")
    second = client.check_in_booking(LATER_CODE, key()).ticket
    assert second.id != first.id and (first.number, second.number) == ("E-001", "E-002")
    clock.advance(121)  # the reservation lapses unconfirmed (120 s)
    third = client.check_in_booking(LATER_CODE, key()).ticket
    assert third.number == "E-003" and third.status == "reserved"
    assert client.get_ticket(second.id).status == "lapsed"


def test_ten_kiosks_ten_bookings_same_service_get_consecutive_unique_numbers(central: RunningCentral, make_client):
    desk = central.app.state.bookings
    codes = [desk.add(f"TST-{i:02d}AB7", "akta-kelahiran", START - timedelta(minutes=5)) for i in range(10)]
    clients = [make_client() for _ in codes]
    barrier = threading.Barrier(len(codes))
    numbers: list[str] = []
    errors: list[BaseException] = []

    def kiosk(client, code):
        barrier.wait()
        try:
            numbers.append(client.check_in_booking(code, key()).ticket.number)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=kiosk, args=pair) for pair in zip(clients, codes, strict=False)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(numbers) == [f"C-{n:03d}" for n in range(1, 11)]


def test_ten_kiosks_scanning_the_same_booking_share_one_ticket(make_client):
    clients = [make_client() for _ in range(10)]
    barrier = threading.Barrier(10)
    ids: list[str] = []

    def kiosk(client):
        barrier.wait()
        ids.append(client.check_in_booking(LATER_CODE, key()).ticket.id)

    threads = [threading.Thread(target=kiosk, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(ids) == 10 and len(set(ids)) == 1


def test_other_terminal_and_missing_key(central: RunningCentral, make_client):
    other = make_client(OTHER_TERMINAL, OTHER_TOKEN)
    assert other.check_in_booking(NOW_CODE, key()).ticket.terminal_id == OTHER_TERMINAL
    import requests

    r = requests.post(
        central.url + "/v1/bookings/check-in",
        json={"code": NOW_CODE},
        timeout=5,
        headers={"Authorization": f"Bearer {OTHER_TOKEN}", "X-Terminal-Id": OTHER_TERMINAL},
    )
    assert r.status_code == 400 and r.json()["code"] == "idempotency_key_required"
    r = requests.post(
        central.url + "/v1/bookings/check-in", json={"code": NOW_CODE}, timeout=5, headers={"Idempotency-Key": key()}
    )
    assert r.status_code == 401


def test_openapi_documents_check_in():
    import json

    doc = json.loads(generate())
    op = doc["paths"]["/v1/bookings/check-in"]["post"]
    assert {"404", "409"} <= set(op["responses"])
    assert "BookingCheckIn" in doc["components"]["schemas"]
    assert doc["components"]["schemas"]["Booking"]["properties"]["slot_start"]["description"]


def test_a_replayed_idempotency_key_returns_the_ticket_it_reserved(make_client):
    # The key used to be ignored (issue 12, defect 6): a replay after a failed print spent a new number.
    client = make_client()
    k = key()
    first = client.check_in_booking(LATER_CODE, k).ticket
    client.fail_ticket(first.id, "printer: paper out")
    replay = client.check_in_booking(LATER_CODE, k).ticket
    assert (replay.id, replay.number, replay.status) == (first.id, "E-001", "failed")
    fresh = client.check_in_booking(LATER_CODE, key()).ticket
    assert fresh.number == "E-002"


def test_openapi_says_check_in_needs_an_idempotency_key():
    import json

    op = json.loads(generate())["paths"]["/v1/bookings/check-in"]["post"]
    header = next(p for p in op["parameters"] if p["name"] == "idempotency-key")
    assert header["required"] is True and header["schema"]["maxLength"] == 128
    assert {"400", "413", "414"} <= set(op["responses"])
