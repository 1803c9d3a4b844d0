"""Helpers for the supervisor tests: a central per engine shared by a module, a clock the test
moves, heartbeats as a kiosk sends them, and the staff stream read back."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import requests

from central.server import RunningCentral
from kiosk.contract import DeviceHealth, Heartbeat

PASSWORD = "loket-rahasia-1"


class MovableClock:
    """The central's clock: real time plus an offset the test adds to (no sleeping)."""

    def __init__(self) -> None:
        self.offset = timedelta()
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self.offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.offset += timedelta(seconds=seconds)


def login(central: RunningCentral, username: str, role: str = "counter_staff", name: str | None = None) -> dict:
    central.app.state.staff.add(username, PASSWORD, role, display_name=name)
    answer = requests.post(
        f"{central.url}/v1/staff/login", json={"username": username, "password": PASSWORD}, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def heartbeat(printer: str = "ok", reader: str = "ok", open_for_citizens: bool = True) -> Heartbeat:
    printer_state = {"ok": "ok", "paper near end": "degraded"}.get(printer, "fault")
    reader_state = "ok" if reader == "ok" else "fault"
    return Heartbeat(
        sent_at=datetime.now(UTC),
        app_version="test",
        devices={
            "printer": DeviceHealth(state=printer_state, detail=printer),
            "card_reader": DeviceHealth(state=reader_state, detail=reader),
        },
        open_for_citizens=open_for_citizens,
    )


def staff_events(central: RunningCentral, headers: dict, after: int | None) -> tuple[list[dict], int]:
    params = {} if after is None else {"after": after}
    answer = requests.get(f"{central.url}/v1/live/events", params=params, headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return body["events"], body["next_after"]


def last_event_id(central: RunningCentral, headers: dict) -> int:
    """The newest event id (the snapshot's), to read what a test does after it."""
    return staff_events(central, headers, None)[1]


def help_key() -> dict:
    return {"Idempotency-Key": str(uuid.uuid4())}
