"""What staff decided for this kiosk today: services switched off, closed for the day.

Kept in the data folder (``admin-state.json``), written atomically, so a restart keeps it. A
"closed for the day" lasts until the end of the local day it was set on; the kiosk opens again
the next morning without anybody having to remember it.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.atomic_file import atomic_write


@dataclass(frozen=True)
class AdminState:
    disabled_services: frozenset[str] = field(default_factory=frozenset)
    closed_message: str | None = None
    closed_on: dt.date | None = None  # the local day the kiosk was closed

    def closed_today(self, today: dt.date) -> str | None:
        """The message to show citizens when the kiosk is closed today, else None."""
        return self.closed_message if self.closed_on == today else None


class AdminStateStore:
    """Thread-safe; every change is on disk before the call returns."""

    def __init__(self, path: Path, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.path = Path(path)
        self._today = today
        self._lock = threading.Lock()
        self._state = self._load()

    def _load(self) -> AdminState:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return AdminState()
        closed_on = raw.get("closed_on")
        return AdminState(
            frozenset(raw.get("disabled_services", ())),
            raw.get("closed_message"),
            dt.date.fromisoformat(closed_on) if closed_on else None,
        )

    def _store(self, state: AdminState) -> AdminState:
        raw = {
            "disabled_services": sorted(state.disabled_services),
            "closed_message": state.closed_message,
            "closed_on": state.closed_on.isoformat() if state.closed_on else None,
        }
        atomic_write(self.path, json.dumps(raw, indent=1).encode("utf-8"), mode=0o600)
        self._state = state
        return state

    @property
    def state(self) -> AdminState:
        return self._state

    def closed_message(self) -> str | None:
        return self._state.closed_today(self._today())

    def set_service_enabled(self, service_id: str, enabled: bool) -> AdminState:
        with self._lock:
            disabled = set(self._state.disabled_services)
            (disabled.discard if enabled else disabled.add)(service_id)
            return self._store(AdminState(frozenset(disabled), self._state.closed_message, self._state.closed_on))

    def close_for_day(self, message: str) -> AdminState:
        message = message.strip()
        if not message:
            raise ValueError("a closed kiosk needs a message for the citizens")
        with self._lock:
            return self._store(AdminState(self._state.disabled_services, message[:200], self._today()))

    def reopen(self) -> AdminState:
        with self._lock:
            return self._store(AdminState(self._state.disabled_services, None, None))
