"""Reservation life cycle, queue figures and error bodies of the reference central."""

import uuid

import pytest
import requests

from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN, SettableClock, utc
from kiosk.api import CentralRejected
from kiosk.contract import ApiError, TicketReserveRequest
from tests.central.conftest import dump_tables

NOON_WIB = utc(2026, 11, 27, 5, 0, 0)


@pytest.fixture
def clock():
    return SettableClock(NOON_WIB)


@pytest.fixture
def central(make_central, clock):
    return make_central(clock=clock, reservation_ttl_s=120)


@pytest.fixture
def client(central, client_factory):
    return client_factory(central)


def reserve(client, service_id="kartu-keluarga"):
    return client.reserve_ticket(TicketReserveRequest(service_id=service_id), str(uuid.uuid4()))


def test_unconfirmed_reservation_lapses_and_cannot_be_confirmed(client, clock):
    ticket = reserve(client)
    assert ticket.reservation_expires_at == utc(2026, 11, 27, 5, 2, 0)
    clock.advance(119)
    assert client.get_ticket(ticket.id).status == "reserved"
    clock.advance(1)
    assert client.get_ticket(ticket.id).status == "lapsed"
    with pytest.raises(CentralRejected) as exc:
        client.confirm_ticket(ticket.id, "printed")
    assert (exc.value.status, exc.value.code) == (409, "reservation_lapsed")
    assert "Reserve a new ticket" in exc.value.detail
    # The lapsed number is spent, never reused.
    assert reserve(client).number == "B-002"


def test_lapsed_ticket_is_not_counted_as_waiting(client, clock):
    lapsing = reserve(client)
    clock.advance(121)
    waiting_before = client.get_queues().for_service("kartu-keluarga").waiting
    later = reserve(client)
    client.confirm_ticket(later.id, "printed")
    assert client.get_ticket(lapsing.id).status == "lapsed"
    assert client.get_queues().for_service("kartu-keluarga").waiting == waiting_before + 1


def test_confirm_is_idempotent(client, clock):
    ticket = reserve(client)
    first = client.confirm_ticket(ticket.id, "printed")
    clock.advance(300)  # even after the reservation time is over
    again = client.confirm_ticket(ticket.id, "printed")
    assert first == again
    assert again.status == "confirmed" and again.confirmed_at == NOON_WIB


def test_virtual_confirmation(client):
    ticket = reserve(client)
    assert client.confirm_ticket(ticket.id, "virtual").status == "virtual"
    assert client.get_queues().for_service("kartu-keluarga").waiting == 5 + 1


def test_fail_is_idempotent_and_final(client):
    ticket = reserve(client)
    assert client.fail_ticket(ticket.id, "printer: cover open").status == "failed"
    assert client.fail_ticket(ticket.id, "printer: cover open").status == "failed"
    with pytest.raises(CentralRejected) as exc:
        client.confirm_ticket(ticket.id, "printed")
    assert exc.value.code == "ticket_failed"


def test_confirmed_ticket_cannot_be_failed(client):
    ticket = reserve(client)
    client.confirm_ticket(ticket.id, "printed")
    with pytest.raises(CentralRejected) as exc:
        client.fail_ticket(ticket.id, "too late")
    assert (exc.value.status, exc.value.code) == (409, "ticket_confirmed")


def test_fail_after_lapse_keeps_it_lapsed(client, clock):
    ticket = reserve(client)
    clock.advance(200)
    assert client.fail_ticket(ticket.id, "printer: offline").status == "lapsed"


def test_people_ahead_counts_demo_waiting_and_confirmed_lower_numbers(client):
    # kartu-keluarga: demo_waiting 5, 15 min average, 2 counters.
    a, b = reserve(client), reserve(client)
    assert (a.people_ahead, a.estimated_wait_minutes) == (5, 38)
    client.confirm_ticket(b.id, "printed")
    assert client.get_ticket(b.id).people_ahead == 5  # a is only reserved: not ahead
    client.confirm_ticket(a.id, "printed")
    b_now = client.get_ticket(b.id)
    assert (b_now.people_ahead, b_now.estimated_wait_minutes) == (6, 45)
    queue = client.get_queues().for_service("kartu-keluarga")
    assert (queue.waiting, queue.estimated_wait_minutes) == (7, 53)


def test_other_terminal_may_read_but_not_change_a_ticket(central, client, client_factory):
    ticket = reserve(client)
    other = client_factory(central, OTHER_TERMINAL, OTHER_TOKEN)
    assert other.get_ticket(ticket.id).id == ticket.id
    with pytest.raises(CentralRejected) as exc:
        other.confirm_ticket(ticket.id, "printed")
    assert (exc.value.status, exc.value.code) == (403, "not_your_ticket")


