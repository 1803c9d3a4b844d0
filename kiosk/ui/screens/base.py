"""What every screen shares: the intent signal and the bottom navigation row."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.flow.citizen import FlowView


class Screen(QWidget):
    """A full-body page. ``render`` must be cheap and idempotent: it runs on every view change."""

    intent = Signal(str, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(56, 28, 56, 28)
        self.body.setSpacing(20)

    def render(self, view: FlowView) -> None:
        raise NotImplementedError

    def send(self, name: str, **payload) -> None:
        self.intent.emit(name, payload)

    def nav_row(self, *buttons) -> QHBoxLayout:
        """Navigation sits at the bottom of every screen: within reach from a wheelchair."""
        row = QHBoxLayout()
        row.setSpacing(24)
        for b in buttons:
            row.addWidget(b)
        self.body.addLayout(row)
        return row
