"""While the kiosk works (reserving and printing), the citizen is told so, in words."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.flow.citizen import FlowView
from kiosk.ui.widgets import label

from .base import Screen


class IssuingScreen(Screen):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.body.addStretch(1)
        self.title = label(name="Title", align=Qt.AlignmentFlag.AlignCenter)
        self.lead = label(name="Lead", align=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        self.body.addWidget(self.lead)
        self.body.addStretch(2)

    def render(self, view: FlowView) -> None:
        self.title.setText(self.tr("Printing your ticket…"))
        self.lead.setText(self.tr("This takes a few seconds. Please wait by the printer."))
