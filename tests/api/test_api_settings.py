"""CentralSettings validation."""

import pytest
from pydantic import ValidationError

from kiosk.api import CentralSettings


def test_plain_http_to_a_remote_host_is_refused_with_a_reason():
    with pytest.raises(ValidationError, match=r"plain http to a non-loopback host.*Use https://"):
        CentralSettings(base_url="http://central.mpp.go.id", terminal_id="k1")


@pytest.mark.parametrize("url", ["https://central.mpp.go.id/api/", "http://127.0.0.1:8470", "http://[::1]:8470"])
def test_accepted_urls_lose_the_trailing_slash(url):
    assert CentralSettings(base_url=url, terminal_id="k1").base_url == url.rstrip("/")


@pytest.mark.parametrize("url", ["ftp://x", "central.mpp.go.id", "https://x/?a=1"])
def test_other_urls_are_refused(url):
    with pytest.raises(ValidationError, match="base_url"):
        CentralSettings(base_url=url, terminal_id="k1")


def test_defaults_and_unknown_keys():
    s = CentralSettings(base_url="https://c.example", terminal_id="k1")
    assert (s.connect_timeout_s, s.read_timeout_s, s.retries, s.backoff_s, s.offline_after_failures) == (
        3,
        5,
        3,
        0.2,
        3,
    )
    assert s.verify_tls is True
    with pytest.raises(ValidationError, match="Extra inputs"):
        CentralSettings(base_url="https://c.example", terminal_id="k1", timeout=3)


def test_token_file(tmp_path):
    token = tmp_path / "token"
    s = CentralSettings(base_url="https://c.example", terminal_id="k1", token_file=token)
    assert s.read_token() is None
    token.write_text("abc123\n")
    assert s.read_token() == "abc123"


def test_every_field_is_documented():
    for name, info in CentralSettings.model_fields.items():
        assert info.description, name
