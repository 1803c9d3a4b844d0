"""The hidden way into admin mode: five taps in the top-left corner within three seconds; a tap
anywhere else in between starts the count again (``reset``, called by the window).

A small transparent widget lies over the corner (above the header's site name, which takes no
touch) and counts its own presses. No application-wide event filter: nothing global keeps a
window alive after it was closed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QWidget

CORNER_PX = 120
TAPS = 5
WINDOW_S = 3.0


class CornerTaps(QWidget):
    def __init__(self, window: QWidget, on_triggered: Callable[[], None], clock: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self.setObjectName("AdminCorner")
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("")  # hidden on purpose: nothing for citizens to find
        self._on_triggered = on_triggered
        self._clock = clock
        self._taps: list[float] = []
        self.setGeometry(0, 0, CORNER_PX, CORNER_PX)
        self.raise_()
        window.installEventFilter(self)  # stay on top and in the corner when the window changes

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.ChildAdded):
            self.raise_()
        return False

    def mousePressEvent(self, event) -> None:
        now = self._clock()
        self._taps = [t for t in self._taps if now - t <= WINDOW_S] + [now]
        if len(self._taps) >= TAPS:
            self._taps.clear()
            self._on_triggered()
        event.accept()

    def reset(self) -> None:
        """A tap anywhere else: the count starts again (the window calls this)."""
        self._taps.clear()

    @staticmethod
    def corner_point() -> QPoint:
        return QPoint(CORNER_PX // 3, CORNER_PX // 3)
