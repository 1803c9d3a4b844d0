"""Help requests, kiosk alerts and the supervisor's overview against a real central, on both
engines (one central per engine for the module; every test uses its own terminals or accounts)."""

from __future__ import annotations

import pytest
import requests

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.store import to_us
from central.supervisor.alerts import conditions
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN
from tests.central.supervisor_helpers import (
    MovableClock,
    heartbeat,
    help_key,
    last_event_id,
    login,
    staff_events,
)

KIOSK = {"Authorization": f"Bearer {TEST_TOKEN}", "X-Terminal-Id": TEST_TERMINAL}
OTHER = {"Authorization": f"Bearer {OTHER_TOKEN}", "X-Terminal-Id": OTHER_TERMINAL}
HALL = {f"kiosk-hall-{n:02d}": f"token-of-hall-kiosk-{n:02d}-0123456789" for n in range(1, 7)}


def kiosk(n: int) -> dict[str, str]:
    terminal = f"kiosk-hall-{n:02d}"
    return {"Authorization": f"Bearer {HALL[terminal]}", "X-Terminal-Id": terminal}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hall(request, tmp_path_factory):
    clock = MovableClock()
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("supervisor") / "central.sqlite3"
    else:
        db = request.getfixturevalue("postgres_server").create_database()
    terminals = {TEST_TERMINAL: TEST_TOKEN, OTHER_TERMINAL: OTHER_TOKEN, **HALL}
    central = start(db, DEFAULT_CATALOG, terminals, clock=clock)
    central.clock = clock
    central.clerk = login(central, "ani", name="Ani")
    central.boss = login(central, "kepala", "supervisor", name="Bu Kepala")
    yield central
    central.stop()


def post(central, path, headers, body=None, extra=None):
    return requests.post(f"{central.url}{path}", json=body, headers={**headers, **(extra or {})}, timeout=10)


def get(central, path, headers, **params):
    return requests.get(f"{central.url}{path}", headers=headers, params=params, timeout=10)


def test_help_request_reaches_staff_and_the_acknowledgement_reaches_the_kiosk(hall):
    after = last_event_id(hall, hall.clerk)
    key = help_key()
    first = post(hall, "/v1/help-requests", KIOSK, {"step": "payment"}, key)
    assert first.status_code == 200, first.text
    request_id = first.json()["id"]
    assert first.json()["state"] == "open" and first.json()["acknowledged_by"] is None
    again = post(hall, "/v1/help-requests", KIOSK, {"step": "payment"}, key)  # pressed twice
    assert again.json()["id"] == request_id

    listed = get(hall, "/v1/supervisor/help-requests", hall.clerk).json()["help_requests"]
    mine = [r for r in listed if r["id"] == request_id]
    assert len(mine) == 1
    assert mine[0]["terminal"] == "Anjungan 1" and mine[0]["step_label"]["en"] == "the payment step"
    events, _ = staff_events(hall, hall.clerk, after)
    raised = [e for e in events if e["kind"] == "help_requested" and e["help"]["id"] == request_id]
    assert len(raised) == 1 and raised[0]["zone"] == ""
    public = get(hall, "/v1/live/public/events", {}, after=after).json()["events"]
    assert all("help" not in e for e in public)  # the hall's TV and phones never see it

    ack = post(hall, f"/v1/supervisor/help-requests/{request_id}/acknowledge", hall.clerk)
    assert ack.status_code == 200 and ack.json()["state"] == "acknowledged"
    seen = get(hall, f"/v1/help-requests/{request_id}", KIOSK).json()
    assert seen["state"] == "acknowledged" and seen["acknowledged_by"] == "Ani"
    second = post(hall, f"/v1/supervisor/help-requests/{request_id}/acknowledge", hall.boss)
    assert second.json()["acknowledged_by"] == "Ani"  # the first one stands
    events, _ = staff_events(hall, hall.clerk, after)
    assert [e["kind"] for e in events if e.get("help", {}).get("id") == request_id] == [
        "help_requested",
        "help_acknowledged",
    ]
    assert get(hall, f"/v1/help-requests/{request_id}", OTHER).status_code == 404  # not its request


