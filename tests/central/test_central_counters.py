"""Counters call tickets over HTTP, on SQLite and on PostgreSQL: staff sessions, the call and its
follow-ups (recall, serve, done, no-show and the late citizen put back, transfer), pause/resume,
what is never callable, and the queue figures the kiosk reads."""

import re
import uuid

import pytest
import requests

from central.testing import TEST_TERMINAL, TEST_TOKEN, SettableClock, utc
from kiosk.contract import TicketReserveRequest
from tests.central.conftest import dump_tables
from tests.central.counters_helpers import (
    PASSWORD,
    confirmed_ticket,
    open_counter,
    post,
    staff_session,
    waiting,
)

NOON_WIB = utc(2026, 11, 27, 5, 0, 0)
KK = "kartu-keluarga"


@pytest.fixture
def clock():
    return SettableClock(NOON_WIB)


@pytest.fixture
def central(make_central, clock):
    return make_central(clock=clock, reservation_ttl_s=120)


@pytest.fixture
def client(central, client_factory):
    return client_factory(central)


def test_staff_sign_in_expires_and_logs_out_and_stores_no_secret(central, clock):
    headers = staff_session(central, "sari")
    me = requests.get(f"{central.url}/v1/staff/me", headers=headers, timeout=10)
    assert me.status_code == 200 and me.json()["role"] == "counter_staff"
    wrong = requests.post(
        f"{central.url}/v1/staff/login", json={"username": "sari", "password": "nope-nope"}, timeout=10
    )
    unknown = requests.post(
        f"{central.url}/v1/staff/login", json={"username": "budi", "password": PASSWORD}, timeout=10
    )
    assert (wrong.status_code, unknown.status_code) == (401, 401)
    assert wrong.json() == unknown.json()  # which of the two was wrong is not told
    tables = dump_tables(central)
    assert PASSWORD not in tables and headers["Authorization"].split()[1] not in tables
    assert "scrypt$" in tables

    clock.advance(10 * 3600 + 1)  # a working day later the session is over
    assert requests.get(f"{central.url}/v1/staff/me", headers=headers, timeout=10).status_code == 401
    again = staff_session_login(central, "sari")
    assert requests.post(f"{central.url}/v1/staff/logout", headers=again, timeout=10).status_code == 204
    assert requests.get(f"{central.url}/v1/staff/me", headers=again, timeout=10).status_code == 401


def staff_session_login(central, username):
    answer = requests.post(
        f"{central.url}/v1/staff/login", json={"username": username, "password": PASSWORD}, timeout=10
    )
    assert answer.status_code == 200
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_a_terminal_token_cannot_call_and_staff_only_at_their_counter(central):
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    as_kiosk = post(
        central,
        f"/v1/counters/{counter}/call-next",
        {"Authorization": f"Bearer {TEST_TOKEN}", "X-Terminal-Id": TEST_TERMINAL},
    )
    assert as_kiosk.status_code == 401 and as_kiosk.json()["code"] == "session_expired"
    assert post(central, f"/v1/counters/{counter}/call-next", {}).status_code == 401
    other = staff_session(central, "budi")
    assert post(central, f"/v1/counters/{counter}/call-next", other).status_code == 403
    assert post(central, f"/v1/counters/{counter}/sign-in", other).json()["code"] == "counter_taken"
    boss = staff_session(central, "kepala", "supervisor")
    assert post(central, f"/v1/counters/{counter}/call-next", boss).status_code == 200


