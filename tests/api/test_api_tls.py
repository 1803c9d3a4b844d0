"""TLS is verified: a central with an untrusted certificate is refused unless its CA is given."""

import subprocess

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import TEST_TERMINAL, TEST_TOKEN, self_signed_cert
from kiosk.api import CentralClient, CentralSettings, CentralUnavailable


@pytest.fixture
def tls_central(tmp_path):
    try:
        cert, key = self_signed_cert(tmp_path)
    except (FileNotFoundError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot make a test certificate: {exc}")
    running = start(
        tmp_path / "central.sqlite3",
        DEFAULT_CATALOG,
        {TEST_TERMINAL: TEST_TOKEN},
        ssl_certfile=cert,
        ssl_keyfile=key,
        faults_enabled=True,
    )
    yield running, cert
    running.stop()


def test_untrusted_certificate_is_refused_without_retries(tls_central):
    central, _cert = tls_central
    assert central.url.startswith("https://127.0.0.1:")
    settings = CentralSettings(base_url=central.url, terminal_id=TEST_TERMINAL, backoff_s=0.01)
    with CentralClient(settings, TEST_TOKEN) as client:
        with pytest.raises(CentralUnavailable, match=r"GET /v1/catalog: TLS error .*check ca_bundle"):
            client.get_catalog()
    assert _api_requests_seen(central, _cert) == 0  # the handshake failed: no HTTP request got through


def _api_requests_seen(central, cert) -> int:
    import requests

    from central.testing import fault_headers

    r = requests.get(central.url + "/__faults__", headers=fault_headers(central.url), verify=str(cert), timeout=5)
    return sum(r.json()["requests"].values())


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_verification_can_be_switched_off_on_a_lab_bench(tls_central):
    central, _cert = tls_central
    settings = CentralSettings(base_url=central.url, terminal_id=TEST_TERMINAL, verify_tls=False)
    with CentralClient(settings, TEST_TOKEN) as client:
        assert client.get_time().site_timezone == "Asia/Jakarta"


def test_trusted_with_the_ca_bundle_even_when_the_environment_names_another(tls_central, monkeypatch):
    # requests would let REQUESTS_CA_BUNDLE override Session.verify; the client must not.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    central, cert = tls_central
    settings = CentralSettings(base_url=central.url, terminal_id=TEST_TERMINAL, ca_bundle=cert)
    with CentralClient(settings, TEST_TOKEN) as client:
        assert client.get_catalog().site.id == "mpp-bandung"
