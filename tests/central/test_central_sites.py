"""Many halls on one central (issue 13): the two demo sites, Bandung (WIB, the default site) and
Badung (WITA), on both engines. Each terminal and staff account sees its own site only; numbers
and business days are per site; each site runs its own queue policy ([settings])."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import requests

from central.cli import DEMO_CATALOGS
from central.server import start
from central.store import migrate, open_store
from central.terminal_admin import issue_code
from central.testing import TEST_TERMINAL, TEST_TOKEN, SettableClock, utc
from kiosk.contract import TicketReserveRequest
from tests.central.conftest import client_for

BANDUNG, BADUNG = "mpp-bandung", "mpp-badung"
BADUNG_TERMINAL, BADUNG_TOKEN = "kiosk-badung-01", "badung-token-0123456789"
TERMINALS = {TEST_TERMINAL: TEST_TOKEN, BADUNG_TERMINAL: {"token": BADUNG_TOKEN, "site": BADUNG}}
PASSWORD = {BANDUNG: "bandung-rahasia-1", BADUNG: "badung-rahasia-1"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hall(request, tmp_path_factory):
    """One central serving both demo sites per engine, on a clock the tests set."""
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("sites") / "central.sqlite3"
    else:
        db = request.getfixturevalue("postgres_server").create_database()
    clock = SettableClock(utc(2026, 11, 20, 3, 0, 0))
    central = start(db, DEMO_CATALOGS, TERMINALS, clock=clock, faults_enabled=True)
    yield central, clock
    central.stop()


@pytest.fixture
def bandung(hall):
    with client_for(hall[0]) as c:
        yield c


@pytest.fixture
def badung(hall):
    with client_for(hall[0], BADUNG_TERMINAL, BADUNG_TOKEN) as c:
        yield c


def _reserve(client, service_id: str = "ktp-el"):
    return client.reserve_ticket(TicketReserveRequest(service_id=service_id), str(uuid.uuid4()))


def _terminal_headers(terminal: str, token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Terminal-Id": terminal}


def test_same_prefix_same_utc_instant_around_midnight_two_business_days(hall, bandung, badung):
    _, clock = hall
    clock.set(utc(2026, 11, 27, 16, 30, 0))  # 23:30 WIB on the 27th, 00:30 WITA on the 28th
    first_bdg, first_bali = _reserve(bandung), _reserve(badung)
    assert (first_bdg.number, str(first_bdg.business_date)) == ("A-001", "2026-11-27")
    assert (first_bali.number, str(first_bali.business_date)) == ("A-001", "2026-11-28")
    # Independent counters: each site goes on from its own last number.
    assert [_reserve(badung).number, _reserve(bandung).number, _reserve(badung).number] == ["A-002", "A-002", "A-003"]
    clock.set(utc(2026, 11, 27, 17, 0, 0))  # Bandung's midnight: it starts again, Badung does not
    assert (_reserve(bandung).number, _reserve(badung).number) == ("A-001", "A-004")


def test_catalogue_and_queues_are_the_terminal_site(bandung, badung):
    catalog = badung.get_catalog()
    assert (catalog.site.id, catalog.site.timezone) == (BADUNG, "Asia/Makassar")
    assert {s.id for s in catalog.services} == {"ktp-el", "paspor-biasa"}
    assert {q.service_id for q in badung.get_queues().queues} == {"ktp-el", "paspor-biasa"}
    assert bandung.get_catalog().site.id == BANDUNG
    assert "npwp" in {q.service_id for q in bandung.get_queues().queues}


def test_a_terminal_cannot_read_or_change_another_site_ticket_or_payment(hall, bandung, badung):
    central, clock = hall
    clock.set(utc(2026, 11, 21, 3, 0, 0))
    theirs = _reserve(badung)
    mine = _terminal_headers(TEST_TERMINAL, TEST_TOKEN)
    base = f"{central.url}/v1/tickets/{theirs.id}"
    for method, path, body in (
        ("get", "", None),
        ("post", "/confirm", {"mode": "printed"}),
        ("post", "/fail", {"reason": "printer_error"}),
    ):
        answer = requests.request(method, base + path, json=body, headers=mine, timeout=10)
        assert answer.status_code == 404, (path, answer.text)
        assert answer.json()["code"] == "ticket_not_found"
    assert badung.confirm_ticket(theirs.id, "printed").status == "confirmed"  # untouched by the attempts

    payment = requests.post(
        f"{central.url}/v1/payments",
        json={"service_id": "paspor-biasa", "amount_idr": 350000},
        headers={**_terminal_headers(BADUNG_TERMINAL, BADUNG_TOKEN), "Idempotency-Key": str(uuid.uuid4())},
        timeout=10,
    ).json()
    assert "MPP KABUPATEN BADUNG" in payment["qris_payload"]  # each hall is its own merchant
    for method, path in (("get", ""), ("post", "/cancel")):
        answer = requests.request(method, f"{central.url}/v1/payments/{payment['id']}{path}", headers=mine, timeout=10)
        assert answer.status_code == 404, answer.text


def test_site_enrolment_codes_enrol_terminals_into_their_site(hall):
    central, _ = hall
    store = central.app.state.store
    for code, terminal, site in (
        (issue_code(store, site_id=BADUNG), "kiosk-badung-new", BADUNG),
        (issue_code(store, terminal_id="kiosk-bandung-new"), "kiosk-bandung-new", BANDUNG),
        ("MPP-BDG2-ENROL-0001", "kiosk-badung-demo", BADUNG),  # Badung's catalogue demo code
    ):
        answer = requests.post(
            f"{central.url}/v1/terminals/enrol", json={"code": code, "terminal_id": terminal}, timeout=10
        )
        assert answer.status_code == 200, answer.text
        with client_for(central, terminal, answer.json()["token"]) as client:
            assert client.get_catalog().site.id == site


def _login(central, username: str, password: str) -> dict[str, str]:
    answer = requests.post(
        f"{central.url}/v1/staff/login", json={"username": username, "password": password}, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_staff_counters_calls_and_policy_are_per_site(hall, bandung, badung):
    central, clock = hall
    clock.set(utc(2026, 11, 23, 2, 0, 0))
    staff, calls = central.app.state.staff, central.app.state.calls
    heads = {}
    for site in (BANDUNG, BADUNG):  # one username at both halls, each with its own password
        staff.add("petugas", PASSWORD[site], "counter_staff", site=site)
        heads[site] = _login(central, "petugas", PASSWORD[site])
        me = requests.get(f"{central.url}/v1/staff/me", headers=heads[site], timeout=10).json()
        assert me["site"] == site
    counter = {site: calls.add_counter("9", f"Zona uji {site}", ["ktp-el"], site=site).counter.id for site in heads}
    listed = requests.get(f"{central.url}/v1/counters", headers=heads[BADUNG], timeout=10).json()
    assert counter[BADUNG] in {c["id"] for c in listed} and counter[BANDUNG] not in {c["id"] for c in listed}
    # A counter of the other site is not there for this staff member.
    other = requests.post(f"{central.url}/v1/counters/{counter[BANDUNG]}/sign-in", headers=heads[BADUNG], timeout=10)
    assert other.status_code == 404
    bandung_ticket = bandung.confirm_ticket(_reserve(bandung).id, "printed")
    tickets = {}
    for site, client in ((BANDUNG, bandung), (BADUNG, badung)):
        assert requests.post(f"{central.url}/v1/counters/{counter[site]}/sign-in", headers=heads[site], timeout=10).ok
        waiting = client.confirm_ticket(_reserve(client).id, "printed") if site == BADUNG else bandung_ticket
        called = requests.post(f"{central.url}/v1/counters/{counter[site]}/call-next", headers=heads[site], timeout=10)
        tickets[site] = called.json()["ticket"]
        assert tickets[site]["id"] == waiting.id  # each counter calls its own hall's ticket
    # Announcement languages are the site's: Badung's caller speaks Indonesian only.
    assert set(tickets[BANDUNG]["announcement"]) == {"id", "en"}
    assert set(tickets[BADUNG]["announcement"]) == {"id"}
    # Staff cannot act on the other hall's ticket.
    cross = requests.post(f"{central.url}/v1/tickets/{tickets[BANDUNG]['id']}/serve", headers=heads[BADUNG], timeout=10)
    assert cross.status_code == 404
    # The no-show window is the site's: 15 min in Bandung, 10 in Badung.
    for site in heads:
        assert requests.post(f"{central.url}/v1/tickets/{tickets[site]['id']}/no-show", headers=heads[site]).ok
    clock.advance(timedelta(minutes=12).total_seconds())
    late = {
        site: requests.post(f"{central.url}/v1/tickets/{tickets[site]['id']}/restore", headers=heads[site], timeout=10)
        for site in heads
    }
    assert late[BANDUNG].status_code == 200, late[BANDUNG].text
    assert late[BADUNG].status_code == 409, late[BADUNG].text


def test_public_display_finds_the_site_from_the_zone_or_its_name(hall):
    central, _ = hall
    central.app.state.calls.add_counter("7", "Zona Imigrasi Badung", ["paspor-biasa"], site=BADUNG)
    for params in ({"zone": "Zona Imigrasi Badung"}, {"site": BADUNG}):
        snapshot = requests.get(f"{central.url}/v1/live/public/events", params=params, timeout=10).json()["events"][0]
        assert snapshot["kind"] == "snapshot" and set(snapshot["services"]) <= {"ktp-el", "paspor-biasa"}
    default = requests.get(f"{central.url}/v1/live/public/events", timeout=10).json()["events"][0]
    assert "npwp" in default["services"]  # no site, no known zone: the default site
    unknown = requests.get(f"{central.url}/v1/live/public/events", params={"site": "mpp-nowhere"}, timeout=10)
    assert unknown.status_code == 404


def test_a_database_at_step_5_with_rows_moves_to_sites_keeping_them(new_db):
    db = new_db()
    store = open_store(db)
    day, old_id, pay_id = "2026-11-27", str(uuid.uuid4()), str(uuid.uuid4())
    try:
        migrate(store, target=5)
        with store.write() as conn:
            conn.execute("INSERT INTO sequences (prefix, business_date, last_seq) VALUES ('A', ?, 41)", (day,))
            conn.execute(
                "INSERT INTO tickets (id, terminal_id, idem_key, request_hash, service_id, prefix, business_date,"
                " sequence, priority, language, status, reserved_us, expires_us, confirmed_us)"
                " VALUES (?, ?, 'k1', 'h', 'ktp-el', 'A', ?, 41, 'none', 'id', 'confirmed', 1, 2, 1)",
                (old_id, TEST_TERMINAL, day),
            )
            conn.execute(
                "INSERT INTO payments (id, terminal_id, idem_key, request_hash, service_id, amount, status,"
                " reference, payload, created_us, expires_us) VALUES (?, ?, 'k2', 'h', 'paspor-biasa',"
                " 350000, 'paid', 'ANJOLD', '00020101021226610016ID.CO.QRIS.WWW', 1, 2)",
                (pay_id, TEST_TERMINAL),
            )
    finally:
        store.close()
    clock = SettableClock(utc(2026, 11, 27, 3, 0, 0))
    with start(db, DEMO_CATALOGS, TERMINALS, clock=clock) as central:
        with client_for(central) as bandung, client_for(central, BADUNG_TERMINAL, BADUNG_TOKEN) as badung:
            assert bandung.get_ticket(old_id).number == "A-041"  # now the default site's
            assert _reserve(bandung).number == "A-042"  # its numbering goes on
            assert _reserve(badung).number == "A-001"  # the new site numbers on its own
        with central.app.state.store.read() as conn:
            sites = {r[0] for t in ("sequences", "tickets", "payments") for r in conn.execute(f"SELECT site FROM {t}")}
        assert "" not in sites
        old = requests.get(
            f"{central.url}/v1/payments/{pay_id}", headers=_terminal_headers(TEST_TERMINAL, TEST_TOKEN), timeout=10
        )
        assert old.status_code == 200 and old.json()["status"] == "paid"


def test_another_site_event_in_between_is_no_gap_for_a_display(hall):
    """Event ids are one sequence for all sites: a Badung event between two Bandung ones must not
    look like an uncommitted id, which would hold Bandung's displays back for the gap grace (2 s)."""
    from central.live import events

    central, clock = hall
    feed = central.app.state.live
    _, cursor = feed.batch(None, None, BANDUNG)
    with central.app.state.store.write() as conn:
        events.append(conn, BADUNG, "", "counter", clock(), {"counter": "1", "state": "open"})
        events.append(conn, BANDUNG, "", "counter", clock(), {"counter": "2", "state": "open"})
    found, _ = feed.batch(None, cursor, BANDUNG)
    assert [e["counter"] for e in found] == ["2"]
