"""The marker an upgrade's health check waits for: this release reached its welcome screen.

deploy/upgrade.sh switches to a new release, restarts the kiosk and waits for this file to name
the new version (and a live process) before it keeps the release; otherwise it rolls back. It is
written once the window has been painted and the services were built (a release that cannot
build them never writes it), whatever the welcome screen then says: a central that is down at
that moment is the site's problem, not the release's.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from kiosk.atomic_file import atomic_write

STARTED_MARKER = "release-started.json"


def write_started_marker(data_dir: Path, version: str) -> Path:
    path = Path(data_dir) / STARTED_MARKER
    body = {"version": version, "pid": os.getpid(), "started_at": datetime.now(UTC).isoformat(timespec="seconds")}
    # Readable by root's upgrade script; it holds nothing private.
    atomic_write(path, (json.dumps(body) + "\n").encode("ascii"), mode=0o644)
    return path


def running_kiosk_pid(data_dir: Path) -> int | None:
    """The pid of a kiosk that wrote the marker and still runs (diagnose then leaves the card
    reader alone and says the printer is shared); None when none does."""
    try:
        pid = int(json.loads((Path(data_dir) / STARTED_MARKER).read_text(encoding="ascii"))["pid"])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # The pid may have been reused by something else since: it must still be a main.py.
    return pid if any(arg.endswith(b"main.py") for arg in cmdline.split(b"\0")) else None
