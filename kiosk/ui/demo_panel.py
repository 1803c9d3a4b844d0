"""Demo and training only: the virtual printer's paper, beside the kiosk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .widgets import label


class DemoPrinterPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFixedWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        self.caption = label(name="Caption")
        self.caption.setText("Virtual printer (demo)")
        self.paper = QLabel()
        self.paper.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.paper.setWordWrap(True)
        self.paper.setText("Tickets printed by the virtual printer appear here.")
        layout.addWidget(self.caption)
        layout.addWidget(self.paper, 1)

    def show_png(self, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        if pixmap.width() > self.width() - 48:
            pixmap = pixmap.scaledToWidth(self.width() - 48, Qt.TransformationMode.SmoothTransformation)
        self.paper.setPixmap(pixmap)
