"""Booking check-in: the appointment's code typed on a large letter-and-digit keypad, or its QR
code held under the scanner (which types it for the citizen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy

from kiosk.contract.bookings import BOOKING_ALPHABET, BOOKING_CODE_MIN
from kiosk.flow.citizen import FlowView
from kiosk.ui.metrics import current
from kiosk.ui.pictograms import Pointer
from kiosk.ui.widgets import card, label, sized

from .base import Screen

# Alphabetical, not QWERTY: easier to find a letter for someone who rarely types. The alphabet
# has no I, O or Q (they read as 1 and 0), so neither does the keypad.
DIGITS = "1234567890"
LETTERS = "".join(c for c in BOOKING_ALPHABET if c.isalpha())
COLUMNS = 10
SIDE_COLUMNS = 8  # beside the navigation column (side mode)


class BookingScreen(Screen):
    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = label(name="Title")
        self.lead = label(name="Lead")
        self.body.addWidget(self.title)
        # Beside "...or hold its QR code under the scanner": an arrow down to the scanner.
        self.pointer = Pointer("down", 10)
        lead_row = sized(QHBoxLayout(), spacing=2)
        lead_row.addWidget(self.pointer)
        lead_row.addWidget(self.lead, 1)
        self.body.addLayout(lead_row)
        box, layout = card()
        self.display = label(name="NikDisplay", align=Qt.AlignmentFlag.AlignCenter, wrap=False)
        sized(self.display, min_height=10)
        # The code line stays one line high; spare height goes below the keypad, not into it.
        self.display.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.display)
        self.card_layout = layout
        grid = sized(QGridLayout(), spacing=1.2)
        self.keys = {}
        for key in (*DIGITS, *LETTERS, "back", "clear"):
            self._add_key(grid, key, 0, 0)
        self.grid = grid
        self._columns = 0
        self._lay_out_keys(COLUMNS)
        layout.addLayout(grid)
        self.body.addWidget(box)
        self.body.addStretch(1)
        self.back, self.submit = self.back_and_submit("BookingSubmit", "booking_submit")

    def apply_layout_mode(self, portrait: bool, reach: bool) -> None:
        super().apply_layout_mode(portrait, reach)
        sized(self.card_layout, margins=(2, 2) if self.side_mode else (4, 2.5))  # side mode: keys need the width
        self._lay_out_keys(SIDE_COLUMNS if self.side_mode else COLUMNS)

    def _lay_out_keys(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        chars = [self.keys[c] for c in DIGITS + LETTERS]
        used = len(chars) % columns
        clear_span = max(2, columns - used - 2) if used + 4 <= columns else columns - 2
        self.flow_keys(self.grid, chars, columns, [(self.keys["back"], 2), (self.keys["clear"], clear_span)])

    def _add_key(self, grid: QGridLayout, key: str, row: int, col: int, span: int = 1) -> None:
        self.keys[key] = self.add_key(grid, "booking_key", "bookingkey", key, row, col, span)

    def render(self, view: FlowView) -> None:
        s = view.session
        self.title.setText(self.tr("Check in for your appointment"))
        self.lead.setVisible(not current().cramped)  # a tablet needs the height for the keys
        self.pointer.setVisible(self.lead.isVisibleTo(self))
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
