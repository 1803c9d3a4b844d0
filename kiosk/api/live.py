"""The central's live event stream for this kiosk (``GET /v1/live/terminal``, server-sent events).

One thread holds the stream open and hands every event to ``on_event`` (on that thread; the
listeners only set flags or nudge their own workers). It reconnects by itself (2 s, doubling to
30 s), resuming after the last event id it saw, so nothing is missed while it was away. While it is
down, the kiosk polls as before: ``connected`` tells the pollers which pace to keep.

What comes: the hall's public queue events (the kiosk refreshes its queue figures on them) and
the status changes of this terminal's own QRIS payments (the central sends no other terminal's).
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import requests

from kiosk import __version__
from kiosk.api.settings import CentralSettings

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 40.0  # the central sends a heartbeat after 15 s of quiet: 40 s of nothing is a dead link
RETRY_S = 2.0
RETRY_MAX_S = 30.0
MAX_LINE = 1 << 20  # an event bigger than this is not one of ours: drop the connection


class LiveStream:
    def __init__(
        self,
        settings: CentralSettings,
        token: str | None,
        on_event: Callable[[dict[str, Any]], None],
        on_connected: Callable[[bool], None] | None = None,
        retry_s: float = RETRY_S,
    ) -> None:
        self._url = settings.base_url.rstrip("/") + "/v1/live/terminal"
        self._headers = {
            "Accept": "text/event-stream",
            "User-Agent": f"anjungan-kiosk/{__version__}",
            "X-Terminal-Id": settings.terminal_id,
        }
        if token:
            self._headers["Authorization"] = f"Bearer {token}"
        self._verify: bool | str = str(settings.ca_bundle) if settings.ca_bundle else settings.verify_tls
        self._connect_timeout = settings.connect_timeout_s
        self._on_event = on_event
        self._on_connected = on_connected
        self._retry_s = retry_s
        self._session = requests.Session()
        self._response: requests.Response | None = None
        self._stop = threading.Event()
        self._connected = threading.Event()
        self.last_id: int | None = None
        self.events_seen = 0
        self._thread = threading.Thread(target=self._run, name="central-live", daemon=True)

    def __repr__(self) -> str:  # never shows the token
        return f"LiveStream({self._url!r})"

    @property
    def connected(self) -> bool:
        """The stream is open now: events arrive as they happen."""
        return self._connected.is_set()

    def wait_connected(self, timeout: float) -> bool:
        return self._connected.wait(timeout)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> bool:
        self._stop.set()
        self.drop_connection()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._session.close()
        return not self._thread.is_alive()

    def drop_connection(self) -> None:
        """Cut the open connection (any thread): the blocked read ends now, not at the next
        heartbeat; unless stopping, the stream thread reconnects and resumes."""
        response = self._response
        connection = getattr(getattr(response, "raw", None), "connection", None)
        sock = getattr(connection, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed

    # ---- the stream thread -----------------------------------------------------------------
    def _run(self) -> None:
        delay = self._retry_s
        while not self._stop.is_set():
            try:
                if self._follow():
                    delay = self._retry_s  # it was up: the next try comes soon
            except Exception as exc:  # requests/urllib3 raise many kinds when the link drops
                if not self._stop.is_set():
                    log.info("live stream down: %s", type(exc).__name__)
            self._set_connected(False)
            if self._stop.wait(delay):
                break
            delay = min(delay * 2, RETRY_MAX_S)

    def _follow(self) -> bool:
        """Read one connection until it ends; True when it had been accepted."""
        headers = dict(self._headers)
        if self.last_id is not None:
            headers["Last-Event-ID"] = str(self.last_id)
        response = self._session.get(
            self._url,
            headers=headers,
            stream=True,
            timeout=(self._connect_timeout, READ_TIMEOUT_S),
            verify=self._verify,
        )
        self._response = response
        try:
            if response.status_code != 200 or not response.headers.get("content-type", "").startswith(
                "text/event-stream"
            ):
                log.warning("live stream refused: HTTP %s", response.status_code)
                return False
            self._set_connected(True)
            for event_id, data in _events(_lines(response.iter_content(chunk_size=None))):
                if self._stop.is_set():
                    break
                self.last_id = event_id
                self.events_seen += 1
                try:
                    self._on_event(data)
                except Exception:
                    log.exception("live stream listener failed")
            return True
        finally:
            self._response = None
            response.close()

    def _set_connected(self, up: bool) -> None:
        if up == self._connected.is_set():
            return
        if up:
            self._connected.set()
        else:
            self._connected.clear()
        log.info("live stream %s", "connected" if up else "disconnected")
        if self._on_connected is not None:
            self._on_connected(up)


def _lines(chunks: Iterator[bytes]) -> Iterator[str]:
    """Lines of the stream as they arrive (``\n`` or ``\r\n``), the blank ones too."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        if len(pending) > MAX_LINE and b"\n" not in pending:
            raise ValueError("live stream line too long")
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield line.rstrip(b"\r").decode("utf-8")


def _events(lines: Iterator[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(id, data) of each complete event; comments and retry lines are skipped."""
    event_id: int | None = None
    data: list[str] = []
    for line in lines:
        if line == "":
            if data and event_id is not None:
                decoded = json.loads("\n".join(data))
                if isinstance(decoded, dict):
                    yield event_id, decoded
            event_id, data = None, []
        elif line.startswith("id:"):
            text = line[3:].strip()
            event_id = int(text) if text.isdigit() else None
        elif line.startswith("data:"):
            data.append(line[5:].lstrip(" "))
