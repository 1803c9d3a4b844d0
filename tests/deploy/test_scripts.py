"""The deploy scripts without a compositor: lint, and the refusals that must not be restarted."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "deploy").glob("*.sh"))


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="needs apt package shellcheck")
def test_deploy_scripts_pass_shellcheck():
    proc = subprocess.run(["shellcheck", *map(str, SCRIPTS)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout


def test_without_a_session_run_kiosk_exits_78_which_the_unit_does_not_restart(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)}
    proc = subprocess.run([str(ROOT / "deploy/run-kiosk.sh")], env=env, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 78
    assert proc.stderr.startswith("<3>run-kiosk: XDG_RUNTIME_DIR is not set")
    unit = (ROOT / "deploy/systemd/anjungan-kiosk.service").read_text()
    assert "RestartPreventExitStatus=2 78" in unit


def test_without_cage_run_kiosk_exits_78(tmp_path):
    env = {"PATH": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}  # no cage on this PATH
    proc = subprocess.run(
        ["/bin/bash", str(ROOT / "deploy/run-kiosk.sh")], env=env, capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 78 and "cage is not installed" in proc.stderr


def test_installers_refuse_unknown_options():
    for script in ("install.sh", "uninstall.sh", "upgrade.sh", "rollback.sh", "build-release.sh"):
        proc = subprocess.run(
            [str(ROOT / "deploy" / script), "--frobnicate"], capture_output=True, text=True, timeout=30
        )
        assert proc.returncode == 2 and "unknown option" in proc.stderr
