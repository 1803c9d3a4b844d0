"""Collects card service events from its thread and lets a test wait for one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class EventLog:
    def __init__(self) -> None:
        self.events: list[object] = []
        self._cond = threading.Condition()

    def __call__(self, event: object) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(
        self, kind: type[T], where: Callable[[T], bool] = lambda e: True, timeout: float = 15.0, after: int = 0
    ) -> T:
        """Wait for an event of ``kind`` (index >= ``after``) matching ``where``."""

        def find() -> T | None:
            for e in self.events[after:]:
                if isinstance(e, kind) and where(e):
                    return e
            return None

        with self._cond:
            found = self._cond.wait_for(find, timeout)
        if found is None:
            kinds = [type(e).__name__ for e in self.events]
            raise AssertionError(f"no {kind.__name__} within {timeout}s; got {kinds}: {self.events}")
        return found

    def mark(self) -> int:
        with self._cond:
            return len(self.events)

    def of(self, kind: type[T]) -> list[T]:
        with self._cond:
            return [e for e in self.events if isinstance(e, kind)]
