"""Enrolment with a one-time code, and the token file."""

import stat

import pytest

from central.testing import TEST_TERMINAL
from kiosk.api import CentralClient, CentralRejected, CentralSettings, token_file_too_open, write_token_file
from kiosk.contract import EnrolRequest

CODE = "MPP-BDG-ENROL-0001"  # from config/catalog.toml [demo]


def _settings(central, terminal_id: str, **kw) -> CentralSettings:
    return CentralSettings(base_url=central.url, terminal_id=terminal_id, backoff_s=0.01, **kw)


def test_enrol_then_use_the_token_from_the_token_file(central, tmp_path):
    token_file = tmp_path / "secrets" / "terminal.token"
    settings = _settings(central, "kiosk-new-01", token_file=token_file)
    with CentralClient(settings) as client:
        with pytest.raises(CentralRejected, match="unauthorized"):
            client.get_catalog()
        creds = client.enrol(EnrolRequest(code=CODE, terminal_id="kiosk-new-01"))
        assert creds.terminal_id == "kiosk-new-01"
        assert creds.token not in repr(creds)
        write_token_file(token_file, creds.token)
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert not token_file_too_open(token_file)
    with CentralClient(settings) as enrolled:  # token read from token_file
        assert enrolled.get_catalog().site.id == "mpp-bandung"


def test_a_used_code_is_refused_even_for_the_same_terminal(central):
    with CentralClient(_settings(central, "kiosk-new-02")) as client:
        first = client.enrol(EnrolRequest(code=CODE, terminal_id="kiosk-new-02"))
        with pytest.raises(CentralRejected) as exc:  # a new call: another Idempotency-Key
            client.enrol(EnrolRequest(code=CODE, terminal_id="kiosk-new-02"))
        assert (exc.value.status, exc.value.code) == (409, "enrolment_code_used")
        client.set_token(first.token)
        assert client.get_queues().queues
    with CentralClient(_settings(central, "kiosk-thief")) as other:
        with pytest.raises(CentralRejected) as exc:
            other.enrol(EnrolRequest(code=CODE, terminal_id="kiosk-thief"))
    assert (exc.value.status, exc.value.code) == (409, "enrolment_code_used")


def test_rotation_gives_a_new_token_and_the_old_one_stops_working(central, tmp_path):
    with CentralClient(_settings(central, "kiosk-new-04")) as client:
        old = client.enrol(EnrolRequest(code=CODE, terminal_id="kiosk-new-04")).token
        client.set_token(old)
        new = client.rotate_token()
        assert new.terminal_id == "kiosk-new-04" and new.token != old
        with pytest.raises(CentralRejected, match="unauthorized"):
            client.get_queues()
        client.set_token(new.token)
        assert client.get_queues().queues


def test_a_static_terminal_cannot_rotate(central):
    from central.testing import TEST_TOKEN

    with CentralClient(_settings(central, TEST_TERMINAL), TEST_TOKEN) as client:
        with pytest.raises(CentralRejected) as exc:
            client.rotate_token()
    assert (exc.value.status, exc.value.code) == (409, "terminal_static")


def test_unknown_code_and_static_terminal_are_refused(central):
    with CentralClient(_settings(central, "kiosk-new-03")) as client:
        with pytest.raises(CentralRejected) as exc:
            client.enrol(EnrolRequest(code="WRONG-CODE-123", terminal_id="kiosk-new-03"))
        assert (exc.value.status, exc.value.code) == (403, "enrolment_code_invalid")
        with pytest.raises(CentralRejected) as exc:
            client.enrol(EnrolRequest(code="MPP-BDG-ENROL-0002", terminal_id=TEST_TERMINAL))
        assert exc.value.code == "terminal_exists"


def test_token_file_is_replaced_atomically_and_stays_private(tmp_path):
    path = tmp_path / "terminal.token"
    path.write_text("old")
    path.chmod(0o644)
    assert token_file_too_open(path)
    write_token_file(path, "new-token-0123456789")
    assert path.read_text() == "new-token-0123456789\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["terminal.token"]


def test_a_slow_first_attempt_does_not_replace_the_token_the_retry_got(central, faults):
    """The client gives up on attempt 1 (read timeout) and retries with the same Idempotency-Key;
    attempt 1 is still processed afterwards. Both must stand for the same token."""
    import time

    settings = _settings(central, "kiosk-new-05", read_timeout_s=0.5)
    faults.set("slow", delay_s=1.5, times=1)
    with CentralClient(settings) as client:
        creds = client.enrol(EnrolRequest(code=CODE, terminal_id="kiosk-new-05"))
        assert faults.requests("POST /v1/terminals/enrol") == 2
        time.sleep(2.0)  # attempt 1 wakes up and is answered into the void
        client.set_token(creds.token)
        assert client.get_queues().queues
        old = creds.token
        faults.set("slow", delay_s=1.5, times=1)
        rotated = client.rotate_token()
        time.sleep(2.0)
        client.set_token(rotated.token)
        assert rotated.token != old and client.get_queues().queues
