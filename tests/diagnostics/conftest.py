"""A kiosk config file for ``main.py diagnose`` pointing at real parts on 127.0.0.1: the reference
central service, the loopback ESC/POS printer and pcscd with the vpcd virtual reader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import TEST_TERMINAL, TEST_TOKEN
from kiosk.api.token_file import write_token_file
from kiosk.devices.printer.emulator import LoopbackPrinter

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Parts:
    config: Path
    central: object
    printer: LoopbackPrinter
    token_file: Path


def kiosk_toml(central_url: str, printer_port: int, data_dir: Path, token_file: Path, reader: str = "pcsc") -> str:
    return f"""
[terminal]
name = "Diagnose test kiosk"

[central]
base_url = "{central_url}"
terminal_id = "{TEST_TERMINAL}"
token_file = "{token_file}"
retries = 0
connect_timeout_s = 1.0
read_timeout_s = 3.0

[printer]
backend = "network"
host = "127.0.0.1"
port = {printer_port}
profile = "TM-T88V"
status_timeout_s = 0.3

[card_reader]
backend = "{reader}"

[data]
directory = "{data_dir}"
"""


@pytest.fixture
def parts(tmp_path: Path):
    central = start(tmp_path / "central.sqlite3", DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN})
    printer = LoopbackPrinter().start()
    token_file = tmp_path / "secret" / "terminal.token"
    write_token_file(token_file, TEST_TOKEN)
    config = tmp_path / "kiosk.toml"
    config.write_text(kiosk_toml(central.url, printer.port, tmp_path / "data", token_file))
    try:
        yield Parts(config, central, printer, token_file)
    finally:
        printer.stop()
        central.stop()


def diagnose(config: Path, *extra: str) -> tuple[int, dict, str]:
    """Run ``python main.py diagnose --json`` as a technician would; (exit code, JSON, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "diagnose", "--json", "--config", str(config), *extra],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        cwd=ROOT,
    )
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        raise AssertionError(f"not JSON (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}") from None
    return proc.returncode, report, proc.stderr


def by_name(report: dict) -> dict[str, dict]:
    return {c["name"]: c for c in report["checks"]}
