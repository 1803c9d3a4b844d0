"""Heartbeats reach the central and show in the supervisor's list of the site's kiosks
(``/v1/supervisor/overview`` -> ``kiosks``). The old public page ``GET /fleet`` listed every
site's terminals, states and versions to anyone: it now sends the browser to the sign-in of
``/supervisor`` and shows nothing itself."""

from __future__ import annotations

import time

import requests

from central.cli import DEMO_CATALOGS
from central.server import start
from central.terminal_admin import issue_code, revoke
from central.testing import TEST_TERMINAL, TEST_TOKEN
from kiosk.devices.printer.status import PrinterStatus, encode_status
from kiosk.heartbeat import HeartbeatSender, printer_health, reader_health
from tests.central.conftest import client_for
from tests.central.supervisor_helpers import login


def near_end_status() -> PrinterStatus:
    return PrinterStatus.from_replies({1: encode_status(1), 2: encode_status(2), 4: encode_status(4, near_end=True)})


def send_heartbeat(client, snapshot: dict) -> None:
    sender = HeartbeatSender(client, lambda: snapshot, interval_s=3600)
    try:
        ack = sender.send_now().result(10)
        assert ack is not None and abs(ack.clock_skew_s) < 5, sender.last_error
    finally:
        sender.stop()


def kiosks(central, headers: dict) -> dict[str, dict]:
    answer = requests.get(central.url + "/v1/supervisor/overview", headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text
    return {k["terminal_id"]: k for k in answer.json()["kiosks"]}


def test_the_supervisor_sees_each_kiosk_by_its_last_heartbeat(make_central, client_factory):
    central = make_central()
    boss = login(central, "kepala-fleet", role="supervisor")
    assert kiosks(central, boss) == {}
    snapshot = {
        "devices": {"printer": printer_health(near_end_status()), "card_reader": reader_health("no_readers")},
        "journal_backlog": 3,
        "open_for_citizens": False,
    }
    send_heartbeat(client_factory(central), snapshot)
    row = kiosks(central, boss)[TEST_TERMINAL]
    assert row["state"] == "closed" and row["journal_backlog"] == 3 and 0 <= row["seconds_ago"] < 5
    assert row["printer"] == {"state": "degraded", "detail": "paper near end"}
    assert row["card_reader"] == {"state": "fault", "detail": "no readers"}
    # Staff of the counters and anyone without a session do not get the list.
    counter = login(central, "loket-fleet")
    assert requests.get(central.url + "/v1/supervisor/overview", headers=counter, timeout=10).status_code == 403
    assert requests.get(central.url + "/v1/supervisor/overview", timeout=10).status_code == 401


def test_the_old_fleet_address_shows_nothing_and_sends_to_the_sign_in(make_central, client_factory):
    central = make_central()
    send_heartbeat(client_factory(central), {"journal_backlog": 0})
    answer = requests.get(central.url + "/fleet", allow_redirects=False, timeout=5)
    assert answer.status_code == 302 and answer.headers["location"] == "/supervisor"
    assert TEST_TERMINAL not in answer.text
    followed = requests.get(central.url + "/fleet", timeout=5)
    assert followed.status_code == 200 and "Supervisor sign-in" in followed.text and TEST_TERMINAL not in followed.text


def test_each_site_sees_its_own_kiosks_and_not_revoked_ones(new_db):
    badung_terminal, badung_token = "kiosk-badung-01", "badung-token-0123456789"
    terminals = {TEST_TERMINAL: TEST_TOKEN, badung_terminal: {"token": badung_token, "site": "mpp-badung"}}
    with start(new_db(), DEMO_CATALOGS, terminals) as central:
        code = issue_code(central.app.state.store, site_id="mpp-badung")
        enrolled = requests.post(
            central.url + "/v1/terminals/enrol", json={"code": code, "terminal_id": "kiosk-badung-02"}, timeout=5
        ).json()["token"]
        for terminal, token in (
            (TEST_TERMINAL, TEST_TOKEN),
            (badung_terminal, badung_token),
            ("kiosk-badung-02", enrolled),
        ):
            with client_for(central, terminal, token) as client:
                send_heartbeat(client, {"open_for_citizens": True})
        central.app.state.staff.add("kepala-bdg", "rahasia-bdg-1", "supervisor", site="mpp-bandung")
        central.app.state.staff.add("kepala-bali", "rahasia-bali-1", "supervisor", site="mpp-badung")

        def sign_in(user: str, password: str) -> dict:
            answer = requests.post(
                central.url + "/v1/staff/login", json={"username": user, "password": password}, timeout=10
            )
            return {"Authorization": f"Bearer {answer.json()['token']}"}

        bandung, badung = sign_in("kepala-bdg", "rahasia-bdg-1"), sign_in("kepala-bali", "rahasia-bali-1")
        assert set(kiosks(central, bandung)) == {TEST_TERMINAL}
        assert set(kiosks(central, badung)) == {badung_terminal, "kiosk-badung-02"}
        assert kiosks(central, badung)["kiosk-badung-02"]["state"] == "open"
        revoke(central.app.state.store, "kiosk-badung-02")
        assert set(kiosks(central, badung)) == {badung_terminal}


def test_a_running_kiosk_sends_its_heartbeat_on_start(tmp_path):
    from kiosk.assembly import KioskRuntime
    from kiosk.runtime.scheduler import ManualScheduler
    from launcher.demo import demo_environment

    with demo_environment(tmp_path) as env:
        boss = login(env.central, "kepala-demo-fleet", role="supervisor")
        runtime = KioskRuntime(env.config, ManualScheduler(), env.token)
        runtime.start()
        try:
            for _ in range(100):
                seen = kiosks(env.central, boss)
                if "DEMO-01" in seen:
                    break
                time.sleep(0.05)
            row = seen["DEMO-01"]
            assert "0.1.0" in (row["app_version"] or "")  # versions travel in the heartbeat
            assert runtime.heartbeat.last_error is None
        finally:
            runtime.stop()


def test_a_failed_heartbeat_is_reported_not_raised(make_central, client_factory):
    central = make_central()
    sender = HeartbeatSender(client_factory(central, token="wrong-token-0123456789"), lambda: {}, interval_s=3600)
    try:
        assert sender.send_now().result(10) is None
        assert "unauthorized" in (sender.last_error or "")
    finally:
        sender.stop()
