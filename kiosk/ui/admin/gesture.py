"""The hidden way into admin mode: five taps in the top-left corner within three seconds."""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QApplication, QWidget

CORNER_PX = 120
TAPS = 5
WINDOW_S = 3.0


class CornerTaps(QObject):
    """Watches every press in ``window`` (an application event filter: taps land on children)."""

    def __init__(self, window: QWidget, on_triggered: Callable[[], None], clock: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self._window = window
        self._on_triggered = on_triggered
        self._clock = clock
        self._taps: list[float] = []
        self._last_event: tuple | None = None
        QApplication.instance().installEventFilter(self)
        window.destroyed.connect(self._detach)

    def _detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.MouseButtonPress or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self._window:
            return False
        pos = self._window.mapFromGlobal(event.globalPosition().toPoint())
        # A press a child ignores is offered to its parents too: count each press once.
        key = (event.timestamp(), pos.x(), pos.y())
        if key == self._last_event:
            return False
        self._last_event = key
        if not (0 <= pos.x() < CORNER_PX and 0 <= pos.y() < CORNER_PX):
            self._taps.clear()  # a tap elsewhere breaks the sequence
            return False
        now = self._clock()
        self._taps = [t for t in self._taps if now - t <= WINDOW_S] + [now]
        if len(self._taps) >= TAPS:
            self._taps.clear()
            self._on_triggered()
        return False

    @staticmethod
    def corner_point() -> QPoint:
        return QPoint(CORNER_PX // 3, CORNER_PX // 3)