def test_a_new_session_closes_the_old_request_and_a_late_acknowledgement_is_refused(hall):
    old = post(hall, "/v1/help-requests", OTHER, {"step": "identify"}, help_key()).json()
    new = post(hall, "/v1/help-requests", OTHER, {"step": "welcome"}, help_key()).json()
    assert new["id"] != old["id"]
    assert get(hall, f"/v1/help-requests/{old['id']}", OTHER).json()["state"] == "closed"
    late = post(hall, f"/v1/supervisor/help-requests/{old['id']}/acknowledge", hall.clerk)
    assert late.status_code == 409 and late.json()["code"] == "help_request_ended"
    cancelled = post(hall, f"/v1/help-requests/{new['id']}/cancel", OTHER)
    assert cancelled.json()["state"] == "cancelled"
    assert post(hall, f"/v1/help-requests/{new['id']}/cancel", OTHER).json()["state"] == "cancelled"
    open_ids = {r["id"] for r in get(hall, "/v1/supervisor/help-requests", hall.clerk).json()["help_requests"]}
    assert old["id"] not in open_ids and new["id"] not in open_ids


def test_help_requests_need_a_terminal_and_staff_need_a_session(hall):
    assert post(hall, "/v1/help-requests", {}, {"step": "payment"}, help_key()).status_code == 401
    assert post(hall, "/v1/help-requests", KIOSK, {"step": "Robert'); DROP"}, help_key()).status_code == 422
    assert post(hall, "/v1/help-requests", KIOSK, {"step": "payment", "nik": "3273"}, help_key()).status_code == 422
    assert get(hall, "/v1/supervisor/help-requests", KIOSK).status_code == 401  # a terminal token is no session
    assert post(hall, "/v1/supervisor/help-requests/x/acknowledge", hall.clerk).status_code == 404


def test_conditions_of_a_heartbeat():
    assert conditions(heartbeat()) == {}
    assert conditions(heartbeat(printer="paper near end")) == {"paper_near_end": "paper near end"}
    assert conditions(heartbeat(printer="paper out", reader="no readers", open_for_citizens=False)) == {
        "printer_out": "paper out",
        "card_reader_missing": "no readers",
        "out_of_service": "closed to citizens",
    }


def _alerts_of(hall, terminal):
    found = get(hall, "/v1/supervisor/alerts", hall.clerk).json()["alerts"]
    return [a for a in found if a["terminal_id"] == terminal]


def test_alerts_are_raised_and_cleared_once_not_with_every_heartbeat(hall):
    terminal = "kiosk-hall-02"
    after = last_event_id(hall, hall.clerk)
    for _ in range(3):
        assert post(hall, "/v1/heartbeat", kiosk(2), heartbeat(printer="paper near end").model_dump(mode="json")).ok
    active = [a for a in _alerts_of(hall, terminal) if a["cleared_us"] is None]
    assert [(a["kind"], a["terminal"]) for a in active] == [("paper_near_end", "Anjungan 2")]
    post(hall, "/v1/heartbeat", kiosk(2), heartbeat(printer="paper out", reader="no readers").model_dump(mode="json"))
    post(hall, "/v1/heartbeat", kiosk(2), heartbeat().model_dump(mode="json"))
    events, _ = staff_events(hall, hall.clerk, after)
    mine = [(e["kind"], e["alert"]["kind"]) for e in events if e.get("alert", {}).get("terminal_id") == terminal]
    assert mine[:2] == [("alert_raised", "paper_near_end"), ("alert_raised", "printer_out")]
    assert mine[2] == ("alert_raised", "card_reader_missing")
    assert mine[3] == ("alert_cleared", "paper_near_end")  # paper out replaced near end in that heartbeat
    assert sorted(mine[4:]) == [("alert_cleared", "card_reader_missing"), ("alert_cleared", "printer_out")]
    assert all(a["cleared_us"] is not None for a in _alerts_of(hall, terminal))


