"""While the kiosk works (reserving and printing), the citizen is told so, in words.

If the central service is slow, the screen says so after a few seconds instead of looking frozen;
the flow itself decides when to give up (the API client's timeouts and retries).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from kiosk.flow.citizen import FlowView
from kiosk.ui.widgets import label

from .base import Screen

SLOW_AFTER_MS = 5000


class IssuingScreen(Screen):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.body.addStretch(1)
        self.title = label(name="Title", align=Qt.AlignmentFlag.AlignCenter)
        self.lead = label(name="Lead", align=Qt.AlignmentFlag.AlignCenter)
        self.slow = label(align=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        self.body.addWidget(self.lead)
        self.body.addWidget(self.slow)
        self.body.addStretch(2)
        self._since = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._update_slow)

    def render(self, view: FlowView) -> None:
        self.title.setText(self.tr("Printing your ticket…"))
        self.lead.setText(self.tr("This takes a few seconds. Please wait by the printer."))
        self._update_slow()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._since.start()
        self._timer.start()
        self._update_slow()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _update_slow(self) -> None:
        slow = self._since.isValid() and self._since.elapsed() >= SLOW_AFTER_MS
        self.slow.setVisible(slow)
        if slow:
            self.slow.setText(
                self.tr("The service centre is answering slowly. Still trying — please stay a little longer.")
            )
