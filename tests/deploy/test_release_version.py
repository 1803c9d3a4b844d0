"""Every build used to call itself 0.1.0: the version now comes from the git tag or commit
(deploy/build-release.sh) into the release's VERSION file, which kiosk.__version__ (diagnose,
heartbeat, the supervisor's kiosk list) reads."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from kiosk import DEVELOPMENT_VERSION, read_release_version

ROOT = Path(__file__).resolve().parents[2]
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]


def print_version(source: Path) -> str:
    proc = subprocess.run(
        [str(ROOT / "deploy/build-release.sh"), "--source", str(source), "--print-version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(source.parent)},
    )
    return proc.stdout.strip()


def checkout(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    (source / "locks").mkdir(parents=True)
    (source / "main.py").write_text("")
    (source / "locks/kiosk.txt").write_text("")
    (source / "pyproject.toml").write_text('[project]\nname = "anjungan"\nversion = "0.4.0"\n')
    return source


def test_version_from_tag_commit_and_uncommitted_changes(tmp_path):
    source = checkout(tmp_path)
    without_git = print_version(source)
    assert without_git.startswith("0.4.0+local.") and len(without_git) == len("0.4.0+local.") + 8

    subprocess.run([*GIT, "init", "-q", str(source)], check=True)
    subprocess.run([*GIT, "-C", str(source), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(source), "commit", "-qm", "one"], check=True)
    commit = subprocess.run(
        ["git", "-C", str(source), "rev-parse", "--short=10", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert print_version(source) == f"0.4.0+g{commit}"
    subprocess.run([*GIT, "-C", str(source), "tag", "v0.4.0"], check=True)
    assert print_version(source) == "0.4.0"
    (source / "main.py").write_text("print('changed')\n")
    dirty = print_version(source)
    assert dirty.startswith(f"0.4.0+g{commit}.d") and dirty != without_git


def test_a_bad_version_is_refused():
    proc = subprocess.run(
        [str(ROOT / "deploy/build-release.sh"), "--version", "1.0/../x", "--print-version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2 and "is not of the form" in proc.stderr


def test_the_kiosk_reads_its_release_version(tmp_path):
    assert read_release_version(tmp_path) == DEVELOPMENT_VERSION  # a checkout: no VERSION file
    (tmp_path / "VERSION").write_text("1.3.0+g0123456789\n")
    assert read_release_version(tmp_path) == "1.3.0+g0123456789"
    (tmp_path / "VERSION").write_text("x" * 5000)  # never a whole file on a screen or in a heartbeat
    assert read_release_version(tmp_path) == DEVELOPMENT_VERSION
