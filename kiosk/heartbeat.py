"""Heartbeat: every minute, device health and versions to the central, on its own thread.

The heartbeat is never retried (the next one follows a minute later) and never blocks anybody:
it runs on the "heartbeat" Worker with its own HTTP session. What it sends is gathered by a
``snapshot`` callable given by the assembly (device states, journal backlog, open or closed),
which must be cheap and thread-safe. No personal data is in a heartbeat.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, TypedDict

from kiosk import __version__
from kiosk.api.errors import CentralError
from kiosk.contract import DeviceHealth, Heartbeat, HeartbeatAck
from kiosk.contract.telemetry import DeviceState
from kiosk.runtime.worker import Worker

if TYPE_CHECKING:
    from kiosk.api.client import CentralClient
    from kiosk.devices.printer.status import PrinterStatus

log = logging.getLogger(__name__)

INTERVAL_S = 60.0

_PRINTER_STATES: dict[str, DeviceState] = {"ok": "ok", "paper_near_end": "degraded", "unknown": "unknown"}
_READER_STATES: dict[str, DeviceState] = {"ok": "ok", "none": "ok", "no_readers": "fault", "no_service": "fault"}


class HeartbeatSnapshot(TypedDict):
    """The kiosk's part of a ``Heartbeat`` (the sender adds the time and the version)."""

    devices: dict[str, DeviceHealth]
    journal_backlog: int
    open_for_citizens: bool


def printer_health(status: PrinterStatus) -> DeviceHealth:
    """A ``PrinterStatus`` as the fleet sees it."""
    summary = status.summary
    state = _PRINTER_STATES.get(summary, "fault")
    return DeviceHealth(state=state, detail=summary.replace("_", " "))


def reader_health(reader_state: str) -> DeviceHealth:
    state = _READER_STATES.get(reader_state, "unknown")
    return DeviceHealth(
        state=state, detail="not configured" if reader_state == "none" else reader_state.replace("_", " ")
    )


class HeartbeatSender:
    """Sends ``snapshot()`` every ``interval_s`` until ``stop()``; ``send_now()`` for tests and start-up."""

    def __init__(
        self, client: CentralClient, snapshot: Callable[[], HeartbeatSnapshot], interval_s: float = INTERVAL_S
    ) -> None:
        self._client = client  # a CentralClient used only on this sender's worker
        self._snapshot = snapshot
        self._interval = interval_s
        self._worker = Worker("heartbeat")
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None
        self.last_ack: HeartbeatAck | None = None
        self.last_error: str | None = None

    def start(self) -> None:
        self._timer = threading.Thread(target=self._tick, name="heartbeat-timer", daemon=True)
        self._timer.start()

    def _tick(self) -> None:
        while not self._stop.is_set():
            try:
                self.send_now()
            except RuntimeError:
                return  # the worker is stopping
            if self._stop.wait(self._interval):
                return

    def send_now(self) -> Future[HeartbeatAck | None]:
        return self._worker.submit(self._send)

    def _send(self) -> HeartbeatAck | None:
        if self._stop.is_set():
            return None
        try:
            body = Heartbeat(sent_at=dt.datetime.now(dt.UTC), app_version=__version__, **self._snapshot())
            self.last_ack = self._client.send_heartbeat(body)
            self.last_error = None
        except CentralError as exc:
            self.last_error = str(exc)
            log.info("heartbeat not delivered: %s", exc)
            return None
        except Exception as exc:
            self.last_error = f"{type(exc).__name__}: {exc}"
            log.warning("heartbeat failed: %s", self.last_error)
            return None
        return self.last_ack

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._client.close()  # ends a request in flight
        if self._timer is not None:
            self._timer.join(timeout)
        self._worker.stop(timeout)
