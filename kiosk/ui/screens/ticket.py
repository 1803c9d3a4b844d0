"""The issued ticket: the number as large as the screen allows, and where to go next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy

from kiosk.flow.citizen import FlowView
from kiosk.speech.numbers import BadTicketNumber, ticket_announcement
from kiosk.ui.metrics import current
from kiosk.ui.pictograms import Pointer
from kiosk.ui.qr_image import QrImageMaker
from kiosk.ui.widgets import button, card, label, set_banner, sized

from .base import Screen

SIDE_PHONE_QR_MM = 24  # in the side column of a tablet (easy access), under the header
PHONE_QR_MM = 34  # read by a phone from 20-30 cm; the page it opens is public (no personal data)


class TicketScreen(Screen):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = label(name="Title", align=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        row = sized(QHBoxLayout(), spacing=6)
        self.flexible_rows.append(row)
        main, main_layout = card()
        self.number = label(name="TicketNumber", align=Qt.AlignmentFlag.AlignCenter, wrap=False)
        self.service = label(name="Lead", align=Qt.AlignmentFlag.AlignCenter)
        # Where to go and how long it takes matter next to the number: large, not small print.
        self.zone = label(name="TicketWhere", align=Qt.AlignmentFlag.AlignCenter)
        self.ahead = label(name="TicketAhead", align=Qt.AlignmentFlag.AlignCenter)
        for w in (self.number, self.service, self.zone, self.ahead):
            main_layout.addWidget(w)
        row.addWidget(main, 3)
        # Follow the queue on a phone (the ticket's /t/{id} page): the citizen may wait elsewhere.
        phone, phone_layout = card()
        self.phone_qr = QLabel()
        self.phone_qr.setObjectName("PhoneQr")
        self.phone_qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sized(self.phone_qr, min_height=PHONE_QR_MM, min_width=PHONE_QR_MM)
        self.phone_text = label(name="Caption", align=Qt.AlignmentFlag.AlignCenter)
        phone_layout.addWidget(self.phone_qr, 0, Qt.AlignmentFlag.AlignCenter)
        phone_layout.addWidget(self.phone_text)
        phone_layout.addStretch(1)
        self.phone = phone
        # As wide as the code: the number beside it keeps the width it needs.
        phone.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        row.addWidget(phone, 0)
        self.row = row
        self._qr_wanted: tuple | None = None  # (url, size px) of the code on screen or being drawn
        self._qr_maker = QrImageMaker(self)
        self._qr_maker.made.connect(self._show_phone_qr)
        self.virtual = QLabel()
        self.virtual.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.virtual.setObjectName("VirtualTicket")
        row.addWidget(self.virtual, 2)
        self.body.addLayout(row, 1)
        self.banner = label(name="Banner", align=Qt.AlignmentFlag.AlignCenter)
        # Beside "take your printed ticket below the screen": an arrow to the printer's slot.
        self.pointer = Pointer("down", 12)
        banner_row = sized(QHBoxLayout(), spacing=3)
        banner_row.addWidget(self.pointer)
        banner_row.addWidget(self.banner, 1)
        self.body.addLayout(banner_row)
        self.done = button(role="primary", name="Done")
        self.done.clicked.connect(lambda: self.send("done"))
        self.nav_row(self.done)
        self._pixmap_for: object | None = None

    def render(self, view: FlowView) -> None:
        outcome = view.session.outcome
        if outcome is None:
            return
        lang = view.language
        ticket = outcome.ticket
        catalog = view.status.catalog
        service = catalog.service(ticket.service_id) if catalog is not None else None
        self.number.setText(ticket.number)
        self.service.setText(service.name.get(lang) if service else "")
        self.zone.setText(self.tr("Go to: %1").replace("%1", ticket.zone.get(lang)))
        ahead = (
            self.tr("About %1 people ahead of you · about %2 minutes (estimate)")
            if ticket.issued_offline
            else self.tr("%1 people ahead of you · about %2 minutes")
        )
        self.ahead.setText(
            ahead.replace("%1", str(ticket.people_ahead)).replace("%2", str(ticket.estimated_wait_minutes))
        )
        self.done.setText(self.tr("Done"))
        # Side mode (a tablet in easy access): the number says what it is; its height goes to it.
        self.title.setVisible(not self.side_mode)
        self.phone_text.setText(self.tr("Scan to follow your queue on your phone"))
        self._want_phone_qr(ticket.track_url or None)
        # Beside the number (landscape): as wide as the code, its words wrapped under it. Under the
        # number (portrait) or in the side column: as wide as there is room, on one or two lines.
        narrow = not (self.side_mode or self.portrait)
        self.phone_text.setMaximumWidth(current().px(PHONE_QR_MM + 8) if narrow else 16777215)
        width = QSizePolicy.Policy.Maximum if narrow else QSizePolicy.Policy.Preferred
        self.phone.setSizePolicy(width, QSizePolicy.Policy.Preferred)
        if ticket.issued_offline and outcome.delivery == "printed":
            self.title.setText(self.tr("Your queue number (issued offline)"))
            set_banner(
                self.banner,
                self.tr(
                    "Issued offline: your number is kept and will be called in turn. The waiting figures "
                    "are the last known ones. Please take your printed ticket below the screen."
                ),
            )
            self.pointer.show()
            self.virtual.hide()
        elif outcome.delivery == "printed":
            self.title.setText(self.tr("Your queue number"))
            set_banner(self.banner, self.tr("Please take your printed ticket below the screen."), tone="ok")
            self.pointer.show()
            self.virtual.hide()
        else:
            self.pointer.hide()  # nothing comes out of the printer
            self.title.setText(self.tr("Your queue number (on screen)"))
            set_banner(
                self.banner,
                self.tr(
                    "The printer could not print your ticket. Take a photo of this screen or note the "
                    "number; the help desk also has it."
                ),
            )
            self._show_virtual(outcome)

    def spoken_text(self, view: FlowView) -> str:
        outcome = view.session.outcome
        if outcome is None:
            return ""
        # The number as the hall's caller will say it ("be, dua puluh tiga"), then where to go.
        try:
            number = ticket_announcement(outcome.ticket.number, view.language)
        except BadTicketNumber:
            number = f"{self.title.text()}: {outcome.ticket.number}."
        return " ".join((number, self.zone.text() + ".", self.banner.text()))

    def set_side(self, header) -> None:
        super().set_side(header)
        # Side mode (a tablet in easy access): the code stands in the side column, under the
        # header; the body keeps its width for the number.
        if header is not None and self.side.indexOf(self.phone) < 0:
            self.side.insertWidget(1, self.phone)
        elif header is None and self.row.indexOf(self.phone) < 0:
            self.row.insertWidget(1, self.phone, 0)

    def _want_phone_qr(self, url: str | None) -> None:
        mm = SIDE_PHONE_QR_MM if self.side_mode else PHONE_QR_MM
        sized(self.phone_qr, min_height=mm, min_width=mm)
        size = current().px(mm)
        if (url, size) == self._qr_wanted:
            return
        self._qr_wanted = (url, size)
        self.phone_qr.clear()  # never the previous ticket's code
        self.phone.setVisible(url is not None)
        if url is not None:
            self._qr_maker.request((url, size), url, size)

    def _show_phone_qr(self, key: object, image: QImage) -> None:
        if key == self._qr_wanted and not image.isNull():
            self.phone_qr.setPixmap(QPixmap.fromImage(image))

    @property
    def phone_qr_shown(self) -> bool:
        pixmap = self.phone_qr.pixmap()
        return self.phone.isVisible() and pixmap is not None and not pixmap.isNull()

    def _show_virtual(self, outcome) -> None:
        if self._pixmap_for is not outcome:
            pixmap = QPixmap()
            if outcome.virtual_png:
                pixmap.loadFromData(outcome.virtual_png, "PNG")
            self.virtual.setPixmap(
                pixmap.scaledToHeight(560, Qt.TransformationMode.SmoothTransformation)
                if not pixmap.isNull()
                else pixmap
            )
            self._pixmap_for = outcome
        self.virtual.show()
