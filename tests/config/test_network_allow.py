"""The unit's IP allow-list drop-in: the central, the network printer, the name servers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.config import parse_config
from kiosk.config.network_allow import drop_in

ROOT = Path(__file__).resolve().parents[2]
BASE = """
[terminal]
name = "Lobby"
[central]
base_url = "{url}"
terminal_id = "T-01"
[printer]
backend = "network"
host = "{printer}"
"""


def resolver(table: dict[str, list[str]]):
    def resolve(host: str) -> list[str]:
        if host not in table:
            raise OSError(f"cannot resolve {host}")
        return table[host]

    return resolve


def test_the_central_printer_and_name_servers_are_allowed(tmp_path):
    resolv = tmp_path / "resolv.conf"
    resolv.write_text("search example\nnameserver 10.0.0.1\nnameserver 127.0.0.53\nnameserver fe80::1%eth0\n")
    config = parse_config(BASE.format(url="https://central.example.go.id:8443/api", printer="192.0.2.50"))
    text = drop_in(config, resolver({"central.example.go.id": ["203.0.113.7", "2001:db8::7"]}), resolv)
    allowed = [line for line in text.splitlines() if line.startswith("IPAddress")]
    assert allowed == [
        "IPAddressAllow=203.0.113.7 2001:db8::7",
        "IPAddressAllow=192.0.2.50",
        "IPAddressAllow=10.0.0.1 fe80::1",
    ]
    assert text.splitlines()[1] == "[Service]"


def test_an_unresolvable_central_lifts_the_deny_rule_rather_than_cut_the_kiosk_off(tmp_path):
    config = parse_config(BASE.format(url="https://central.example.go.id", printer="192.0.2.50"))
    text = drop_in(config, resolver({}), tmp_path / "missing")
    assert "IPAddressDeny=\n" in text and "IPAddressAllow" not in text
    assert "central.example.go.id could not be resolved" in text


def test_diagnose_names_an_address_the_unit_may_not_reach(tmp_path):
    from kiosk.diagnostics.checks import check_network_allow

    config = parse_config(BASE.format(url="http://127.0.0.1:8080", printer="192.0.2.50"))
    drop = tmp_path / "50-network.conf"
    drop.write_text(drop_in(parse_config(BASE.format(url="http://127.0.0.1:8080", printer="192.0.2.50"))))
    assert check_network_allow(config, drop).status == "OK"
    # The printer was given a new address on the admin screens; the drop-in was not rewritten.
    moved = parse_config(BASE.format(url="http://127.0.0.1:8080", printer="192.0.2.77"))
    result = check_network_allow(moved, drop)
    assert result.status == "FAIL" and "192.0.2.77" in result.reason
    assert "network-allow.sh" in result.action
    assert check_network_allow(moved, tmp_path / "none").status == "OK"  # not an installed terminal


def test_diagnose_warns_when_the_central_name_does_not_resolve_now(tmp_path):
    from kiosk.diagnostics.checks import check_network_allow

    config = parse_config(BASE.format(url="https://central.example.go.id", printer="192.0.2.50"))
    drop = tmp_path / "50-network.conf"
    drop.write_text(drop_in(config, resolver({"central.example.go.id": ["203.0.113.7"]}), tmp_path / "missing"))
    assert check_network_allow(config, drop, resolver({"central.example.go.id": ["203.0.113.7"]})).status == "OK"
    # DNS is down: the check cannot tell whether the list still holds the central; it says so
    # (it used to say OK: the drop-in it computed for comparison lifted the rule, "nothing missing").
    result = check_network_allow(config, drop, resolver({}))
    assert result.status == "WARN" and "does not resolve" in result.reason


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_unit_allows_loopback_only_by_itself_and_its_exposure_stays_low():
    unit = ROOT / "deploy/systemd/anjungan-kiosk.service"
    text = unit.read_text()
    assert "IPAddressDeny=any" in text and "IPAddressAllow=localhost" in text
    assert "ReadWritePaths=/etc/anjungan" not in text  # the config is root's, read-only here
    proc = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", "--threshold=20", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    score = float(proc.stdout.rsplit("Overall exposure level for anjungan-kiosk.service: ", 1)[1].split()[0])
    assert score <= 1.6, proc.stdout[-2000:]
