"""The one atomic file writer, and the crash markers written through it."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from kiosk.atomic_file import atomic_write
from kiosk.runtime.crash import CRASH_DIR, MARKER, CrashGuard


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _fsynced_paths(monkeypatch) -> list[str]:
    """Spy on os.fsync (the real call still happens) to see which files and folders it reached."""
    seen: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        seen.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    return seen


def test_crash_marker_is_private_even_over_a_stale_wider_temp_file(tmp_path, monkeypatch):
    # A crash between open and rename leaves the temp file behind; the old writer reopened it
    # with O_CREAT, which keeps its old mode, so the marker came out world-readable.
    folder = tmp_path / CRASH_DIR
    folder.mkdir()
    stale = folder / f".{MARKER}.tmp"
    stale.write_text("old")
    stale.chmod(0o644)
    fsynced = _fsynced_paths(monkeypatch)
    guard = CrashGuard(tmp_path, "9.9.9", stream=io.StringIO())
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        assert guard.record(type(exc), exc, exc.__traceback__) is not None
    marker = folder / MARKER
    assert _mode(marker) == 0o600
    assert '"RuntimeError"' in marker.read_text()
    assert str(folder) in fsynced  # the rename itself reached the disk


def test_a_failed_write_leaves_no_temp_file_and_the_old_content(tmp_path):
    target = tmp_path / "state.json"
    target.write_bytes(b"old")
    blocker = tmp_path / "blocked"
    (blocker / "inside").mkdir(parents=True)  # os.replace cannot put a file over a folder
    with pytest.raises(OSError):
        atomic_write(blocker, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked", "state.json"]
    assert target.read_bytes() == b"old"


def test_mode_is_the_one_asked_for_whatever_the_umask(tmp_path):
    old = os.umask(0o077)
    try:
        atomic_write(tmp_path / "kiosk.toml", b"[ui]\n", mode=0o644)
        atomic_write(tmp_path / "token", b"t\n", mode=0o600)
    finally:
        os.umask(old)
    assert _mode(tmp_path / "kiosk.toml") == 0o644
    assert _mode(tmp_path / "token") == 0o600


def test_backup_keeps_the_previous_content_and_its_mode(tmp_path):
    path = tmp_path / "kiosk.toml"
    atomic_write(path, b"one", mode=0o640)
    atomic_write(path, b"two", mode=0o640, backup=True)
    assert path.read_bytes() == b"two"
    assert (tmp_path / "kiosk.toml.bak").read_bytes() == b"one"
    assert _mode(tmp_path / "kiosk.toml.bak") == 0o640
