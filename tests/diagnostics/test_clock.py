"""diagnose's clock check: the site's time zone (terminal.time_zone) and time synchronisation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.config import ConfigError, parse_config
from kiosk.diagnostics.clock import check_clock

BASE = """
[terminal]
name = "Clock test"
{zone}
[central]
base_url = "http://127.0.0.1:9"
terminal_id = "T-01"
[printer]
backend = "virtual"
"""


def config(zone: str | None):
    return parse_config(BASE.format(zone=f'time_zone = "{zone}"' if zone else ""))


def localtime(tmp_path: Path, zone: str) -> Path:
    link = tmp_path / "localtime"
    os.symlink(f"/usr/share/zoneinfo/{zone}", link)
    return link


def test_a_clock_in_another_zone_than_the_site_is_a_warning(tmp_path):
    result = check_clock(config("Asia/Makassar"), localtime(tmp_path, "Etc/UTC"), lambda: True)
    assert result.status == "WARN"
    assert result.reason.startswith("the clock is set to Etc/UTC, terminal.time_zone is Asia/Makassar")
    assert result.action.startswith("sudo timedatectl set-timezone Asia/Makassar")


def test_the_sites_zone_synchronised_is_ok_and_unsynchronised_a_warning(tmp_path):
    link = localtime(tmp_path, "Asia/Jakarta")
    ok = check_clock(config("Asia/Jakarta"), link, lambda: True)
    assert (ok.status, ok.reason) == ("OK", "Asia/Jakarta, synchronised")
    drifting = check_clock(config("Asia/Jakarta"), link, lambda: False)
    assert drifting.status == "WARN" and "not synchronised" in drifting.reason


def test_an_unknown_time_zone_is_a_config_error():
    with pytest.raises(ConfigError) as caught:
        config("Asia/Atlantis")
    assert "terminal.time_zone: not a time zone this system knows" in caught.value.report()
