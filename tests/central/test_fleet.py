"""Heartbeats reach the reference central and show on its fleet page (GET /fleet)."""

from __future__ import annotations

import time

import requests

from central.testing import TEST_TERMINAL
from kiosk.devices.printer.status import PrinterStatus, encode_status
from kiosk.heartbeat import HeartbeatSender, printer_health, reader_health


def near_end_status() -> PrinterStatus:
    return PrinterStatus.from_replies({1: encode_status(1), 2: encode_status(2), 4: encode_status(4, near_end=True)})


def test_fleet_page_shows_the_last_heartbeat_of_each_terminal(make_central, client_factory):
    central = make_central()
    assert "No heartbeat received yet" in requests.get(central.url + "/fleet", timeout=5).text
    snapshot = {
        "devices": {"printer": printer_health(near_end_status()), "card_reader": reader_health("no_readers")},
        "journal_backlog": 3,
        "open_for_citizens": False,
    }
    sender = HeartbeatSender(client_factory(central), lambda: snapshot, interval_s=3600)
    try:
        ack = sender.send_now().result(10)
        assert ack is not None and abs(ack.clock_skew_s) < 5
    finally:
        sender.stop()
    page = requests.get(central.url + "/fleet", timeout=5)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    row = next(line for line in page.text.splitlines() if TEST_TERMINAL in line)
    assert "degraded: paper near end" in row and "fault: no readers" in row
    assert "closed" in row and "<td>3</td>" in row


def test_a_failed_heartbeat_is_reported_not_raised(make_central, client_factory):
    central = make_central()
    sender = HeartbeatSender(client_factory(central, token="wrong-token-0123456789"), lambda: {}, interval_s=3600)
    try:
        assert sender.send_now().result(10) is None
        assert "unauthorized" in (sender.last_error or "")
    finally:
        sender.stop()


def test_a_running_kiosk_sends_its_heartbeat_on_start(tmp_path):
    from kiosk.assembly import KioskRuntime
    from kiosk.runtime.scheduler import ManualScheduler
    from launcher.demo import demo_environment

    with demo_environment(tmp_path) as env:
        runtime = KioskRuntime(env.config, ManualScheduler(), env.token)
        runtime.start()
        try:
            for _ in range(100):
                text = requests.get(env.central_url + "/fleet", timeout=5).text
                if "DEMO-01" in text:
                    break
                time.sleep(0.05)
            row = next(line for line in text.splitlines() if "DEMO-01" in line)
            assert "software" not in row and "0.1.0" in row  # versions travel in the heartbeat
            assert runtime.heartbeat.last_error is None
        finally:
            runtime.stop()
