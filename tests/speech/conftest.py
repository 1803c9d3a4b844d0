"""Speech tests run the real espeak-ng (apt package espeak-ng) and look at what it wrote."""

from __future__ import annotations

import os
import shutil
import wave
from pathlib import Path

import pytest

if shutil.which("espeak-ng") is None:  # scripts/setup.sh installs it; say so rather than fail oddly
    pytest.fail("espeak-ng is not installed (apt-get install espeak-ng)", pytrace=False)


def espeak_children() -> list[int]:
    """pids of espeak-ng processes whose parent is this test process (from /proc)."""
    me = os.getpid()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ..." - comm may contain spaces, so split after the last ")".
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        if ppid == me and comm.startswith("espeak"):
            found.append(int(entry.name))
    return found


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wav_info(path: Path) -> tuple[int, int, float, bytes]:
    """(channels, rate, seconds, frames) of a WAV file, read with the standard library."""
    with wave.open(str(path), "rb") as w:
        frames = w.readframes(w.getnframes())
        return w.getnchannels(), w.getframerate(), w.getnframes() / w.getframerate(), frames
