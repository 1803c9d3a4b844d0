"""Booking check-in: the appointment's code typed on a large letter-and-digit keypad, or its QR
code held under the scanner (which types it for the citizen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QSizePolicy

from kiosk.contract.bookings import BOOKING_ALPHABET, BOOKING_CODE_MIN
from kiosk.flow.citizen import FlowView
from kiosk.ui.metrics import current
from kiosk.ui.widgets import card, label, sized

from .base import Screen

# Alphabetical, not QWERTY: easier to find a letter for someone who rarely types. The alphabet
# has no I, O or Q (they read as 1 and 0), so neither does the keypad.
DIGITS = "1234567890"
LETTERS = "".join(c for c in BOOKING_ALPHABET if c.isalpha())
COLUMNS = 10


class BookingScreen(Screen):
    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = label(name="Title")
        self.lead = label(name="Lead")
        self.body.addWidget(self.title)
        self.body.addWidget(self.lead)
        box, layout = card()
        self.display = label(name="NikDisplay", align=Qt.AlignmentFlag.AlignCenter, wrap=False)
        sized(self.display, min_height=10)
        # The code line stays one line high; spare height goes below the keypad, not into it.
        self.display.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.display)
        grid = sized(QGridLayout(), spacing=1.2)
        self.keys = {}
        for i, key in enumerate(DIGITS + LETTERS):
            self._add_key(grid, key, i // COLUMNS, i % COLUMNS)
        last = (len(DIGITS) + len(LETTERS)) // COLUMNS
        used = (len(DIGITS) + len(LETTERS)) % COLUMNS
        self._add_key(grid, "back", last, used, span=2)
        self._add_key(grid, "clear", last, used + 2, span=COLUMNS - used - 2)
        layout.addLayout(grid)
        self.body.addWidget(box)
        self.body.addStretch(1)
        self.back, self.submit = self.back_and_submit("BookingSubmit", "booking_submit")

    def _add_key(self, grid: QGridLayout, key: str, row: int, col: int, span: int = 1) -> None:
        self.keys[key] = self.add_key(grid, "booking_key", "bookingkey", key, row, col, span)

    def render(self, view: FlowView) -> None:
        s = view.session
        self.title.setText(self.tr("Check in for your appointment"))
        self.lead.setVisible(not current().cramped)  # a tablet needs the height for the keys
        self.lead.setText(
            self.tr(
                "Type the booking code from your confirmation message, for example "
                "BDG-7K3P9, or hold its QR code under the scanner."
            )
        )
        # Letters spaced apart: easier to compare with the message, character by character.
        self.display.setText(" ".join(s.booking_entry) if s.booking_entry else "–")
        for _key, b in self.keys.items():
            b.setEnabled(not s.lookup_pending)
        self.keys["back"].setText("⌫")
        self.keys["back"].setAccessibleName(self.tr("Delete last character"))
        self.keys["clear"].setText(self.tr("Clear"))
        self.back.setText(self.tr("Back"))
        self.submit.setText(self.tr("Checking…") if s.lookup_pending else self.tr("Check in"))
        self.submit.setEnabled(len(s.booking_entry) >= BOOKING_CODE_MIN and not s.lookup_pending)
