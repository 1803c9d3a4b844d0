"""On-screen input for a touch-only kiosk: a PIN keypad and a small text keyboard."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets import button

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm._/", ":,@#")


class PinKeypad(QWidget):
    """Digits, delete, OK. ``pressed(key)`` with "0".."9", "back" or "ok"."""

    pressed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(14)
        self.keys = {}
        for i, key in enumerate(("1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok")):
            b = button(key, role="primary" if key == "ok" else "key", name=f"pin-{key}")
            b.setMinimumHeight(96)
            b.clicked.connect(lambda _=False, k=key: self.pressed.emit(k))
            grid.addWidget(b, i // 3, i % 3)
            self.keys[key] = b
        self.keys["back"].setText("⌫")

    def retranslate(self) -> None:
        self.keys["ok"].setText(self.tr("Enter"))
        self.keys["back"].setAccessibleName(self.tr("Delete last digit"))


class TextKeyboard(QWidget):
    """Letters, digits and the few signs URLs and names need; shift for capitals."""

    pressed = Signal(str)  # a character, or "back", "space", "clear"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._upper = False
        column = QVBoxLayout(self)
        column.setSpacing(8)
        self._letters = []
        for row in ROWS:
            line = QHBoxLayout()
            line.setSpacing(8)
            for ch in row:
                b = button(ch, role="key", name=f"kb-{ch}")
                b.setMinimumHeight(72)
                b.clicked.connect(lambda _=False, b=b: self.pressed.emit(b.text()))
                line.addWidget(b)
                if ch.isalpha():
                    self._letters.append(b)
            column.addLayout(line)
        last = QHBoxLayout()
        self.shift = button("⇧", role="key", name="kb-shift")
        self.space = button("", role="key", name="kb-space")
        self.back = button("⌫", role="key", name="kb-back")
        self.clear = button("", role="key", name="kb-clear")
        self.shift.clicked.connect(self._toggle_shift)
        self.space.clicked.connect(lambda: self.pressed.emit("space"))
        self.back.clicked.connect(lambda: self.pressed.emit("back"))
        self.clear.clicked.connect(lambda: self.pressed.emit("clear"))
        for b, stretch in ((self.shift, 1), (self.space, 4), (self.back, 1), (self.clear, 2)):
            b.setMinimumHeight(72)
            last.addWidget(b, stretch)
        column.addLayout(last)

    def retranslate(self) -> None:
        self.space.setText(self.tr("Space"))
        self.clear.setText(self.tr("Clear"))
        self.shift.setAccessibleName(self.tr("Capital letters"))

    def _toggle_shift(self) -> None:
        self._upper = not self._upper
        for b in self._letters:
            b.setText(b.text().upper() if self._upper else b.text().lower())


def apply_key(text: str, key: str, limit: int = 200) -> str:
    """The text after one key of ``TextKeyboard`` (or a digit of ``PinKeypad``)."""
    if key == "back":
        return text[:-1]
    if key == "clear":
        return ""
    if key == "space":
        key = " "
    return (text + key)[:limit]
