"""Simple drawn pictures that say "put your card here" without words (for people who read little)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .theme import PALETTE


class CardOnReader(QWidget):
    """An ID card held above a reader, with the contactless waves between them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(40, 36)  # it shrinks on a small panel; the words beside it carry the meaning
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.active = True

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        size = min(w, h * 1.1)
        x0, y0 = (w - size) / 2, (h - size / 1.1) / 2
        ink = QColor(PALETTE.primary if self.active else PALETTE.border)
        # The card: a rounded rectangle with a photo square and text lines.
        card = QRectF(x0 + size * 0.18, y0 + size * 0.02, size * 0.64, size * 0.40)
        p.setPen(QPen(ink, size * 0.02))
        p.setBrush(QColor(PALETTE.surface))
        p.drawRoundedRect(card, size * 0.04, size * 0.04)
        p.setBrush(ink)
        p.drawRect(
            QRectF(
                card.x() + card.width() * 0.08,
                card.y() + card.height() * 0.22,
                card.width() * 0.25,
                card.height() * 0.5,
            )
        )
        for i in range(3):
            y = card.y() + card.height() * (0.3 + 0.18 * i)
            p.drawLine(int(card.x() + card.width() * 0.42), int(y), int(card.x() + card.width() * 0.88), int(y))
        # The waves.
        p.setBrush(Qt.BrushStyle.NoBrush)
        centre_x = x0 + size / 2
        for i in range(3):
            r = size * (0.06 + 0.05 * i)
            p.drawArc(QRectF(centre_x - r, y0 + size * 0.60 - r, 2 * r, 2 * r), 30 * 16, 120 * 16)
        # The reader.
        p.setBrush(ink)
        p.drawRoundedRect(
            QRectF(x0 + size * 0.12, y0 + size * 0.66, size * 0.76, size * 0.20), size * 0.03, size * 0.03
        )
        p.end()
