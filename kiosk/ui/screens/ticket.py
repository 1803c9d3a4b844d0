"""The issued ticket: the number as large as the screen allows, and where to go next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel

from kiosk.flow.citizen import FlowView
from kiosk.speech.numbers import BadTicketNumber, ticket_announcement
from kiosk.ui.widgets import button, card, label, set_banner, sized

from .base import Screen


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
        self.virtual = QLabel()
        self.virtual.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.virtual.setObjectName("VirtualTicket")
        row.addWidget(self.virtual, 2)
        self.body.addLayout(row, 1)
        self.banner = label(name="Banner", align=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.banner)
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
        if ticket.issued_offline and outcome.delivery == "printed":
            self.title.setText(self.tr("Your queue number (issued offline)"))
            set_banner(
                self.banner,
                self.tr(
                    "Issued offline: your number is kept and will be called in turn. The waiting figures "
                    "are the last known ones. Please take your printed ticket below the screen."
                ),
            )
            self.virtual.hide()
        elif outcome.delivery == "printed":
            self.title.setText(self.tr("Your queue number"))
            set_banner(self.banner, self.tr("Please take your printed ticket below the screen."), tone="ok")
            self.virtual.hide()
        else:
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
