"""The kiosk's events outbox: events for the central (POST /v1/events), kept on disk until sent.

Used for what the fleet must hear about even when the central is away at that moment, first of
all a PIN lockout (someone trying PINs at a kiosk). ``add`` stores the event (a JSON file in the
data folder, written atomically) and tries to send everything pending on the outbox's own worker;
``flush`` tries again (the assembly calls it when the central comes back). Each event carries a
client UUID, so a batch whose answer was lost is sent again without being counted twice.
No personal data goes in: callers pass small, fixed details (a path name, a duration).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import uuid
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.atomic_file import atomic_write
from kiosk.runtime.worker import Worker, WorkerStopped

if TYPE_CHECKING:
    from kiosk.api.client import CentralClient

log = logging.getLogger(__name__)

MAX_KEPT = 500  # the central takes at most 500 per batch; older events beyond that are dropped


class EventOutbox:
    def __init__(self, path: Path, client: CentralClient | None) -> None:
        self.path = Path(path)
        self._client = client
        self._lock = threading.Lock()  # add() on the admin worker, flush on this outbox's worker
        self._worker = Worker("events")

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return self._read()

    def _read(self) -> list[dict[str, Any]]:
        try:
            events = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return []
        return events if isinstance(events, list) else []

    def _write(self, events: list[dict[str, Any]]) -> None:
        atomic_write(self.path, json.dumps(events[-MAX_KEPT:]).encode("utf-8"), mode=0o600)

    def add(self, kind: str, data: dict[str, Any]) -> Future[int]:
        """Store the event, then try to send what is pending; the future gives how many were sent."""
        event = {"id": str(uuid.uuid4()), "kind": kind, "at": dt.datetime.now(dt.UTC).isoformat(), "data": data}
        with self._lock:
            self._write([*self._read(), event])
        return self.flush()

    def flush(self) -> Future[int]:
        try:
            return self._worker.submit(self._send)
        except WorkerStopped:  # the kiosk is shutting down: the events wait on disk for the next start
            done: Future[int] = Future()
            done.set_result(0)
            return done

    def _send(self) -> int:
        from kiosk.api.errors import CentralError
        from kiosk.contract import EventBatch, KioskEvent

        if self._client is None:
            return 0
        events = self.pending()
        if not events:
            return 0
        try:
            self._client.post_events(EventBatch(events=[KioskEvent.model_validate(e) for e in events]))
        except CentralError as exc:
            log.warning("%d event(s) kept for the central: %s", len(events), exc.message)
            return 0
        sent = {e["id"] for e in events}
        with self._lock:
            self._write([e for e in self._read() if e["id"] not in sent])
        return len(sent)

    def stop(self, timeout: float = 5.0) -> bool:
        if self._client is not None:
            self._client.close()  # a send waiting to retry gives up; the events stay on disk
        return self._worker.stop(timeout)
