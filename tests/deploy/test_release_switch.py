"""deploy/release-lib.sh without a Debian root: the symlink switch, what rollback goes back to,
pruning, and the health check against a stand-in kiosk that writes (or never writes) the
started marker. The whole install/upgrade/rollback in a real root is test_upgrade_chroot.py."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIB = ROOT / "deploy" / "release-lib.sh"


def run_lib(prefix: Path, script: str, data: Path | None = None) -> subprocess.CompletedProcess:
    # The system files and the data folder are the real root's business: stubbed here.
    body = f"""set -euo pipefail
PREFIX={prefix}
. {LIB}
install_system_files() {{ :; }}
data_directory() {{ echo {data or prefix / "data"}; }}
{script}
"""
    return subprocess.run(["bash", "-c", body], capture_output=True, text=True, timeout=60, check=False)


def fake_release(prefix: Path, version: str) -> None:
    (prefix / "releases" / version / "venv").mkdir(parents=True)
    (prefix / "releases" / version / "app").mkdir()


def test_activation_switches_current_atomically_and_keeps_stable_links(tmp_path):
    for version in ("1.0.0", "2.0.0"):
        fake_release(tmp_path, version)
    # The layout before releases: real app/ and venv/ folders, replaced by links.
    (tmp_path / "app").mkdir()
    (tmp_path / "venv").mkdir()
    proc = run_lib(tmp_path, "activate_release 1.0.0; activate_release 2.0.0; current_release; previous_release")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["2.0.0", "1.0.0"]
    assert os.readlink(tmp_path / "current") == "releases/2.0.0"
    assert os.readlink(tmp_path / "app") == "current/app" and os.readlink(tmp_path / "venv") == "current/venv"
    assert not list(tmp_path.glob(".*.new"))


def test_an_incomplete_release_is_never_switched_to(tmp_path):
    fake_release(tmp_path, "1.0.0")
    (tmp_path / "releases/1.0.0/.incomplete").touch()
    proc = run_lib(tmp_path, "activate_release 1.0.0")
    assert proc.returncode == 1 and "not installed completely" in proc.stderr
    assert not (tmp_path / "current").exists()


def test_rollback_target_skips_the_current_and_failed_releases(tmp_path):
    for version in ("1.0.0", "2.0.0", "3.0.0"):
        fake_release(tmp_path, version)
    # 3.0.0 failed its health check and was switched away from: go back past it, to 1.0.0.
    proc = run_lib(
        tmp_path,
        "activate_release 1.0.0; activate_release 2.0.0; activate_release 3.0.0; "
        ": >$RELEASES/3.0.0/.failed; activate_release 2.0.0; previous_release",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1.0.0"


def test_pruning_keeps_the_latest_switched_to_and_the_rollback_target(tmp_path):
    for version in ("1", "2", "3", "4", "5"):
        fake_release(tmp_path, version)
    proc = run_lib(tmp_path, "for v in 1 2 3 4 5; do activate_release $v; done; prune_releases 2")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "releases").iterdir() if p.is_dir()) == ["4", "5"]
    assert "removing old release 1" in proc.stdout


STAND_IN_KIOSK = """#!/bin/bash
# Writes the started marker as the kiosk does once up (unless told to crash), then lives on.
[ "$1" = crash ] && exit 70
sleep 0.5
printf '{"version": "%s", "pid": %d}\\n' "$2" $$ > "$3/release-started.json"
exec sleep 60
"""


@pytest.mark.parametrize("behaviour, healthy", [("start", True), ("crash", False)])
def test_health_check_waits_for_the_new_versions_welcome_marker(tmp_path, behaviour, healthy):
    data = tmp_path / "data"
    data.mkdir()
    kiosk = tmp_path / "kiosk.sh"
    kiosk.write_text(STAND_IN_KIOSK)
    kiosk.chmod(0o755)
    # A marker left by the old release must not count for the new one.
    (data / "release-started.json").write_text(f'{{"version": "2.0.0", "pid": {os.getpid()}}}\n')
    restart = f"{kiosk} {behaviour} 2.0.0 {data} >/dev/null 2>&1 & echo $! > {tmp_path}/pid"
    proc = run_lib(
        tmp_path, f"""health_check 2.0.0 '{restart}' 4 1 && echo healthy || echo "unhealthy: $HEALTH_REASON" """, data
    )
    try:
        assert proc.returncode == 0, proc.stderr
        if healthy:
            assert proc.stdout.strip() == "healthy"
        else:
            assert proc.stdout.strip() == "unhealthy: the kiosk 2.0.0 did not reach its welcome screen within 4 s"
    finally:
        pid = int((tmp_path / "pid").read_text())
        subprocess.run(["kill", str(pid)], capture_output=True, check=False)  # the stand-in, by its id


def test_health_check_fails_a_kiosk_that_dies_right_after_its_welcome_screen(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    restart = tmp_path / "restart.sh"  # "starts" a kiosk whose process is already gone
    restart.write_text(f"""echo '{{"version": "2.0.0", "pid": 999999999}}' > {data}/release-started.json\n""")
    proc = run_lib(tmp_path, f"""health_check 2.0.0 'sh {restart}' 4 2 || echo "unhealthy: $HEALTH_REASON" """, data)
    assert proc.stdout.strip() == "unhealthy: the kiosk 2.0.0 stopped 0 s after its welcome screen"
