"""When no ticket can be issued: what happened, in plain words, and what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.flow.citizen import FlowView
from kiosk.flow.steps import Step
from kiosk.ui.widgets import button, label

from .base import Screen


class ProblemScreen(Screen):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.body.addStretch(1)
        self.title = label(name="Title", align=Qt.AlignmentFlag.AlignCenter)
        self.lead = label(name="Lead", align=Qt.AlignmentFlag.AlignCenter)
        self.next = label(align=Qt.AlignmentFlag.AlignCenter)
        for w in (self.title, self.lead, self.next):
            self.body.addWidget(w)
        self.body.addStretch(2)
        self.home = button(name="Home")
        self.home.clicked.connect(lambda: self.send("done"))
        self.retry = button(role="primary", name="Retry")
        self.retry.clicked.connect(lambda: self.send("retry"))
        self.nav_row(self.home, self.retry)

    def render(self, view: FlowView) -> None:
        key = view.session.error_key or ""
        self.home.setText(self.tr("Back to start"))
        self.retry.setText(self.tr("Try again"))
        self.next.setText(
            self.tr(
                "No number was taken for you, so nothing is lost. Staff at the help desk can also give you a number."
            )
        )
        if key in ("service_offline", "central.offline_unavailable"):
            self.title.setText(self.tr("Not available while offline"))
            self.lead.setText(
                self.tr(
                    "This needs the connection to the service centre, which is down right now. "
                    "Free walk-in services still give queue numbers at this kiosk."
                )
            )
        elif key.startswith("central") or key in ("no_catalog", "central_offline"):
            self.title.setText(self.tr("Service temporarily unavailable"))
            self.lead.setText(self.tr("The kiosk cannot reach the service centre right now and keeps retrying."))
        elif key.startswith("printer") or key == "printer":
            self.title.setText(self.tr("The printer is not working"))
            self.lead.setText(self.tr("Your ticket could not be printed."))
        elif key == "closed":
            self.title.setText(self.tr("Closed"))
            self.lead.setText(view.status.closed_message or self.tr("This kiosk is closed for today."))
        else:
            self.title.setText(self.tr("Something went wrong"))
            self.lead.setText(self.tr("Your ticket could not be issued."))
        self.retry.setVisible(view.step in (Step.ISSUE_FAILED, Step.UNAVAILABLE))
