"""Welcome: what this kiosk does, in the citizen's language, and one big way in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.flow.citizen import FlowView
from kiosk.ui.pictograms import palette, set_icon
from kiosk.ui.widgets import button, label, set_banner

from .base import Screen


class WelcomeScreen(Screen):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.body.addStretch(2)
        self.title = label(name="Title", align=Qt.AlignmentFlag.AlignCenter)
        self.lead = label(name="Lead", align=Qt.AlignmentFlag.AlignCenter)
        self.banner = label(name="Banner", align=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        self.body.addWidget(self.lead)
        self.body.addStretch(1)
        self.body.addWidget(self.banner)
        self.take = button(role="hero", name="TakeTicket")
        self.take.clicked.connect(lambda: self.send("take_ticket"))
        self.body.addWidget(self.take)
        self.check_in = button(name="CheckIn")
        self.check_in.clicked.connect(lambda: self.send("check_in"))
        self.body.addWidget(self.check_in, 0, Qt.AlignmentFlag.AlignHCenter)
        self.rate = button(name="RateService")
        self.rate.clicked.connect(lambda: self.send("rate_service"))
        self.body.addWidget(self.rate, 0, Qt.AlignmentFlag.AlignHCenter)
        self.hint = label(name="Caption", align=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.hint)
        self.body.addStretch(1)

    def render(self, view: FlowView) -> None:
        catalog = view.status.catalog
        site = catalog.site.name if catalog is not None else ""
        self.title.setText(self.tr("Welcome to %1").replace("%1", site) if site else self.tr("Welcome"))
        self.lead.setText(self.tr("Take a queue number for government services in this hall."))
        self.take.setText(self.tr("Take a queue number"))
        self.check_in.setText(self.tr("I booked online: check in"))
        self.rate.setText(self.tr("Rate our service"))
        self.rate.setVisible(not view.status.closed_message)
        set_icon(self.take, "ticket", palette().on_primary, 12)
        set_icon(self.check_in, "calendar", palette().primary)
        if view.status.reader == "ok":
            self.hint.setText(
                self.tr(
                    "Touch the button to start, or place your ID card on the reader. "
                    "Staff at the help desk can assist you."
                )
            )
        else:
            self.hint.setText(self.tr("Touch the button to start. Staff at the help desk can assist you."))
        # A booking is checked in at the central: while it is away the button would only fail.
        self.check_in.setVisible(not view.status.issuing_offline)
        set_banner(self.banner, self._banner_text(view))

    def _banner_text(self, view: FlowView) -> str | None:
        status = view.status
        reason = status.blocking_reason()
        if reason == "closed":
            return status.closed_message or self.tr("This kiosk is closed for today.")
        if reason == "no_catalog":
            return self.tr("Connecting to the service centre… please wait a moment.")
        if reason == "central_offline":
            return self.tr("Service is temporarily unavailable. The kiosk keeps retrying.")
        if reason == "printer":
            return self.tr("The ticket printer is out of service. Please ask at the help desk.")
        if status.issuing_offline:
            return self.tr(
                "Working offline: the connection to the service centre is down. Free walk-in services "
                "still give queue numbers. Paid services, ID card checks and booking check-in are "
                "unavailable until the connection returns."
            )
        if status.printer == "virtual_only":
            return self.tr("The printer is out of paper: your ticket will be shown on screen.")
        return None
