"""Enrolment codes: one use, a short replay window for the same terminal, hashes only on disk."""

import pytest

from central.testing import SettableClock, utc
from kiosk.api import CentralClient, CentralRejected, CentralSettings
from kiosk.contract import EnrolRequest
from tests.central.conftest import dump_tables


def test_replay_window_closes_after_ten_minutes(make_central, tmp_path):
    clock = SettableClock(utc(2026, 11, 27, 1, 0, 0))
    central = make_central(clock=clock, enrolment_codes=["CODE-FOR-TEST-1"])
    settings = CentralSettings(base_url=central.url, terminal_id="kiosk-x", retries=0)
    with CentralClient(settings) as client:
        client.enrol(EnrolRequest(code="CODE-FOR-TEST-1", terminal_id="kiosk-x"))
        clock.advance(600)
        client.enrol(EnrolRequest(code="CODE-FOR-TEST-1", terminal_id="kiosk-x"))  # still inside
        clock.advance(601)
        with pytest.raises(CentralRejected) as exc:
            client.enrol(EnrolRequest(code="CODE-FOR-TEST-1", terminal_id="kiosk-x"))
    assert exc.value.code == "enrolment_code_used"


def test_codes_and_tokens_are_stored_as_hashes(make_central):
    central = make_central(enrolment_codes=["CODE-FOR-TEST-2"])
    with CentralClient(CentralSettings(base_url=central.url, terminal_id="kiosk-y")) as client:
        creds = client.enrol(EnrolRequest(code="CODE-FOR-TEST-2", terminal_id="kiosk-y"))
    dump = dump_tables(central)
    assert "kiosk-y" in dump
    assert "CODE-FOR-TEST-2" not in dump and creds.token not in dump


def test_demo_central_accepts_the_demo_terminal(tmp_path):
    from central.server import start_demo

    with start_demo(tmp_path / "demo.sqlite3") as central:
        (terminal_id, token), *_ = central.terminals.items()
        with CentralClient(CentralSettings(base_url=central.url, terminal_id=terminal_id), token) as client:
            assert client.get_catalog().site.name == "MPP Kota Bandung"


def test_heartbeat_reports_the_clock_skew(make_central, client_factory):
    from datetime import timedelta

    from kiosk.contract import Heartbeat

    clock = SettableClock(utc(2026, 11, 27, 2, 0, 0))
    client = client_factory(make_central(clock=clock))
    ack = client.send_heartbeat(Heartbeat(sent_at=clock() + timedelta(seconds=42), app_version="0.1.0"))
    assert ack.clock_skew_s == 42.0
    assert ack.received_at == utc(2026, 11, 27, 2, 0, 0)
