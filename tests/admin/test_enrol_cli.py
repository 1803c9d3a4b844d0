"""``python main.py enrol CODE`` against a real reference central: token file 0600, never shown."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from central.cli import DEFAULT_CATALOG
from central.server import start
from kiosk.api import CentralClient
from kiosk.config import load_config

ROOT = Path(__file__).resolve().parents[2]
CODE = "MPP-BDG-ENROL-0002"  # config/catalog.toml [demo] enrolment_codes


def run_enrol(config: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "enrol", *args, "--config", str(config)],
                          capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)


def test_enrol_writes_a_private_token_that_the_kiosk_then_uses(tmp_path):
    central = start(tmp_path / "central.sqlite3", DEFAULT_CATALOG, {})
    try:
        token_file = tmp_path / "secret" / "terminal.token"
        config = tmp_path / "kiosk.toml"
        config.write_text(f"""
[terminal]
name = "Enrolment test"
[central]
base_url = "{central.url}"
terminal_id = "kiosk-enrol-01"
token_file = "{token_file}"
[printer]
backend = "virtual"
[data]
directory = "{tmp_path / 'data'}"
""")
        wrong = run_enrol(config, "NOT-A-CODE-123")
        assert wrong.returncode == 1 and "enrolment_code_invalid" in wrong.stderr
        assert not token_file.exists()

        done = run_enrol(config, CODE)
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        token = token_file.read_text().strip()
        assert len(token) >= 16
        assert token not in done.stdout and token not in done.stderr
        for path in tmp_path.rglob("*"):  # nothing else on disk holds it (the central keeps a hash)
            if path.is_file() and path != token_file:
                assert token.encode() not in path.read_bytes(), path
        settings = load_config(config).central
        with CentralClient(settings) as client:  # the token comes from the token file
            assert client.get_catalog().site.id == "mpp-bandung"

        again = run_enrol(config, "MPP-BDG-ENROL-0001", "--terminal-id", "kiosk-enrol-02")
        assert again.returncode == 0
        assert 'terminal_id = "kiosk-enrol-02"' in again.stdout  # told to update the config
    finally:
        central.stop()
