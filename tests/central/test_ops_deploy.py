"""deploy/central/: the units are valid for systemd, use only settings central.env defines and
options the commands accept; the backup script makes a backup and prunes old ones for real."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from central.cli import main as central_main
from central.store import migrate, open_store

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "central"
UNITS = sorted(p for p in DEPLOY.iterdir() if p.suffix in (".service", ".timer"))


def _env_file() -> dict[str, str]:
    lines = (DEPLOY / "central.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_units_pass_systemd_analyze_verify():
    proc = subprocess.run(
        ["systemd-analyze", "verify", *map(str, UNITS)], capture_output=True, text=True, timeout=60, cwd=DEPLOY
    )
    # The installed paths do not exist on a build machine; anything else is a real complaint.
    complaints = [
        line
        for line in (proc.stdout + proc.stderr).splitlines()
        if line and not re.search(r"Command /opt/anjungan/\S+ is not executable", line)
    ]
    assert complaints == []


def test_units_use_only_defined_settings_and_accepted_options(capsys):
    env = _env_file()
    text = "\n".join(p.read_text() for p in [*UNITS, DEPLOY / "central-backup.sh"])
    used = set(re.findall(r"\$\{?(ANJUNGAN_[A-Z_]+)", text)) - {"ANJUNGAN_PYTHON", "ANJUNGAN_APP"}
    assert used and used <= set(env), used - set(env)
    with pytest.raises(SystemExit):
        central_main(["--help"])
    accepted = set(re.findall(r"--[a-z-]+", capsys.readouterr().out))
    serve = (DEPLOY / "anjungan-central.service").read_text()
    assert set(re.findall(r" (--[a-z-]+)", serve)) <= accepted
    assert "--no-migrate" in serve and "Requires=anjungan-central-migrate.service" in serve


def test_backup_script_writes_a_private_backup_and_prunes_old_ones(tmp_path: Path):
    db = tmp_path / "central.sqlite3"
    store = open_store(db)
    migrate(store)
    store.close()
    backups = tmp_path / "backups"
    backups.mkdir()
    old, keep = backups / "central-20200101T000000Z.backup", backups / "notes.txt"
    for f in (old, keep):
        f.write_text("x")
        os.utime(f, (time.time() - 5 * 86400,) * 2)
    env = {
        "PATH": os.environ["PATH"],
        "ANJUNGAN_CENTRAL_DB": str(db),
        "ANJUNGAN_BACKUP_DIR": str(backups),
        "ANJUNGAN_BACKUP_KEEP_DAYS": "2",
        "ANJUNGAN_PYTHON": sys.executable,
        "ANJUNGAN_APP": str(ROOT),
    }
    proc = subprocess.run(
        ["bash", str(DEPLOY / "central-backup.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-800:]
    made = sorted(backups.glob("central-2*.backup"))
    assert len(made) == 1 and made[0] != old and not old.exists() and keep.exists()
    assert made[0].stat().st_mode & 0o777 == 0o600
    assert made[0].read_bytes().startswith(b"SQLite format 3\x00")
    assert "removed old backup" in proc.stdout


def test_backup_script_refuses_a_bad_keep_setting(tmp_path: Path):
    env = {
        "PATH": os.environ["PATH"],
        "ANJUNGAN_CENTRAL_DB": str(tmp_path / "x.sqlite3"),
        "ANJUNGAN_BACKUP_DIR": str(tmp_path),
        "ANJUNGAN_BACKUP_KEEP_DAYS": "14; rm -rf /",
    }
    proc = subprocess.run(["bash", str(DEPLOY / "central-backup.sh")], env=env, capture_output=True, text=True)
    assert proc.returncode == 2 and "must be a number" in proc.stderr
