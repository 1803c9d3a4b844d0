"""The window a kiosk shows when it refuses to serve at all (a Qt binding that loses references,
issue 20): one still page, in both languages, that tells citizens to go to the help desk.

It makes as few Qt calls as it can, and none after it is shown: with such a binding every call
from Python brings the interpreter closer to an abort.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .theme import PALETTE, style_sheet

TEXT_ID = "Anjungan ini sedang tidak dapat digunakan.\nSilakan minta nomor antrean di meja layanan."
TEXT_EN = "This kiosk is out of service.\nPlease ask for a queue number at the help desk."


class OutOfServiceWindow(QWidget):
    first_frame = Signal()  # as KioskWindow's: the start-up probe and the watchdog wait for it

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Anjungan")
        self.setObjectName("KioskArea")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(style_sheet(PALETTE))
        column = QVBoxLayout(self)
        column.setContentsMargins(96, 96, 96, 96)
        column.setSpacing(32)
        column.addStretch(1)
        self.title = QLabel(TEXT_ID)
        self.title.setObjectName("Title")
        self.lead = QLabel(TEXT_EN)
        self.lead.setObjectName("Lead")
        for text in (self.title, self.lead):
            text.setWordWrap(True)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(text)
        column.addStretch(1)
        self.installEventFilter(self)  # removed at the first paint: no Python on later events

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self.first_frame.emit)
        return False

    def closeEvent(self, event) -> None:
        # Only the app may close it (as the kiosk window): no stray Alt+F4.
        if getattr(self, "_allow_close", False):
            event.accept()
        else:
            event.ignore()

    def close_for_shutdown(self) -> None:
        self._allow_close = True
        self.close()
