"""deploy/backup.sh and restore.sh: a kiosk's databases backed up while a connection still holds
rows only in the WAL, PINs, state and token; restored into fresh folders with the owners and
modes install.sh gives them (the kiosk account played by "nobody")."""

from __future__ import annotations

import json
import os
import pwd
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="backup and restore run as root")


def run(script: str, *args: str, config: Path, data: Path) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ["PATH"],
        "CONFIG_DIR": str(config),
        "DATA_DIR": str(data),
        "KIOSK_USER": "nobody",
        "TMPDIR": str(config.parent),
    }
    return subprocess.run(
        [str(ROOT / "deploy" / script), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_backup_of_a_live_kiosk_restores_into_a_fresh_install(tmp_path):
    config, data = tmp_path / "etc", tmp_path / "data"
    config.mkdir()
    data.mkdir()
    (config / "kiosk.toml").write_text('[terminal]\nname = "Backed up"\n')
    (config / "terminal.token").write_text("secret-token\n")
    (data / "admin-pins.json").write_text(json.dumps({"pins": {"staff": "scrypt-hash"}}))
    (data / "admin-state.json").write_text("{}")
    (data / "logs").mkdir()
    (data / "logs" / "kiosk.log").write_text("not backed up")
    journal = sqlite3.connect(data / "journal.sqlite3")
    journal.execute("PRAGMA journal_mode=WAL")
    journal.execute("PRAGMA wal_autocheckpoint=0")  # the rows stay in the -wal file, as in a busy kiosk
    journal.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, outcome TEXT)")
    with journal:
        journal.executemany("INSERT INTO entries (outcome) VALUES (?)", [("printed",), (None,), (None,)])
    assert (data / "journal.sqlite3-wal").stat().st_size > 0
    try:
        made = run("backup.sh", "--out", str(tmp_path / "b.tar"), config=config, data=data)
        assert made.returncode == 0, made.stderr
    finally:
        journal.close()
    assert stat.S_IMODE((tmp_path / "b.tar").stat().st_mode) == 0o600

    fresh_config, fresh_data = tmp_path / "fresh-etc", tmp_path / "fresh-data"
    fresh_data.mkdir()
    (fresh_data / "journal.sqlite3-wal").write_text("stale WAL of the fresh install")
    restored = run("restore.sh", str(tmp_path / "b.tar"), config=fresh_config, data=fresh_data)
    assert restored.returncode == 0, restored.stderr

    nobody = pwd.getpwnam("nobody")
    rows = (
        sqlite3.connect(fresh_data / "journal.sqlite3")
        .execute("SELECT count(*), sum(outcome IS NULL) FROM entries")
        .fetchone()
    )
    assert rows == (3, 2)
    assert (
        not (fresh_data / "journal.sqlite3-wal").exists()
        or (fresh_data / "journal.sqlite3-wal").read_text() != "stale WAL of the fresh install"
    )
    assert json.loads((fresh_data / "admin-pins.json").read_text())["pins"] == {"staff": "scrypt-hash"}
    assert not (fresh_data / "logs").exists()
    for path in (fresh_data, fresh_data / "journal.sqlite3", fresh_data / "admin-pins.json"):
        assert path.stat().st_uid == nobody.pw_uid
    token = fresh_config / "terminal.token"
    assert token.read_text() == "secret-token\n"
    assert (token.stat().st_uid, stat.S_IMODE(token.stat().st_mode)) == (nobody.pw_uid, 0o600)
    settings = fresh_config / "kiosk.toml"
    assert (settings.stat().st_uid, stat.S_IMODE(settings.stat().st_mode)) == (0, 0o640)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar"
    subprocess.run(["tar", "-C", str(tmp_path), "-cf", str(bogus), "--files-from", "/dev/null"], check=True)
    proc = run("restore.sh", str(bogus), config=tmp_path / "etc", data=tmp_path / "data")
    assert proc.returncode == 1 and "not a backup made by backup.sh" in proc.stderr
    assert not (tmp_path / "etc").exists()
