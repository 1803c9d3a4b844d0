"""``python main.py enrol CODE`` against a real reference central: token file 0600, never shown."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from central.cli import DEFAULT_CATALOG
from central.server import start
from kiosk.api import CentralClient, CentralRejected
from kiosk.config import load_config

ROOT = Path(__file__).resolve().parents[2]
CODE = "MPP-BDG-ENROL-0002"  # config/catalog.toml [demo] enrolment_codes


def run_enrol(config: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "enrol", *args, "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )


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
directory = "{tmp_path / "data"}"
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


def run_main(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )


def _dump(db: Path) -> str:
    """The live database's rows, read through SQLite. Not ``db.read_bytes()``: opening and closing
    the file outside SQLite drops this process's POSIX locks on it (the central's pooled
    connections hold them), and the next SQLite client to close then takes itself for the last
    one and deletes the WAL under the running central."""
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_administrator_issues_and_revokes_and_the_kiosk_rotates_its_token(tmp_path):
    db = tmp_path / "central.sqlite3"
    central = start(db, DEFAULT_CATALOG, {}, enrolment_codes=[])
    try:
        token_file = tmp_path / "terminal.token"
        config = tmp_path / "kiosk.toml"
        config.write_text(f"""
[terminal]
name = "Rotation test"
[central]
base_url = "{central.url}"
terminal_id = "kiosk-cli-01"
token_file = "{token_file}"
[printer]
backend = "virtual"
[data]
directory = "{tmp_path / "data"}"
""")

        def issue(*target: str) -> subprocess.CompletedProcess:
            return run_main("central", "issue-code", *target, "--db", str(db))

        def catalogue_works() -> bool:
            with CentralClient(load_config(config).central) as client:
                try:
                    client.get_catalog()
                except CentralRejected:
                    return False
                return True

        assert issue("--site", "mpp-elsewhere").returncode == 1
        issued = issue("--terminal", "kiosk-cli-01")
        assert issued.returncode == 0, issued.stderr
        code = issued.stdout.split()[-1]
        assert code.startswith("ENR-") and code not in _dump(db)
        assert run_enrol(config, code).returncode == 0
        assert catalogue_works()

        refused = issue("--terminal", "kiosk-cli-01")
        assert refused.returncode == 1 and "revoke it first" in refused.stderr

        old = token_file.read_text().strip()
        rotated = run_main("rotate-token", "--config", str(config))
        assert rotated.returncode == 0, rotated.stderr
        new = token_file.read_text().strip()
        assert new != old and new not in rotated.stdout + rotated.stderr
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        assert catalogue_works()

        assert run_main("central", "revoke", "kiosk-cli-01", "--db", str(db)).returncode == 0
        assert not catalogue_works()
        assert run_main("central", "revoke", "kiosk-cli-01", "--db", str(db)).returncode == 1

        again = issue("--terminal", "kiosk-cli-01")
        assert run_enrol(config, again.stdout.split()[-1]).returncode == 0
        assert catalogue_works()
    finally:
        central.stop()
