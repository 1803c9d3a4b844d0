"""Booking check-in: the appointment's code typed on a large letter-and-digit keypad, or its QR
code held under the scanner (which types it for the citizen)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from kiosk.contract.bookings import BOOKING_CODE_MIN
from kiosk.flow.citizen import FlowView
from kiosk.ui.metrics import current
from kiosk.ui.pictograms import Pointer
from kiosk.ui.widgets import label, sized

from .base import Screen
from .code_keypad import CodeKeypad


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
        self.keypad = CodeKeypad(self, "booking_key", "bookingkey")
        self.display, self.keys = self.keypad.display, self.keypad.keys
        self.body.addWidget(self.keypad.box)
        self.body.addStretch(1)
        self.back, self.submit = self.back_and_submit("BookingSubmit", "booking_submit")

    def apply_layout_mode(self, portrait: bool, reach: bool) -> None:
        super().apply_layout_mode(portrait, reach)
        self.keypad.fit(self.side_mode)

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
        for b in self.keys.values():
            b.setEnabled(not s.lookup_pending)
        self.name_edit_keys(self.keys)
        self.back.setText(self.tr("Back"))
        self.submit.setText(self.tr("Checking…") if s.lookup_pending else self.tr("Check in"))
        self.submit.setEnabled(len(s.booking_entry) >= BOOKING_CODE_MIN and not s.lookup_pending)
