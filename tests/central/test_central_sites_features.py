"""The newer features on a multi-site central: a Badung kiosk's lease, offline ticket, help request
and alert belong to Badung, and show on Badung's supervisor view, recap and live feed, not on
Bandung's (the default site's). One central for the module, on SQLite."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import requests

from central.cli import DEMO_CATALOGS
from central.server import start
from central.testing import TEST_TERMINAL, TEST_TOKEN, SettableClock, utc
from kiosk.contract import LeaseRequest, OfflineTicket, OfflineTicketBatch, TicketReserveRequest
from tests.central.conftest import client_for
from tests.central.supervisor_helpers import heartbeat

BANDUNG, BADUNG = "mpp-bandung", "mpp-badung"
BADUNG_TERMINAL, BADUNG_TOKEN = "kiosk-badung-01", "badung-token-0123456789"
TERMINALS = {TEST_TERMINAL: TEST_TOKEN, BADUNG_TERMINAL: {"token": BADUNG_TOKEN, "site": BADUNG}}
BADUNG_KIOSK = {"Authorization": f"Bearer {BADUNG_TOKEN}", "X-Terminal-Id": BADUNG_TERMINAL}
BANDUNG_KIOSK = {"Authorization": f"Bearer {TEST_TOKEN}", "X-Terminal-Id": TEST_TERMINAL}
# Tuesday 2026-11-24, 02:00 UTC = 10:00 WITA (Badung) = 09:00 WIB (Bandung): both halls open.
START = utc(2026, 11, 24, 2, 0, 0)


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    clock = SettableClock(START)
    central = start(
        tmp_path_factory.mktemp("sites-features") / "central.sqlite3", DEMO_CATALOGS, TERMINALS, clock=clock
    )
    heads = {}
    for site in (BANDUNG, BADUNG):  # a supervisor at each hall (same name, the password finds the site)
        central.app.state.staff.add("kepala", f"{site}-rahasia-1", "supervisor", site=site)
        answer = requests.post(
            f"{central.url}/v1/staff/login", json={"username": "kepala", "password": f"{site}-rahasia-1"}, timeout=10
        )
        assert answer.status_code == 200, answer.text
        heads[site] = {"Authorization": f"Bearer {answer.json()['token']}"}
    yield central, clock, heads
    central.stop()


def _get(central, path: str, headers: dict, **params) -> dict:
    answer = requests.get(f"{central.url}{path}", headers=headers, params=params, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _cursor(central, headers: dict) -> int:
    """Where a staff member's live feed is now (its snapshot's id)."""
    return _get(central, "/v1/live/events", headers)["next_after"]


def test_a_badung_kiosks_lease_offline_ticket_and_help_request_are_badungs(hall):
    central, clock, heads = hall
    after = {site: _cursor(central, heads[site]) for site in heads}
    with client_for(central, BADUNG_TERMINAL, BADUNG_TOKEN) as badung, client_for(central) as bandung:
        online = badung.reserve_ticket(TicketReserveRequest(service_id="ktp-el"), str(uuid.uuid4()))
        assert online.number == "A-001"
        badung.confirm_ticket(online.id, "printed")
        lease = badung.grant_lease(LeaseRequest(service_id="ktp-el"), str(uuid.uuid4()))
        # Cut from Badung's own (site, prefix, day) counter: Bandung's "A" numbers start at 1 still.
        assert (lease.prefix, lease.first_sequence, str(lease.business_date)) == ("A", 2, "2026-11-24")
        assert lease.expires_at == utc(2026, 11, 24, 16, 0, 0)  # midnight WITA, not WIB
        first_bandung = bandung.reserve_ticket(TicketReserveRequest(service_id="ktp-el"), str(uuid.uuid4()))
        assert first_bandung.number == "A-001"
        bandung.confirm_ticket(first_bandung.id, "printed")

        offline = OfflineTicket(
            id=str(uuid.uuid4()),
            lease_id=lease.id,
            sequence=lease.first_sequence,
            service_id="ktp-el",
            issued_at=clock() - timedelta(minutes=1),
            clock_skew_s=0.0,
            delivery="printed",
        )
        ack = badung.post_offline_tickets(OfflineTicketBatch(tickets=[offline]))
        assert [r.outcome for r in ack.results] == ["accepted"]
        # The Bandung kiosk cannot send tickets of the Badung kiosk's lease, nor read them.
        refused = bandung.post_offline_tickets(OfflineTicketBatch(tickets=[offline.model_copy(update={"sequence": 3})]))
        assert [r.code for r in refused.results] == ["lease_not_found"]
        assert badung.get_ticket(offline.id).issued_offline is True
        assert (
            requests.get(f"{central.url}/v1/tickets/{offline.id}", headers=BANDUNG_KIOSK, timeout=10).status_code == 404
        )

    help_request = requests.post(
        f"{central.url}/v1/help-requests",
        json={"step": "payment"},
        headers={**BADUNG_KIOSK, "Idempotency-Key": str(uuid.uuid4())},
        timeout=10,
    )
    assert help_request.status_code == 200, help_request.text
    request_id = help_request.json()["id"]
    hb = requests.post(
        f"{central.url}/v1/heartbeat",
        data=heartbeat(printer="paper out").model_dump_json(),
        headers={**BADUNG_KIOSK, "Content-Type": "application/json"},
        timeout=10,
    )
    assert hb.status_code == 200, hb.text

    rows = central.app.state.store.run_read(
        lambda conn: {
            "lease": conn.execute("SELECT site FROM leases WHERE id=?", (lease.id,)).fetchone()["site"],
            "ticket": conn.execute("SELECT site FROM tickets WHERE id=?", (offline.id,)).fetchone()["site"],
            "help": conn.execute("SELECT site FROM help_requests WHERE id=?", (request_id,)).fetchone()["site"],
            "alerts": {
                r["site"] for r in conn.execute("SELECT site FROM kiosk_alerts WHERE terminal_id=?", (BADUNG_TERMINAL,))
            },
        }
    )
    assert rows == {"lease": BADUNG, "ticket": BADUNG, "help": BADUNG, "alerts": {BADUNG}}

    # Badung's supervisor sees the request, the alert and both Badung tickets; Bandung's none of it.
    view = {site: _get(central, "/v1/supervisor/overview", heads[site]) for site in heads}
    assert [r["id"] for r in view[BADUNG]["help_requests"]] == [request_id]
    assert view[BANDUNG]["help_requests"] == []
    assert [a["kind"] for a in view[BADUNG]["alerts"]] == ["printer_out"]
    assert view[BANDUNG]["alerts"] == []
    assert (view[BADUNG]["site"]["id"], view[BADUNG]["totals"]["waiting"]) == (BADUNG, 2)
    assert (view[BANDUNG]["site"]["id"], view[BANDUNG]["totals"]["waiting"]) == (BANDUNG, 1)
    recap = {site: _get(central, "/v1/reports/daily", heads[site], date="2026-11-24") for site in heads}
    assert (recap[BADUNG]["total"]["taken"], recap[BANDUNG]["total"]["taken"]) == (2, 1)
    # Bandung's staff cannot acknowledge Badung's request: it is not there for them.
    ack = requests.post(
        f"{central.url}/v1/supervisor/help-requests/{request_id}/acknowledge", headers=heads[BANDUNG], timeout=10
    )
    assert ack.status_code == 404

    # The live feed: the offline ticket, the help request and the alert are Badung's events only.
    kinds = {
        site: [e["kind"] for e in _get(central, "/v1/live/events", heads[site], after=after[site])["events"]]
        for site in heads
    }
    assert {"joined", "help_requested", "alert_raised"} <= set(kinds[BADUNG])
    assert kinds[BANDUNG].count("joined") == 1  # its own online ticket
    assert not {"help_requested", "alert_raised"} & set(kinds[BANDUNG])
