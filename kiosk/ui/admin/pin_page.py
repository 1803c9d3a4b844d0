"""The PIN keypad that opens admin mode (and what it says after a wrong PIN or in a lockout)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.admin.pin import MAX_DIGITS, PinCheck, PinLocked
from kiosk.ui.widgets import button, label

from .base import AdminPage
from .keyboard import PinKeypad


class PinPage(AdminPage):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._pin = ""
        self.hint = label(name="Lead")
        self.entry = label(name="Entry", align=Qt.AlignmentFlag.AlignHCenter)
        self.entry.setObjectName("Entry")
        self.keypad = PinKeypad()
        self.keypad.pressed.connect(self._key)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keypad, 2)
        row.addStretch(1)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.entry)
        self.body.addStretch(1)
        self.body.addLayout(row)
        self.cancel = button(name="AdminCancel")
        self.cancel.clicked.connect(lambda: self.go.emit("leave"))
        self.bottom_row(self.cancel)

    def entered(self) -> None:
        super().entered()
        self._pin = ""
        self.title.setText(self.tr("Staff access"))
        self.hint.setText(self.tr("Enter your staff or technician PIN."))
        self.cancel.setText(self.tr("Cancel and return to the kiosk"))
        self.keypad.retranslate()
        self._show()
        self.keypad.setEnabled(True)

    def _show(self) -> None:
        self.entry.setText("● " * len(self._pin) if self._pin else self.tr("PIN"))

    def _key(self, key: str) -> None:
        if key == "ok":
            if self._pin:
                self.keypad.setEnabled(False)  # one check at a time; scrypt takes ~0.1 s
                self.say(self.tr("Checking…"), "ok")
                self.controller.check_pin(self._pin, self._checked)
            return
        self._pin = self._pin[:-1] if key == "back" else (self._pin + key)[:MAX_DIGITS]
        self._show()

    def _checked(self, result) -> None:
        self._pin = ""
        self._show()
        self.keypad.setEnabled(True)
        if isinstance(result, PinLocked):
            self.say(
                self.tr("Too many wrong PINs. Try again in %n minute(s).", "", math.ceil(result.seconds_left / 60))
            )
        elif isinstance(result, PinCheck) and result.role is None:
            if result.locked_for_s:
                self.say(
                    self.tr("Too many wrong PINs. Try again in %n minute(s).", "", math.ceil(result.locked_for_s / 60))
                )
            else:
                self.say(self.tr("Wrong PIN. %n attempt(s) left.", "", result.attempts_left))
        elif isinstance(result, Exception):
            self.say(self.tr("The PIN could not be checked: %1").replace("%1", str(result)))
        else:
            self.say(None)  # opened: the panel shows the menu
