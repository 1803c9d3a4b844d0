"""Upgrades that can go back, in a throw-away Debian 12 root: release bundles built there (the
build machine, with PyPI), then on the "terminal" without any network: install 1.0.0 from its
bundle, upgrade to 2.0.0, upgrade to a 3.0.0 broken on purpose (its services never come up) and
watch it roll back to 2.0.0 by itself, then rollback.sh to 1.0.0.

The kiosk is really started by each health check (run-kiosk.sh under headless cage as the kiosk
user, as the unit runs it); only systemd's restart is stood in for by a small script, since no
systemd runs in a chroot. Slow (debootstrap, apt, pip, three virtualenvs): several minutes.
"""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from .chroot_root import ChrootRoot

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="chroot, mount and unshare need root"),
    pytest.mark.skipif(shutil.which("debootstrap") is None, reason="needs apt package debootstrap"),
    pytest.mark.timeout(2400),
]

TEST_CONFIG = """
[terminal]
name = "Upgraded kiosk under test"
[central]
base_url = "http://127.0.0.1:9"
terminal_id = "TEST-01"
connect_timeout_s = 0.5
read_timeout_s = 0.5
retries = 0
[printer]
backend = "virtual"
profile = "TM-T88V"
paper_width_mm = 80
[card_reader]
backend = "none"
[data]
directory = "/var/lib/anjungan"
"""

# Stands in for `systemctl restart anjungan-kiosk`: stops the kiosk it started before (by the
# process group it recorded), starts run-kiosk.sh headless as the kiosk user.
RESTART_STAND_IN = """#!/bin/bash
pidfile=/run/test-kiosk.pid
if [ -s "$pidfile" ]; then
  pid=$(cat "$pidfile")
  kill -TERM -- "-$pid" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null
  rm -f "$pidfile"
fi
[ "${1:-}" = stop ] && exit 0
install -d -m 0700 -o kiosk -g kiosk /run/kiosk-test
setsid setpriv --reuid=kiosk --regid=kiosk --init-groups env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \\
  HOME=/var/lib/anjungan LANG=C.UTF-8 XDG_RUNTIME_DIR=/run/kiosk-test WLR_BACKENDS=headless \\
  WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman XDG_CACHE_HOME=/var/cache/anjungan \\
  /opt/anjungan/app/deploy/run-kiosk.sh >>/var/log/test-kiosk.log 2>&1 </dev/null &
echo $! >"$pidfile"
"""
RESTART = "/usr/local/sbin/restart-test-kiosk"


def _current(root) -> str:
    return os.readlink(root / "opt/anjungan/current")


@pytest.fixture(scope="module")
def terminal():
    with ChrootRoot() as chroot:
        root = chroot.path
        source = chroot.copy_checkout()
        chroot.run(
            "bash",
            "-c",
            "apt-get update -q && apt-get install -y -q --no-install-recommends "
            f"$(grep -v '^#' {source}/deploy/apt-packages.txt)",
            timeout=1200,
        )
        # The build machine: 1.0.0 downloads the locked packages; 2.0.0 and 3.0.0 change only
        # the code and reuse 1.0.0's wheelhouse. 3.0.0 cannot build its services.
        started = time.monotonic()
        chroot.run(
            f"{source}/deploy/build-release.sh",
            "--source",
            source,
            "--version",
            "1.0.0",
            "--out",
            "/root/bundles",
            timeout=1200,
        )
        print(f"\nbuild-release.sh with downloads: {time.monotonic() - started:.0f} s")
        chroot.run("tar", "-C", "/root", "-xf", "/root/bundles/anjungan-1.0.0.tar")
        for version in ("2.0.0", "3.0.0"):
            shutil.copytree(root / source.lstrip("/"), root / f"usr/src/v{version}", symlinks=True)
        with open(root / "usr/src/v3.0.0/kiosk/assembly.py", "a") as broken:
            broken.write('\nraise RuntimeError("release 3.0.0 is broken on purpose")\n')
        for version in ("2.0.0", "3.0.0"):
            chroot.run(
                f"{source}/deploy/build-release.sh",
                "--source",
                f"/usr/src/v{version}",
                "--version",
                version,
                "--wheels-from",
                "/root/anjungan-1.0.0/wheelhouse",
                "--out",
                "/root/bundles",
                timeout=600,
            )
        (root / RESTART.lstrip("/")).write_text(RESTART_STAND_IN)
        (root / RESTART.lstrip("/")).chmod(0o755)
        try:
            yield chroot
        finally:
            chroot.run(RESTART, "stop", check=False)


