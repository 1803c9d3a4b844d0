"""One line under the header for what just happened: a card read, a card taken away too soon,
a NIK that cannot be right. Text, not colour, carries the meaning (WCAG 1.4.1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.flow.citizen import FlowView

from .widgets import set_banner


class NoticeBar(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Banner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hide()

    def render(self, view: FlowView) -> None:
        text, tone = self.text_for(view)
        set_banner(self, text, tone)

    def text_for(self, view: FlowView) -> tuple[str | None, str]:
        key = view.session.notice
        if not key:
            return None, "ok"
        identity = view.session.identity
        if key == "mrz.reading":
            return self.tr("Reading the chip… keep the passport still on the reader."), "ok"
        if key == "booking.checking":
            return self.tr("Checking your booking…"), "ok"
        if key in ("survey.checking", "survey.sending"):
            return (self.tr("Checking your ticket…") if key == "survey.checking" else self.tr("Sending…")), "ok"
        if key == "identity.welcome":
            name = getattr(identity, "masked_name", None)
            return (self.tr("Welcome, %1").replace("%1", name) if name else self.tr("Identity received.")), "ok"
        messages = {
            "identity.staff": self.tr("Staff card recognised."),
            "identity.card_unknown": self.tr("This card is not known here. Please type your NIK."),
            "identity.nik_needed": self.tr("This card needs your NIK as well. Please type it on the keypad."),
            "identity.unavailable": self.tr("Your identity cannot be checked right now. Please try again in a moment."),
            "mrz.needed": self.tr(
                "An e-passport is on the reader. Type the data from its photo page to open the chip."
            ),
            "mrz.wrong_key": self.tr(
                "The chip did not accept this data. Please check each field against the photo page."
            ),
            "mrz.doc": self.tr("Please type the passport number (at least 6 letters and digits)."),
            "mrz.birth": self.tr("Please type the date of birth as day, month, year: 6 digits."),
            "mrz.expiry": self.tr("Please type the date of expiry as day, month, year: 6 digits."),
            "mrz.scan_invalid": self.tr("The scanned code could not be read. Please type the data instead."),
            "booking.format": self.tr("A booking code has 6 to 12 letters and digits. Please check the code."),
            "booking.unknown": self.tr("No booking has this code. Please check it against your confirmation message."),
            # One answer for unknown, cancelled, another day, expired: a guessed code learns nothing.
            "booking.not_usable": self.tr("This code cannot be used here today. Please ask at the help desk."),
            "booking.wait": self.tr("Please wait a moment before trying another code."),
            "booking.unavailable": self.tr(
                "Bookings cannot be checked right now. Please try again in a moment, or ask at the help desk."
            ),
            "survey.format": self.tr("A ticket number is a letter and digits, for example B-023."),
            "survey.not_found": self.tr("No ticket of today has this number. Please check the number on your ticket."),
            "survey.not_served": self.tr("This ticket's service is not finished yet. You can rate it afterwards."),
            "survey.already_rated": self.tr("This ticket was already rated. Thank you!"),
            "survey.unavailable": self.tr("Ratings cannot be taken right now. Please try again in a moment."),
            "card.removed": self.tr("Please hold the card still on the reader until the screen changes."),
            "nik.length": self.tr("A NIK has exactly 16 digits."),
            "nik.digits": self.tr("A NIK has digits only."),
            "nik.province": self.tr(
                "The first two digits of this NIK are not a province code. Please check the number."
            ),
            "nik.regency": self.tr("The region code in this NIK is not valid. Please check the number."),
            "nik.district": self.tr("The region code in this NIK is not valid. Please check the number."),
            "nik.birth_date": self.tr(
                "The birth date in this NIK (digits 7 to 12) is not valid. Please check the number."
            ),
            "nik.serial": self.tr("The last four digits of a NIK are never 0000. Please check the number."),
        }
        if key.startswith("card."):
            return messages.get(
                key, self.tr("The card could not be read. Place it again, or type your NIK.")
            ), "warning"
        return messages.get(key, self.tr("Please try again.")), "warning"