def test_idempotency_keys_are_scoped_per_terminal(central, client, client_factory):
    key = str(uuid.uuid4())
    mine = client.reserve_ticket(TicketReserveRequest(service_id="kia"), key)
    other = client_factory(central, OTHER_TERMINAL, OTHER_TOKEN)
    theirs = other.reserve_ticket(TicketReserveRequest(service_id="kia"), key)
    assert (mine.number, theirs.number) == ("D-001", "D-002")


def _auth():
    return {"Authorization": f"Bearer {TEST_TOKEN}", "X-Terminal-Id": TEST_TERMINAL}


@pytest.mark.parametrize(
    "method, path, kwargs, status, code",
    [
        ("POST", "/v1/tickets", {"json": {"service_id": "kia"}}, 400, "idempotency_key_required"),
        (
            "POST",
            "/v1/tickets",
            {"json": {"service_id": "kia", "x": 1}, "headers": {"Idempotency-Key": "k"}},
            422,
            "invalid_request",
        ),
        (
            "POST",
            "/v1/tickets",
            {"data": b"{not json", "headers": {"Idempotency-Key": "k", "Content-Type": "application/json"}},
            422,
            "invalid_request",
        ),
        ("POST", "/v1/tickets/x/confirm", {"json": {"mode": "fax"}}, 422, "invalid_request"),
        ("GET", "/v1/nothing", {}, 404, "not_found"),
        ("DELETE", "/v1/catalog", {}, 405, "method_not_allowed"),
        ("POST", "/v1/identities/resolve", {"json": {"kind": "nik", "value": "327301570885"}}, 422, "invalid_request"),
    ],
)
def test_every_error_is_an_api_error_body(central, method, path, kwargs, status, code):
    kwargs = dict(kwargs)  # the parameter is shared by both engines' runs: do not pop from it
    headers = {**_auth(), **kwargs.pop("headers", {})}
    r = requests.request(method, central.url + path, headers=headers, timeout=5, **kwargs)
    assert r.status_code == status
    err = ApiError.model_validate_json(r.content)
    assert err.code == code
    assert "327301570885" not in err.message  # a rejected NIK is never echoed back


def test_unauthenticated_requests_get_401_api_error(central):
    for headers in (
        {},
        {"Authorization": f"Bearer {TEST_TOKEN}"},
        {"Authorization": "Bearer x", "X-Terminal-Id": TEST_TERMINAL},
    ):
        r = requests.get(central.url + "/v1/catalog", headers=headers, timeout=5)
        assert r.status_code == 401
        assert ApiError.model_validate_json(r.content).code == "unauthorized"


def test_tracking_page_shows_the_ticket(central, client):
    ticket = reserve(client, "paspor-biasa")
    client.confirm_ticket(ticket.id, "printed")
    page = requests.get(ticket.track_url, timeout=5)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "E-001" in page.text and "Dalam antrean" in page.text and "Zona B · Loket 8–11" in page.text
    english = requests.get(ticket.track_url + "?lang=en", timeout=5).text
    assert "Your place in the queue" in english and "Ordinary passport, 48 pages" in english
    missing = requests.get(central.url + f"/t/{uuid.uuid4()}", timeout=5)
    assert missing.status_code == 404


def test_staff_card_uids_are_stored_only_as_hashes(central, client):
    from kiosk.contract import IdentityResolveRequest

    assert client.resolve_identity(IdentityResolveRequest(kind="uid", value="5E1F0A77")).staff_role == "staff"
    dump = dump_tables(central)
    assert "5E1F0A77" not in dump.upper() and "7EC4A11D" not in dump.upper()
    assert "Teknisi" in dump  # the staff table is there, just without the UIDs


def test_opening_hours_are_enforced_in_site_time_when_asked(make_central, client_factory):
    # mutasi-kendaraan: Mon-Fri 08:00-14:00 WIB. Friday 27 Nov 2026.
    clock = SettableClock(utc(2026, 11, 27, 6, 59, 0))  # 13:59 WIB
    client = client_factory(make_central(clock=clock, enforce_hours=True))
    key = str(uuid.uuid4())
    open_ticket = client.reserve_ticket(TicketReserveRequest(service_id="mutasi-kendaraan"), key)
    clock.advance(60)  # 14:00 WIB: closed
    with pytest.raises(CentralRejected) as exc:
        reserve(client, "mutasi-kendaraan")
    assert (exc.value.code, exc.value.status) == ("service_closed", 409)
    assert "Fri 14:00 (Asia/Jakarta)" in exc.value.detail
    # A replay of the reservation made while open still returns that ticket.
    assert client.reserve_ticket(TicketReserveRequest(service_id="mutasi-kendaraan"), key).id == open_ticket.id