def test_install_upgrade_break_roll_back_without_network(terminal):
    chroot = terminal
    root = chroot.path

    # The terminal has no network at all from here on.
    started = time.monotonic()
    chroot.run(
        "/root/anjungan-1.0.0/app/deploy/install.sh",
        "--no-apt",
        "--release",
        "/root/bundles/anjungan-1.0.0.tar",
        offline=True,
    )
    print(f"\ninstall.sh --release, offline: {time.monotonic() - started:.0f} s")
    assert _current(root) == "releases/1.0.0"
    assert os.readlink(root / "opt/anjungan/app") == "current/app"
    (root / "etc/anjungan/kiosk.toml").write_text(TEST_CONFIG)
    # What diagnose (and so the heartbeat and the supervisor's kiosk list) report: the release's version.
    proc = chroot.run(
        "/opt/anjungan/venv/bin/python", "/opt/anjungan/app/main.py", "diagnose", "--json", check=False, offline=True
    )
    versions = next(c for c in json.loads(proc.stdout)["checks"] if c["name"] == "versions")
    assert versions["details"]["anjungan"] == "1.0.0"

    # The layout of a terminal installed before /etc/anjungan became root's: the kiosk could write
    # the folder (and had rewritten kiosk.toml, so owned it), the token lay beside the config.
    config = root / "etc/anjungan/kiosk.toml"
    config.write_text(TEST_CONFIG.replace("retries = 0", 'retries = 0\ntoken_file = "/etc/anjungan/terminal.token"'))
    kiosk_ids = next(line for line in (root / "etc/passwd").read_text().splitlines() if line.startswith("kiosk:"))
    uid, gid = int(kiosk_ids.split(":")[2]), int(kiosk_ids.split(":")[3])
    os.chown(config, uid, gid)
    os.chmod(root / "etc/anjungan", 0o770)
    (root / "var/lib/anjungan/terminal.token").unlink()
    (root / "etc/anjungan/terminal.token").write_text("token-of-the-old-layout\n")

    started = time.monotonic()
    upgrade = ["/opt/anjungan/app/deploy/upgrade.sh", "--restart-command", RESTART, "--timeout", "90", "--settle", "5"]
    two = chroot.run(*upgrade, "/root/bundles/anjungan-2.0.0.tar", offline=True)
    print(f"upgrade to 2.0.0 with its health check, offline: {time.monotonic() - started:.0f} s")
    assert "release 2.0.0 is running (welcome screen reached)" in two.stdout, two.stdout
    assert _current(root) == "releases/2.0.0"
    # ... and the upgrade brought it to today's: config root's and read-only, token in the data folder.
    assert "upgrade: token moved from /etc/anjungan/terminal.token to /var/lib/anjungan/terminal.token" in two.stdout
    assert (config.stat().st_uid, oct(config.stat().st_mode & 0o777)) == (0, "0o640")
    assert oct((root / "etc/anjungan").stat().st_mode & 0o777) == "0o750"
    assert 'token_file = "/var/lib/anjungan/terminal.token"' in config.read_text()
    token = root / "var/lib/anjungan/terminal.token"
    assert token.read_text() == "token-of-the-old-layout\n" and token.stat().st_uid == uid
    network = (root / "etc/systemd/system/anjungan-kiosk.service.d/50-network.conf").read_text()
    assert "IPAddressAllow=127.0.0.1" in network  # the central of TEST_CONFIG
    marker = json.loads((root / "var/lib/anjungan/release-started.json").read_text())
    assert marker["version"] == "2.0.0"

    started = time.monotonic()
    three = chroot.run(*upgrade, "/root/bundles/anjungan-3.0.0.tar", offline=True, check=False)
    print(f"upgrade to the broken 3.0.0, rolled back: {time.monotonic() - started:.0f} s")
    assert three.returncode == 1, three.stdout + three.stderr
    assert "release 3.0.0 failed its health check: the kiosk 3.0.0 did not reach its welcome screen" in three.stdout
    assert "rolled back: 2.0.0 is running again" in three.stdout, three.stdout
    assert _current(root) == "releases/2.0.0"
    assert (root / "opt/anjungan/releases/3.0.0/.failed").exists()
    assert json.loads((root / "var/lib/anjungan/release-started.json").read_text())["version"] == "2.0.0"
    log = (root / "var/log/test-kiosk.log").read_text(errors="replace")
    assert "release 3.0.0 is broken on purpose" in log  # it did start, and failed as made to

    # By hand: back past the failed 3.0.0 to 1.0.0.
    back = chroot.run(
        "/opt/anjungan/app/deploy/rollback.sh", "--restart-command", RESTART, "--settle", "5", offline=True
    )
    assert "switching from 2.0.0 to 1.0.0" in back.stdout and "release 1.0.0 is running" in back.stdout, back.stdout
    assert _current(root) == "releases/1.0.0"
    listing = chroot.run("/opt/anjungan/app/deploy/rollback.sh", "--list").stdout.splitlines()
    assert listing == ["1.0.0 (current)", "2.0.0", "3.0.0 (failed its health check)"]


