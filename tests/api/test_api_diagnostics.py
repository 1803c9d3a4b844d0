"""The technician's central check against a real loopback central."""

import re
from datetime import UTC, datetime, timedelta

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import TEST_TERMINAL, TEST_TOKEN, SettableClock
from kiosk.api import CentralClient, CentralSettings
from kiosk.api.diagnostics import check_central


def test_healthy_central(client):
    result = check_central(client)
    assert result.ok and result.reachable and result.authorized
    assert result.catalog_version == "2026.11-demo"
    assert result.site_timezone == "Asia/Jakarta"
    assert result.latency_ms is not None and result.latency_ms >= 0
    assert abs(result.clock_skew_s) < MAX_SAME_MACHINE_SKEW_S


MAX_SAME_MACHINE_SKEW_S = 5.0  # same machine, same clock: anything near zero


def test_wrong_token_is_reported(settings):
    with CentralClient(settings, "wrong-token") as client:
        result = check_central(client)
    assert result.reachable and not result.authorized
    assert "central refused this terminal: unauthorized" in result.problem


def test_stopped_central_is_reported(central, settings):
    central.stop()
    with CentralClient(settings.model_copy(update={"retries": 0}), TEST_TOKEN) as client:
        result = check_central(client)
    assert not result.reachable and result.problem.startswith("central not reachable")


def test_a_kiosk_of_another_site_is_told_its_own_sites_time_zone(tmp_path):
    from central.cli import DEMO_CATALOGS

    terminals = {
        TEST_TERMINAL: TEST_TOKEN,
        "kiosk-badung-01": {"token": "badung-token-0123456789", "site": "mpp-badung"},
    }
    with start(tmp_path / "c.sqlite3", DEMO_CATALOGS, terminals) as central:
        settings = CentralSettings(base_url=central.url, terminal_id="kiosk-badung-01")
        with CentralClient(settings, "badung-token-0123456789") as client:
            result = check_central(client)
    # Badung is WITA; /v1/time, public, names the default site's zone (Bandung, WIB).
    assert result.authorized and result.site_timezone == "Asia/Makassar"


def test_clock_skew_is_measured(tmp_path):
    central_clock = SettableClock(datetime.now(UTC) - timedelta(hours=1))  # central 1 h behind
    with start(tmp_path / "c.sqlite3", DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN}, clock=central_clock) as central:
        with CentralClient(CentralSettings(base_url=central.url, terminal_id=TEST_TERMINAL), TEST_TOKEN) as client:
            result = check_central(client)
    assert abs(result.clock_skew_s - 3600) < MAX_SAME_MACHINE_SKEW_S
    assert result.authorized and re.search(r"clock skew \+360[01] s", result.problem)
