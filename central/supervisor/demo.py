"""The demo's supervisor: its account on the demo central and the line the demo prints."""

from __future__ import annotations

from typing import Any

from central.counters.admin import DEMO_STAFF


def demo_supervisor_line(central: Any) -> str:
    """Make sure the demo supervisor account exists (as ``central seed-demo`` makes it) and say
    where to sign in. ``central``: a running central (``central.server.RunningCentral``)."""
    username, password, role = next(entry for entry in DEMO_STAFF if entry[2] == "supervisor")
    try:
        central.app.state.staff.add(username, password, role)
    except ValueError:
        pass  # seeded already
    return f"Supervisor view: {central.url}/supervisor (account {username} / {password})"