def test_backup_restores_into_a_fresh_install(terminal):
    # After the upgrades above: the terminal's files backed up, the kiosk purged (user included),
    # installed afresh from its bundle without network, the backup restored with kiosk owners.
    chroot = terminal
    root = chroot.path
    chroot.run(RESTART, "stop")
    (root / "var/lib/anjungan/admin-pins.json").write_text('{"pins": {"staff": "hash"}}')
    chroot.run(
        "/opt/anjungan/venv/bin/python",
        "-c",
        "import sqlite3; c = sqlite3.connect('/var/lib/anjungan/"
        "journal.sqlite3'); c.execute('PRAGMA journal_mode=WAL'); c.execute('CREATE TABLE IF NOT EXISTS t "
        "(x)'); c.execute(\"INSERT INTO t VALUES ('kept')\"); c.commit()",
    )
    (root / "var/lib/anjungan/terminal.token").write_text("token-from-enrolment\n")
    config_text = (root / "etc/anjungan/kiosk.toml").read_text()
    chroot.run("/opt/anjungan/app/deploy/backup.sh", "--out", "/root/kiosk-backup.tar")
    chroot.run("/opt/anjungan/app/deploy/uninstall.sh", "--purge")
    assert not (root / "var/lib/anjungan").exists()
    chroot.run(
        "/root/anjungan-1.0.0/app/deploy/install.sh",
        "--no-apt",
        "--release",
        "/root/bundles/anjungan-1.0.0.tar",
        offline=True,
    )
    restored = chroot.run("/opt/anjungan/app/deploy/restore.sh", "/root/kiosk-backup.tar", offline=True)
    assert "restored" in restored.stdout
    uid = int(
        next(line for line in (root / "etc/passwd").read_text().splitlines() if line.startswith("kiosk:")).split(":")[2]
    )
    token = root / "var/lib/anjungan/terminal.token"
    assert token.read_text() == "token-from-enrolment\n" and token.stat().st_uid == uid
    assert oct(token.stat().st_mode & 0o777) == "0o600"
    assert (root / "var/lib/anjungan/admin-pins.json").stat().st_uid == uid
    assert (root / "etc/anjungan/kiosk.toml").read_text() == config_text
    assert (root / "etc/anjungan/kiosk.toml").stat().st_uid == 0
    rows = chroot.run(
        "/opt/anjungan/venv/bin/python",
        "-c",
        "import sqlite3; print(sqlite3.connect("
        "'/var/lib/anjungan/journal.sqlite3').execute('SELECT x FROM t').fetchall())",
    ).stdout
    assert rows.strip() == "[('kept',)]"
    assert chroot.run("/opt/anjungan/app/deploy/rollback.sh", "--list").stdout.splitlines() == ["1.0.0 (current)"]
    # The kiosk comes up on the restored files (it reads the restored PIN file and token).
    marker = root / "var/lib/anjungan/release-started.json"
    marker.unlink(missing_ok=True)
    chroot.run(RESTART, offline=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not marker.exists():
        time.sleep(1)
    assert marker.exists(), (root / "var/log/test-kiosk.log").read_text(errors="replace")[-3000:]
    assert json.loads(marker.read_text())["version"] == "1.0.0"
