"""How the Qt-free core asks for "later" and "on my thread" without knowing about Qt.

The citizen flow is single-threaded: every state change happens on one thread (the GUI thread
in the app). Workers finish on their own threads, so they hand results back with ``post``;
timeouts (idle warning, ticket display) use ``call_later``. The Qt shell implements this with
queued signals and QTimers (``kiosk.ui.qt_scheduler``); tests use ``ManualScheduler`` and move
time by hand, so idle handling is tested in microseconds instead of minutes.
"""

from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


class Timer(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    # ``fn``'s result is ignored: the flow posts ``send`` itself, which answers whether it applied.
    def post(self, fn: Callable[[], object]) -> None:
        """Run ``fn`` soon on the flow's thread; callable from any thread."""

    def call_later(self, delay_s: float, fn: Callable[[], object]) -> Timer:
        """Run ``fn`` on the flow's thread after ``delay_s`` unless cancelled first."""


@dataclass(order=True)
class _Due:
    at: float
    seq: int
    fn: Callable[[], object] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        self.cancelled = True


class ManualScheduler:
    """A scheduler whose clock only moves when told to; for tests and headless tools."""

    def __init__(self) -> None:
        self.now = 0.0
        self._posted: list[Callable[[], object]] = []
        self._timers: list[_Due] = []
        self._seq = itertools.count()
        self._lock = threading.Lock()
        self._wakeup = threading.Condition(self._lock)

    def post(self, fn: Callable[[], object]) -> None:
        with self._lock:
            self._posted.append(fn)
            self._wakeup.notify_all()

    def call_later(self, delay_s: float, fn: Callable[[], object]) -> Timer:
        due = _Due(self.now + max(0.0, delay_s), next(self._seq), fn)
        with self._lock:
            heapq.heappush(self._timers, due)
        return due

    def run_posted(self) -> int:
        """Run everything posted so far (and whatever that posts); return how many ran."""
        ran = 0
        while True:
            with self._lock:
                batch, self._posted = self._posted, []
            if not batch:
                return ran
            for fn in batch:
                fn()
                ran += 1

    def wait_posted(self, timeout_s: float = 5.0) -> int:
        """Block until a worker posts something, then run it. For tests with real workers."""
        with self._lock:
            if not self._posted:
                self._wakeup.wait(timeout_s)
        return self.run_posted()

    def advance(self, seconds: float) -> None:
        """Move the clock forward, firing due timers in order."""
        target = self.now + seconds
        while True:
            self.run_posted()
            with self._lock:
                if not self._timers or self._timers[0].at > target:
                    break
                due = heapq.heappop(self._timers)
            self.now = max(self.now, due.at)
            if not due.cancelled:
                due.fn()
        self.now = target
        self.run_posted()

    def pending_timers(self) -> int:
        """Timers still to fire (the stale-answer tests check that an ignored event arms none)."""
        with self._lock:
            return sum(1 for t in self._timers if not t.cancelled)
