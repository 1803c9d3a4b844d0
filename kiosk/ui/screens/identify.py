"""Identify: put the ID card on the reader, or type the NIK on a large keypad."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout

from kiosk.flow.citizen import FlowView
from kiosk.ui.illustrations import CardOnReader
from kiosk.ui.metrics import current
from kiosk.ui.pictograms import Pointer
from kiosk.ui.widgets import card, label, sized

from .base import Screen

KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]


def grouped(digits: str) -> str:
    """1234 5678 9012 3456: four-digit groups are easier to check against the card."""
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


class IdentifyScreen(Screen):
    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = label(name="Title")
        self.body.addWidget(self.title)
        row = sized(QHBoxLayout(), spacing=6)
        self.flexible_rows.append(row)

        card_box, card_layout = card()
        self.card_title = label(name="Lead")
        self.card_hint = label()
        self.card_state = label(name="Caption")
        self.picture = CardOnReader()
        card_layout.addWidget(self.picture, 1)
        # An arrow down to the reader (below the screen), beside "Place your ID card on the reader".
        self.pointer = Pointer("down", 10)
        title_row = sized(QHBoxLayout(), spacing=2)
        title_row.addWidget(self.pointer)
        title_row.addWidget(self.card_title, 1)
        card_layout.addLayout(title_row)
        for w in (self.card_hint, self.card_state):
            card_layout.addWidget(w)
        sized(card_box, min_width=90)  # wrapped hints stay a few lines, not a tall column
        self.card_box = card_box
        row.addWidget(card_box, 2)

        pad_box, pad_layout = card()
        self.nik_title = label(name="Lead")
        self.display = label(name="NikDisplay", align=Qt.AlignmentFlag.AlignCenter, wrap=False)
        sized(self.display, min_height=10)
        pad_layout.addWidget(self.nik_title)
        pad_layout.addWidget(self.display)
        grid = sized(QGridLayout(), spacing=2)
        self.keys = {}
        for i, key in enumerate(KEYS):
            self.keys[key] = self.add_key(grid, "nik_key", "key", key, i // 3, i % 3)
        pad_layout.addLayout(grid)
        row.addWidget(pad_box, 3)
        self.body.addLayout(row, 1)

        self.back, self.submit = self.back_and_submit("NikSubmit", "nik_submit")

    def render(self, view: FlowView) -> None:
        session = view.session
        self.title.setText(self.tr("This service needs your identity"))
        # On a tablet the keypad's own title says what to do; the screen's title gives its height.
        self.title.setVisible(not current().cramped)
        self.card_title.setText(self.tr("Place your ID card on the reader"))
        reader = view.status.reader
        self.card_box.setVisible(reader != "none")  # a kiosk without a reader just shows the keypad
        self.picture.active = reader == "ok"
        self.pointer.setVisible(reader == "ok")
        self.picture.update()
        if reader == "ok":
            self.card_hint.setText(self.tr("e-KTP or e-passport: hold it flat on the reader until the screen changes."))
            self.card_state.setText("")
        else:
            self.card_hint.setText(self.tr("The card reader is not available right now."))
            self.card_state.setText(self.tr("Please type your NIK instead."))
        # Without a reader there is no "or": the keypad is the way in, and its title says so.
        self.nik_title.setText(
            self.tr("Or type your NIK (16 digits)") if reader != "none" else self.tr("Type your NIK (16 digits)")
        )
        entry = session.nik_entry
        self.display.setText(grouped(entry) if entry else "–")
        for key, b in self.keys.items():
            b.setText({"clear": self.tr("Clear"), "back": "⌫"}.get(key, key))
            b.setEnabled(not session.lookup_pending)
        self.keys["back"].setAccessibleName(self.tr("Delete last digit"))
        self.back.setText(self.tr("Back"))
        self.submit.setText(self.tr("Checking…") if session.lookup_pending else self.tr("Continue"))
        self.submit.setEnabled(len(entry) == 16 and not session.lookup_pending)
