"""Online/offline state from the outcome of central calls.

One failed call is not an outage (a dropped packet, a restart of the central): the kiosk is
declared offline only after ``offline_after_failures`` consecutive failures, and back online on
the first success. Listeners are plain callables ``fn(online: bool)`` run on the thread that
recorded the outcome (the API worker); the Qt shell forwards them as queued signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

Listener = Callable[[bool], None]


class ConnectivityMonitor:
    """Counts consecutive failures and tells listeners when online/offline flips."""

    def __init__(self, offline_after_failures: int = 3) -> None:
        if offline_after_failures < 1:
            raise ValueError("offline_after_failures must be >= 1")
        self._threshold = offline_after_failures
        self._failures = 0
        self._online = True
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    @property
    def online(self) -> bool:
        with self._lock:
            return self._online

    @property
    def consecutive_failures(self) -> int:
        with self._lock:
            return self._failures

    def add_listener(self, fn: Listener) -> Callable[[], None]:
        """Register ``fn``; returns a function that unregisters it."""
        with self._lock:
            self._listeners.append(fn)

        def remove() -> None:
            with self._lock:
                if fn in self._listeners:
                    self._listeners.remove(fn)

        return remove

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            changed = not self._online
            self._online = True
        if changed:
            self._notify(True)

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            changed = self._online and self._failures >= self._threshold
            if changed:
                self._online = False
        if changed:
            self._notify(False)

    def _notify(self, online: bool) -> None:
        with self._lock:
            listeners = list(self._listeners)
        log.info("central connectivity: %s", "online" if online else "offline")
        for fn in listeners:
            try:
                fn(online)
            except Exception:  # a broken listener must not break the API worker
                log.exception("connectivity listener %r failed", fn)