def test_a_silent_kiosk_is_raised_offline_once_and_cleared_by_its_next_heartbeat(hall):
    terminal = "kiosk-hall-03"
    post(hall, "/v1/heartbeat", kiosk(3), heartbeat(open_for_citizens=False).model_dump(mode="json"))
    kinds = {a["kind"] for a in _alerts_of(hall, terminal) if a["cleared_us"] is None}
    assert kinds == {"out_of_service"}
    alerts = hall.app.state.alerts
    hall.clock.advance(alerts.offline_after_s + 5)
    alerts.sweep(force=True)
    alerts.sweep(force=True)
    active = [a for a in _alerts_of(hall, terminal) if a["cleared_us"] is None]
    offline = [a for a in active if a["kind"] == "offline"]
    assert len(offline) == 1
    post(hall, "/v1/heartbeat", kiosk(3), heartbeat().model_dump(mode="json"))
    assert all(a["cleared_us"] is not None for a in _alerts_of(hall, terminal))
    # Other kiosks of this module's central also went silent when the clock moved: heard again, cleared.
    for n in range(1, 7):
        post(hall, "/v1/heartbeat", kiosk(n), heartbeat().model_dump(mode="json"))


def test_the_overview_is_for_supervisors_and_counts_the_hall(hall):
    post(hall, "/v1/help-requests", kiosk(4), {"step": "ticket"}, help_key())
    assert get(hall, "/v1/supervisor/overview", hall.clerk).status_code == 403
    answer = get(hall, "/v1/supervisor/overview", hall.boss)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["site"]["id"] and {"alerts", "help_requests", "counters", "totals", "services"} <= set(body)
    assert any(r["terminal"] == "Anjungan 4" and r["state"] == "open" for r in body["help_requests"])


def test_requests_a_stopped_kiosk_never_withdrew_leave_the_lists(hall):
    # Last in the module: it moves the central's clock by hours.
    left = post(hall, "/v1/help-requests", kiosk(5), {"step": "service"}, help_key()).json()
    acknowledged = post(hall, "/v1/help-requests", kiosk(6), {"step": "service"}, help_key()).json()
    post(hall, f"/v1/supervisor/help-requests/{acknowledged['id']}/acknowledge", hall.clerk)

    def listed() -> set[str]:
        return {r["id"] for r in get(hall, "/v1/supervisor/help-requests", hall.clerk).json()["help_requests"]}

    assert {left["id"], acknowledged["id"]} <= listed()
    hall.clock.advance(31 * 60)
    assert left["id"] in listed() and acknowledged["id"] not in listed()  # the answered one goes first
    hall.clock.advance(90 * 60)
    assert left["id"] not in listed()


def test_the_demo_line_names_a_supervisor_account_that_signs_in(tmp_path):
    from central.supervisor.demo import demo_supervisor_line

    central = start(tmp_path / "demo.sqlite3", DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN})
    try:
        line = demo_supervisor_line(central)
        assert line == demo_supervisor_line(central)  # a second call leaves the account as it is
        assert f"{central.url}/supervisor" in line
        username, password = line.rsplit("account ", 1)[1].rstrip(")").split(" / ")
        answer = requests.post(
            f"{central.url}/v1/staff/login", json={"username": username, "password": password}, timeout=10
        )
        assert answer.status_code == 200 and answer.json()["staff"]["role"] == "supervisor"
    finally:
        central.stop()


def test_a_revoked_terminal_is_not_raised_offline(hall):
    """An administrator revoked it: it will never be heard again, so an "offline" alert could never clear."""
    store, clock = hall.app.state.store, hall.clock
    with store.write() as conn:
        conn.execute(
            "INSERT INTO terminals (terminal_id, token_hash, enrolled_us, revoked_us) VALUES (?,?,?,?)",
            ("kiosk-gone-09", "00" * 32, to_us(clock()), to_us(clock())),
        )
        conn.execute(
            "INSERT INTO heartbeats (terminal_id, received_us, body) VALUES (?,?,?)",
            ("kiosk-gone-09", to_us(clock()), heartbeat().model_dump_json()),
        )
    alerts = hall.app.state.alerts
    clock.advance(alerts.offline_after_s + 5)
    alerts.sweep(force=True)
    assert not [a for a in _alerts_of(hall, "kiosk-gone-09") if a["kind"] == "offline"]
    for n in range(1, 7):  # the module's other kiosks went silent too: heard again, cleared
        post(hall, "/v1/heartbeat", kiosk(n), heartbeat().model_dump(mode="json"))