def test_call_next_calls_confirmed_tickets_in_order_never_reserved_failed_or_lapsed(central, client, clock):
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    first = confirmed_ticket(client)
    held = client.reserve_ticket(TicketReserveRequest(service_id=KK), str(uuid.uuid4()))  # never confirmed
    failed = client.reserve_ticket(TicketReserveRequest(service_id=KK), str(uuid.uuid4()))
    client.fail_ticket(failed.id, "printer_error")
    second = confirmed_ticket(client, mode="virtual")
    before, _ = waiting(client, KK)

    call = post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]
    assert (call["id"], call["state"], call["counter_label"]) == (first.id, "called", "5")
    assert call["announcement"]["id"].startswith("Nomor antrean") and call["announcement"]["id"].endswith("loket lima.")
    assert waiting(client, KK)[0] == before - 1  # a called ticket no longer waits
    busy = post(central, f"/v1/counters/{counter}/call-next", headers)
    assert busy.status_code == 409 and busy.json()["code"] == "counter_busy"
    assert post(central, f"/v1/tickets/{first.id}/recall", headers).json()["announcements"] == 2
    assert post(central, f"/v1/tickets/{first.id}/serve", headers).json()["state"] == "serving"
    assert post(central, f"/v1/tickets/{first.id}/done", headers).json()["state"] == "done"
    again = post(central, f"/v1/tickets/{first.id}/done", headers)
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"

    clock.advance(130)  # the held reservation lapses
    nxt = post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]
    assert nxt["id"] == second.id
    post(central, f"/v1/tickets/{second.id}/done", headers)  # Done straight from called
    assert post(central, f"/v1/counters/{counter}/call-next", headers).json() == {"ticket": None}
    assert held.id not in (call["id"], nxt["id"]) and failed.id not in (call["id"], nxt["id"])
    assert post(central, f"/v1/tickets/{held.id}/recall", headers).status_code == 404


def test_no_show_window_and_a_late_citizen_put_back_first(central, client, clock):
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    late, punctual, later = confirmed_ticket(client), confirmed_ticket(client), confirmed_ticket(client)
    assert post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]["id"] == late.id
    assert post(central, f"/v1/tickets/{late.id}/no-show", headers).json()["state"] == "no_show"
    assert post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]["id"] == punctual.id
    post(central, f"/v1/tickets/{punctual.id}/done", headers)
    clock.advance(14 * 60)  # within the 15-minute window: back at the original time, ahead of `later`
    assert post(central, f"/v1/tickets/{late.id}/restore", headers).json()["state"] == "waiting"
    assert post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]["id"] == late.id
    post(central, f"/v1/tickets/{late.id}/no-show", headers)
    clock.advance(16 * 60)
    too_late = post(central, f"/v1/tickets/{late.id}/restore", headers)
    assert too_late.status_code == 409 and "window" in too_late.json()["message"]
    assert post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]["id"] == later.id


def test_transfer_moves_the_ticket_to_the_other_queue_keeping_its_number(central, client):
    headers = staff_session(central, "sari")
    kk_counter = open_counter(central, headers, "5", [KK])
    ticket = confirmed_ticket(client)
    other_service = "ktp-el"
    before = waiting(client, other_service)[0]
    post(central, f"/v1/counters/{kk_counter}/call-next", headers)
    moved = post(central, f"/v1/tickets/{ticket.id}/transfer", headers, {"service_id": other_service}).json()
    assert (moved["number"], moved["service_id"], moved["state"], moved["leg"]) == (
        ticket.number,
        other_service,
        "waiting",
        1,
    )
    assert waiting(client, other_service)[0] == before + 1
    unknown = post(central, f"/v1/tickets/{ticket.id}/transfer", headers, {"service_id": "x" * 64})
    assert unknown.status_code == 404 and "x" * 64 not in unknown.text
    ktp_staff = staff_session(central, "budi")
    ktp_counter = open_counter(central, ktp_staff, "6", [other_service])
    assert post(central, f"/v1/counters/{ktp_counter}/call-next", ktp_staff).json()["ticket"]["number"] == ticket.number


