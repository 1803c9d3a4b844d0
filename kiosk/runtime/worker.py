"""One long-lived thread per device or service; every call to that device runs on it.

Device libraries (pyusb, pyserial, pyscard) are not thread-safe, and HTTP must never run on the
GUI thread, so each owner gets a ``Worker`` and talks to it only through ``submit``. Results come
back as ``concurrent.futures.Future`` objects; the Qt shell turns their completion into queued
signals (``kiosk.ui.bridge``), tests simply wait on them.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")
log = logging.getLogger(__name__)

_STOP = object()


class WorkerStopped(RuntimeError):
    """Raised by ``submit`` once the worker has been asked to stop."""


class Worker:
    """A named thread that runs submitted jobs one at a time, in order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=f"worker-{name}", daemon=True)
        self._stopping = False
        self._lock = threading.Lock()
        self._thread.start()

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def submit(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        fut: Future[T] = Future()
        with self._lock:
            if self._stopping:
                raise WorkerStopped(f"worker {self.name!r} is stopping")
            self._jobs.put((fut, fn, args, kwargs))
        return fut

    def stop(self, timeout: float = 5.0) -> bool:
        """Run the jobs already queued, refuse new ones, join. Returns True if the thread ended."""
        with self._lock:
            if not self._stopping:
                self._stopping = True
                self._jobs.put(_STOP)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is _STOP:
                break
            fut, fn, args, kwargs = item
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                fut.set_exception(exc)
            else:
                fut.set_result(result)
