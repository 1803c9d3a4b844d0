"""Enrolment codes: used once, bound to a terminal or site, never re-keying an enrolled terminal;
replay only of the very same request (Idempotency-Key) within 10 minutes; hashes only on disk."""

import pytest
import requests

from central.store import Store
from central.terminal_admin import issue_code, revoke
from central.testing import TEST_TERMINAL, SettableClock, utc
from kiosk.api import CentralClient, CentralRejected, CentralSettings
from kiosk.contract import EnrolRequest
from tests.central.conftest import dump_tables


def post_enrol(central, code: str, terminal_id: str, key: str | None = None) -> requests.Response:
    headers = {"Idempotency-Key": key} if key else {}
    return requests.post(
        central.url + "/v1/terminals/enrol", json={"code": code, "terminal_id": terminal_id}, headers=headers, timeout=5
    )


def queues_status(central, terminal_id: str, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}", "X-Terminal-Id": terminal_id}
    return requests.get(central.url + "/v1/queues", headers=headers, timeout=5).status_code


def db_of(central) -> Store:
    return central.app.state.store


@pytest.fixture
def central_at(make_central):
    def _make(clock=None, codes=("CODE-FOR-TEST-1", "CODE-FOR-TEST-2")):
        central = make_central(clock=clock, enrolment_codes=list(codes))
        return central

    return _make


def test_a_fresh_code_does_not_rekey_an_enrolled_terminal(central_at):
    central = central_at()
    first = post_enrol(central, "CODE-FOR-TEST-1", "kiosk-x")
    assert first.status_code == 200
    token = first.json()["token"]
    takeover = post_enrol(central, "CODE-FOR-TEST-2", "kiosk-x")
    assert (takeover.status_code, takeover.json()["code"]) == (409, "terminal_enrolled")
    assert queues_status(central, "kiosk-x", token) == 200  # the real kiosk is not locked out
    assert post_enrol(central, "CODE-FOR-TEST-2", "kiosk-y").status_code == 200  # the refusal did not use it up


def test_a_used_code_is_refused_to_anyone_but_the_same_request(central_at):
    clock = SettableClock(utc(2026, 11, 27, 1, 0, 0))
    central = central_at(clock)
    first = post_enrol(central, "CODE-FOR-TEST-1", "kiosk-x", key="key-of-the-real-kiosk")
    token = first.json()["token"]
    clock.advance(60)
    for key in (None, "another-key"):  # whoever saw the code, within the old 10-minute window
        again = post_enrol(central, "CODE-FOR-TEST-1", "kiosk-x", key=key)
        assert (again.status_code, again.json()["code"]) == (409, "enrolment_code_used")
    assert queues_status(central, "kiosk-x", token) == 200


def test_the_same_request_after_a_lost_answer_gets_the_same_token_for_ten_minutes(central_at):
    clock = SettableClock(utc(2026, 11, 27, 1, 0, 0))
    central = central_at(clock)
    lost = post_enrol(central, "CODE-FOR-TEST-1", "kiosk-x", key="k-1").json()["token"]
    clock.advance(600)
    kept = post_enrol(central, "CODE-FOR-TEST-1", "kiosk-x", key="k-1")
    assert kept.status_code == 200 and kept.json()["token"] == lost
    assert queues_status(central, "kiosk-x", lost) == 200
    clock.advance(1)
    late = post_enrol(central, "CODE-FOR-TEST-1", "kiosk-x", key="k-1")
    assert (late.status_code, late.json()["code"]) == (409, "enrolment_code_used")


def test_a_repeat_after_revocation_is_refused(central_at):
    central = central_at()
    post_enrol(central, "CODE-FOR-TEST-1", "kiosk-x", key="k-1")
    assert revoke(db_of(central), "kiosk-x")
    again = post_enrol(central, "CODE-FOR-TEST-1", "kiosk-x", key="k-1")
    assert (again.status_code, again.json()["code"]) == (409, "enrolment_code_used")


def test_codes_are_bound_to_their_terminal_or_site_and_expire(central_at):
    clock = SettableClock(utc(2026, 11, 27, 1, 0, 0))
    central = central_at(clock, codes=())
    db = db_of(central)
    for_x = issue_code(db, terminal_id="kiosk-x", now=clock())
    elsewhere = issue_code(db, site_id="mpp-elsewhere", now=clock())
    site = issue_code(db, site_id="mpp-bandung", now=clock())
    assert post_enrol(central, for_x, "kiosk-y").json()["code"] == "enrolment_code_invalid"
    assert post_enrol(central, elsewhere, "kiosk-y").json()["code"] == "enrolment_code_invalid"
    clock.advance(72 * 3600)
    assert post_enrol(central, site, "kiosk-y").json()["code"] == "enrolment_code_expired"
    fresh = issue_code(db, terminal_id="kiosk-x", now=clock())
    assert post_enrol(central, fresh, "kiosk-x").status_code == 200


def test_revoked_terminal_is_locked_out_and_may_be_enrolled_again(central_at):
    central = central_at()
    db = db_of(central)
    token = post_enrol(central, "CODE-FOR-TEST-1", "kiosk-x").json()["token"]
    from central.terminal_admin import TerminalAdminError

    with pytest.raises(TerminalAdminError, match="revoke it first"):
        issue_code(db, terminal_id="kiosk-x")
    assert revoke(db, "kiosk-x") is True
    assert revoke(db, "kiosk-x") is False  # nothing left to revoke
    assert queues_status(central, "kiosk-x", token) == 401
    again = post_enrol(central, issue_code(db, terminal_id="kiosk-x"), "kiosk-x")
    assert again.status_code == 200 and queues_status(central, "kiosk-x", again.json()["token"]) == 200


def test_codes_and_tokens_are_stored_as_hashes(make_central):
    central = make_central(enrolment_codes=["CODE-FOR-TEST-2"])
    with CentralClient(CentralSettings(base_url=central.url, terminal_id="kiosk-y")) as client:
        creds = client.enrol(EnrolRequest(code="CODE-FOR-TEST-2", terminal_id="kiosk-y"))
        client.set_token(creds.token)
        rotated = client.rotate_token()
    dump = dump_tables(central)
    assert "kiosk-y" in dump
    assert "CODE-FOR-TEST-2" not in dump and creds.token not in dump and rotated.token not in dump


def test_static_terminal_cannot_be_enrolled(make_central):
    central = make_central(enrolment_codes=["CODE-FOR-TEST-3"])
    with CentralClient(CentralSettings(base_url=central.url, terminal_id=TEST_TERMINAL, retries=0)) as client:
        with pytest.raises(CentralRejected) as exc:
            client.enrol(EnrolRequest(code="CODE-FOR-TEST-3", terminal_id=TEST_TERMINAL))
    assert exc.value.code == "terminal_exists"


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