def test_paused_counter_calls_no_one_until_resumed(central, client):
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    ticket = confirmed_ticket(client)
    assert post(central, f"/v1/counters/{counter}/pause", headers).json()["state"] == "paused"
    paused = post(central, f"/v1/counters/{counter}/call-next", headers)
    assert paused.status_code == 409 and paused.json()["code"] == "counter_not_open"
    assert post(central, f"/v1/counters/{counter}/pause", headers).status_code == 409
    assert post(central, f"/v1/counters/{counter}/resume", headers).json()["state"] == "open"
    assert post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]["id"] == ticket.id


def test_estimated_wait_comes_from_measured_service_times(central, client, clock):
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    service = next(s for s in central.app.state.desk.cf.catalog.services if s.id == KK)
    for _ in range(3 + 4):
        confirmed_ticket(client)
    for served in range(1, 4):  # three citizens served in 20 minutes each
        called = post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]
        clock.advance(20 * 60)
        post(central, f"/v1/tickets/{called['id']}/done", headers)
        if served == 2:  # too few measurements yet: the catalogue's configured figure stands
            people, minutes = waiting(client, KK)
            assert minutes == -(-people * service.avg_service_minutes // service.counters)
    people, minutes = waiting(client, KK)
    assert people >= 4
    assert minutes == 20 * people  # one counter open for the service, 20 min median
    assert 20 * people != -(-people * service.avg_service_minutes // service.counters)  # not the configured figure
    second = staff_session(central, "budi")
    open_counter(central, second, "6", [KK])
    assert waiting(client, KK)[1] == 10 * people  # two counters open now


def test_openapi_documents_the_counter_endpoints_with_staff_auth():
    import json

    from central.openapi import generate

    doc = json.loads(generate())
    actions = ["recall", "serve", "done", "no-show", "restore", "transfer"]
    paths = [
        "/v1/counters/{counter_id}/call-next",
        "/v1/counters/{counter_id}/pause",
        "/v1/counters/{counter_id}/resume",
        *(f"/v1/tickets/{{ticket_id}}/{a}" for a in actions),
    ]
    for path in paths:
        assert doc["paths"][path]["post"]["security"] == [{"StaffSession": []}], path
    assert "security" not in doc["paths"]["/v1/staff/login"]["post"]


def test_counter_page_is_self_contained(central):
    page = requests.get(f"{central.url}/counter", timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "http://" not in page.text and "https://" not in page.text  # no CDN
    assert all(src.startswith("/") for src in re.findall(r'src="([^"]*)"', page.text))  # same origin only
    for part in ('"/v1/staff/login"', '"/call-next"', '"recall"', '"no-show"', '"done"', '"/pause"', '"/resume"'):
        assert part in page.text
    assert len(page.content) < 20_000


def test_priority_tickets_interleave_by_the_ratio_from_the_counters_own_calls(central, client, clock):
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    regular = [confirmed_ticket(client).number for _ in range(3)]
    clock.advance(60)
    priority = [confirmed_ticket(client, priority="elderly").number for _ in range(2)]
    order = []
    for _ in range(5):
        called = post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]
        order.append(called["number"])
        post(central, f"/v1/tickets/{called['id']}/done", headers)
    # the default ratio: 1 priority, then 2 regular; the counter's history is read from its calls
    assert order == [priority[0], regular[0], regular[1], priority[1], regular[2]]


def test_wrong_passwords_make_the_account_wait(central, clock):
    staff_session(central, "sari")
    login = f"{central.url}/v1/staff/login"
    for _ in range(5):
        assert requests.post(login, json={"username": "sari", "password": "tebak-tebak"}, timeout=10).status_code == 401
    locked = requests.post(login, json={"username": "sari", "password": PASSWORD}, timeout=10)
    assert locked.status_code == 429 and locked.json()["code"] == "too_many_attempts"
    clock.advance(31)
    assert requests.post(login, json={"username": "sari", "password": PASSWORD}, timeout=10).status_code == 200
    for _ in range(5):  # the count started again after the right password
        assert requests.post(login, json={"username": "sari", "password": "tebak-tebak"}, timeout=10).status_code == 401
