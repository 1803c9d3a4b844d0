"""``diagnose --acceptance`` against real parts on 127.0.0.1 (reference central, loopback printer,
pcscd + vpcd with a test card); the display and touchscreen from a sysfs tree made here."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.diagnostics.acceptance import AcceptanceRun, acceptance
from tests.pcsc.cards import UidCard

from .conftest import ROOT
from .test_diagnose_cli import CARD_UID, wait_for_card

pytestmark = pytest.mark.pcsc
WHEN = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


def fake_sysfs(tmp_path: Path, width_cm: int = 53, height_cm: int = 30) -> tuple[Path, Path]:
    sysfs, udev = tmp_path / "sys", tmp_path / "udev"
    connector = sysfs / "class/drm/card0-HDMI-A-1"
    connector.mkdir(parents=True)
    (connector / "status").write_text("connected\n")
    (connector / "modes").write_text("1920x1080\n1280x720\n")
    edid = bytearray(128)
    edid[21], edid[22] = width_cm, height_cm
    (connector / "edid").write_bytes(bytes(edid))
    (sysfs / "class/drm/card0-DP-1").mkdir()
    (sysfs / "class/drm/card0-DP-1/status").write_text("disconnected\n")
    event = sysfs / "class/input/event5"
    (event / "device").mkdir(parents=True)
    (event / "dev").write_text("13:69\n")
    (event / "device/name").write_text("ILITEK ILITEK-TP\n")
    udev.mkdir()
    (udev / "c13:69").write_text("E:ID_INPUT=1\nE:ID_INPUT_TOUCHSCREEN=1\n")
    return sysfs, udev


def answers(*replies: str):
    asked: list[str] = []
    queue = list(replies)

    def ask(question: str) -> str:
        asked.append(question)
        return queue.pop(0)

    return ask, asked


def silent(parts) -> Path:
    parts.config.write_text(parts.config.read_text() + '\n[speech]\nbackend = "off"\n')
    os.chmod(parts.config, 0o644)
    return parts.config


def test_a_healthy_kiosk_is_accepted_and_the_report_saved(parts, vpcd, tmp_path, capsys):
    vpcd.insert(UidCard(CARD_UID))
    wait_for_card()
    config_path = silent(parts)
    config = load_config(config_path)
    sysfs, udev = fake_sysfs(tmp_path)
    ask, asked = answers("y", "", "y", "Budi Santoso")
    run = AcceptanceRun(config, config_path, parts.token_file.read_text().strip(), ask, sysfs, udev, now=lambda: WHEN)
    code = acceptance(run)
    out = capsys.readouterr().out
    lines = {line.split()[1]: line.split()[0] for line in out.splitlines() if line.startswith("[")}
    owner = "[PASS]" if os.geteuid() == 0 else "[FAIL]"  # the test's config is the runner's own
    assert lines == {
        "config": "[PASS]",
        "config_owner": owner,
        "files": "[PASS]",
        "central": "[PASS]",
        "network_allow": "[PASS]",
        "clock": "[PASS]",
        "panel": "[PASS]",
        "touch": "[PASS]",
        "card": "[PASS]",
        "ticket": "[PASS]",
        "speech": "[PASS]",
    }, out
    assert [q.split(":")[0] for q in asked] == ["Touch", "Card", "Ticket", "Sign-off"]
    assert "HDMI-A-1: 1920x1080, 530x300 mm" in out and "ILITEK ILITEK-TP" in out
    assert any("TEST PAGE / HALAMAN UJI" in line for job in parts.printer.jobs for line in job.lines)
    report = config.data.directory / "acceptance/acceptance-20261201T093000Z.txt"
    assert report.read_text() in out and "signed off by: Budi Santoso" in report.read_text()
    saved = json.loads(report.with_suffix(".json").read_text())
    assert saved["signed_off_by"] == "Budi Santoso"
    if os.geteuid() == 0:
        assert code == 0 and "result: ACCEPTED" in out
    for spelling in (CARD_UID.hex(), CARD_UID.hex().upper(), CARD_UID.hex(" ").upper()):
        assert spelling not in out  # a card's number is never in a report


def test_a_bad_ticket_no_card_and_a_wrong_panel_size_are_not_accepted(parts, vpcd, tmp_path, capsys):
    config_path = silent(parts)
    config_path.write_text(
        config_path.read_text().replace("[card_reader]", "[ui]\npanel_width_mm = 476\n\n[card_reader]")
    )
    config = load_config(config_path)
    sysfs, udev = fake_sysfs(tmp_path)
    ask, _ = answers("y", "", "n", "")
    run = AcceptanceRun(config, config_path, parts.token_file.read_text().strip(), ask, sysfs, udev, now=lambda: WHEN)
    assert acceptance(run) == 2
    out = capsys.readouterr().out
    assert "[WARN] panel" in out and "ui.panel_width_mm is 476" in out and "the display says 530 mm" in out
    assert "[FAIL] card" in out and "no card on the reader" in out
    assert "[FAIL] ticket       the test page came out wrong" in out
    assert "signed off by: (nobody)" in out and "result: NOT ACCEPTED" in out


def test_the_command_line_walk_refuses_nothing_silently(parts, tmp_path):
    # As a technician runs it: answers on stdin; this machine has no display or touchscreen.
    config_path = silent(parts)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "diagnose", "--acceptance", "--config", str(config_path)],
        input="\ny\nTeknisi\n",  # card (Enter), ticket, sign-off: no touch question without a touchscreen
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    if not Path("/sys/class/drm").exists():
        assert "[FAIL] panel        no connected display" in proc.stdout
    assert "signed off by: Teknisi" in proc.stdout
    saved = proc.stdout.rsplit("saved: ", 1)[1].strip()
    assert Path(saved).read_text().startswith("Anjungan site acceptance")
