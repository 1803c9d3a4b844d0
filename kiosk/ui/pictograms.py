"""Pictograms: agencies, services and the main actions, for people who would rather look than read.

Our own simple line drawings, made here in code (no icon set, so no licence to carry): each is a
few strokes in a unit square, drawn in the colour of the text beside it, so it follows the
palette (high contrast included) and stays sharp at any panel density. A picture always comes
with words: it helps find the tile, the words say what it is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from .metrics import current
from .theme import current_palette
from .widgets import sized

# Which picture for which agency and service of the catalogue (by id); a service without one of
# its own shows its agency's, an unknown agency the generic counter.
AGENCY_GLYPHS = {
    "dukcapil": "id-card",
    "imigrasi": "passport",
    "bpjs-kesehatan": "health",
    "samsat": "car",
    "polri": "shield",
    "bpn": "house",
    "pajak": "receipt",
    "pln": "bolt",
}
SERVICE_GLYPHS = {
    "kartu-keluarga": "family",
    "akta-kelahiran": "certificate",
    "kia": "family",
    "skck-perpanjang": "renew",
    "mutasi-kendaraan": "renew",
    "cek-sertifikat": "certificate",
    "konsultasi-spt": "talk",
    "info-pertanahan": "talk",
}


def glyph_for_agency(agency_id: str) -> str:
    return AGENCY_GLYPHS.get(agency_id, "counter")


def glyph_for_service(service_id: str, agency_id: str) -> str:
    return SERVICE_GLYPHS.get(service_id, glyph_for_agency(agency_id))


def _pen(p: QPainter, ink: QColor, width: float) -> None:
    pen = QPen(ink, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)


def _person(p: QPainter, x: float, y: float, s: float) -> None:
    """A head and shoulders, ``s`` tall, its top centre at (x, y)."""
    p.drawEllipse(QPointF(x, y + s * 0.22), s * 0.2, s * 0.2)
    body = QPainterPath(QPointF(x - s * 0.38, y + s))
    body.cubicTo(x - s * 0.38, y + s * 0.5, x + s * 0.38, y + s * 0.5, x + s * 0.38, y + s)
    p.drawPath(body)


def _id_card(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(0.08, 0.2, 0.84, 0.6), 0.08, 0.08)
    _person(p, 0.32, 0.32, 0.34)
    for y in (0.4, 0.52, 0.64):
        p.drawLine(QPointF(0.56, y), QPointF(0.8, y))


def _passport(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(0.2, 0.08, 0.6, 0.84), 0.06, 0.06)
    p.drawEllipse(QPointF(0.5, 0.42), 0.17, 0.17)
    p.drawLine(QPointF(0.33, 0.42), QPointF(0.67, 0.42))
    p.drawEllipse(QPointF(0.5, 0.42), 0.07, 0.17)
    p.drawLine(QPointF(0.36, 0.74), QPointF(0.64, 0.74))


def _health(p: QPainter) -> None:
    p.drawEllipse(QPointF(0.5, 0.5), 0.4, 0.4)
    cross = QPainterPath()
    for x, y in ((0.42, 0.26), (0.58, 0.26), (0.58, 0.42), (0.74, 0.42), (0.74, 0.58), (0.58, 0.58),
                 (0.58, 0.74), (0.42, 0.74), (0.42, 0.58), (0.26, 0.58), (0.26, 0.42), (0.42, 0.42)):  # fmt: skip
        cross.lineTo(x, y) if cross.elementCount() else cross.moveTo(x, y)
    cross.closeSubpath()
    p.drawPath(cross)


def _car(p: QPainter) -> None:
    body = QPainterPath(QPointF(0.1, 0.66))
    for x, y in ((0.1, 0.5), (0.24, 0.46), (0.34, 0.28), (0.66, 0.28), (0.76, 0.46), (0.9, 0.5), (0.9, 0.66)):
        body.lineTo(x, y)
    body.closeSubpath()
    p.drawPath(body)
    p.drawLine(QPointF(0.24, 0.46), QPointF(0.76, 0.46))
    for x in (0.28, 0.72):
        p.drawEllipse(QPointF(x, 0.7), 0.09, 0.09)


def _shield(p: QPainter) -> None:
    path = QPainterPath(QPointF(0.5, 0.08))
    path.lineTo(0.84, 0.2)
    path.cubicTo(0.84, 0.58, 0.7, 0.8, 0.5, 0.92)
    path.cubicTo(0.3, 0.8, 0.16, 0.58, 0.16, 0.2)
    path.closeSubpath()
    p.drawPath(path)
    p.drawPolyline([QPointF(0.34, 0.5), QPointF(0.46, 0.62), QPointF(0.68, 0.38)])


def _house(p: QPainter) -> None:
    p.drawPolyline([QPointF(0.1, 0.5), QPointF(0.5, 0.14), QPointF(0.9, 0.5)])
    p.drawPolyline([QPointF(0.2, 0.42), QPointF(0.2, 0.86), QPointF(0.8, 0.86), QPointF(0.8, 0.42)])
    p.drawRect(QRectF(0.42, 0.6, 0.16, 0.26))


def _receipt(p: QPainter) -> None:
    path = QPainterPath(QPointF(0.22, 0.08))
    for x, y in ((0.78, 0.08), (0.78, 0.92), (0.68, 0.85), (0.58, 0.92), (0.5, 0.85), (0.42, 0.92), (0.32, 0.85),
                 (0.22, 0.92)):  # fmt: skip
        path.lineTo(x, y)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(0.36, 0.62), QPointF(0.64, 0.3))  # a per cent sign: tax
    p.drawEllipse(QPointF(0.38, 0.32), 0.05, 0.05)
    p.drawEllipse(QPointF(0.62, 0.6), 0.05, 0.05)


def _bolt(p: QPainter) -> None:
    p.drawPolygon([QPointF(0.56, 0.06), QPointF(0.22, 0.54), QPointF(0.48, 0.54), QPointF(0.42, 0.94),
                   QPointF(0.78, 0.42), QPointF(0.52, 0.42)])  # fmt: skip


def _family(p: QPainter) -> None:
    _person(p, 0.3, 0.16, 0.5)
    _person(p, 0.7, 0.16, 0.5)
    _person(p, 0.5, 0.5, 0.36)


def _certificate(p: QPainter) -> None:
    p.drawRect(QRectF(0.14, 0.1, 0.72, 0.62))
    for y in (0.24, 0.36, 0.48):
        p.drawLine(QPointF(0.28, y), QPointF(0.72, y))
    p.drawEllipse(QPointF(0.62, 0.72), 0.1, 0.1)
    p.drawPolyline(
        [QPointF(0.56, 0.8), QPointF(0.54, 0.94), QPointF(0.62, 0.88), QPointF(0.7, 0.94), QPointF(0.68, 0.8)]
    )


def _renew(p: QPainter) -> None:
    p.drawArc(QRectF(0.16, 0.16, 0.68, 0.68), 40 * 16, 260 * 16)
    p.drawPolyline([QPointF(0.62, 0.12), QPointF(0.78, 0.26), QPointF(0.58, 0.34)])


def _talk(p: QPainter) -> None:
    path = QPainterPath(QPointF(0.12, 0.18))
    for x, y in ((0.88, 0.18), (0.88, 0.66), (0.46, 0.66), (0.26, 0.86), (0.28, 0.66), (0.12, 0.66)):
        path.lineTo(x, y)
    path.closeSubpath()
    p.drawPath(path)
    for x in (0.32, 0.5, 0.68):
        p.drawPoint(QPointF(x, 0.42))


def _counter(p: QPainter) -> None:
    _person(p, 0.5, 0.1, 0.46)
    p.drawLine(QPointF(0.08, 0.64), QPointF(0.92, 0.64))
    p.drawRect(QRectF(0.16, 0.64, 0.68, 0.26))


def _ticket(p: QPainter) -> None:
    path = QPainterPath(QPointF(0.08, 0.24))
    path.lineTo(0.92, 0.24)
    path.lineTo(0.92, 0.42)
    path.arcTo(QRectF(0.84, 0.42, 0.16, 0.16), 90, 180)
    path.lineTo(0.92, 0.76)
    path.lineTo(0.08, 0.76)
    path.lineTo(0.08, 0.58)
    path.arcTo(QRectF(0.0, 0.42, 0.16, 0.16), 270, 180)
    path.closeSubpath()
    p.drawPath(path)
    for y in (0.4, 0.5, 0.6):
        p.drawLine(QPointF(0.3, y), QPointF(0.7, y))


def _calendar(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(0.1, 0.18, 0.8, 0.72), 0.06, 0.06)
    p.drawLine(QPointF(0.1, 0.36), QPointF(0.9, 0.36))
    for x in (0.3, 0.7):
        p.drawLine(QPointF(x, 0.08), QPointF(x, 0.26))
    p.drawPolyline([QPointF(0.34, 0.62), QPointF(0.46, 0.74), QPointF(0.68, 0.5)])


GLYPHS: dict[str, Callable[[QPainter], None]] = {
    "id-card": _id_card,
    "passport": _passport,
    "health": _health,
    "car": _car,
    "shield": _shield,
    "house": _house,
    "receipt": _receipt,
    "bolt": _bolt,
    "family": _family,
    "certificate": _certificate,
    "renew": _renew,
    "talk": _talk,
    "counter": _counter,
    "ticket": _ticket,
    "calendar": _calendar,
}


def draw(p: QPainter, name: str, rect: QRectF, ink: QColor) -> None:
    """The pictogram ``name`` in the square centred in ``rect``, in ``ink``."""
    side = min(rect.width(), rect.height())
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2)
    p.scale(side, side)
    _pen(p, ink, 0.075)
    GLYPHS.get(name, _counter)(p)
    p.restore()


def palette():
    return current_palette()


@lru_cache(maxsize=64)
def icon(name: str, colour: str, size_px: int) -> QIcon:
    """The pictogram as a button icon (``QPushButton.setIcon``), ``size_px`` square."""
    pixmap = QPixmap(size_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    draw(painter, name, QRectF(0, 0, size_px, size_px), QColor(colour))
    painter.end()
    return QIcon(pixmap)


def set_icon(button, name: str, colour: str, size_mm: float = 9.0) -> None:
    """A pictogram on a button, sized in mm on the glass (so it is as large on every panel)."""
    size = current().px(size_mm)
    button.setIcon(icon(name, colour, size))
    button.setIconSize(QSize(size, size))


class Pictogram(QWidget):
    """One pictogram, ``size_mm`` square, in the colour of text (``ink``: a palette field)."""

    def __init__(self, name: str, size_mm: float = 10.0, ink: str = "text", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name, self.size_mm, self.ink = name, size_mm, ink
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sized(self, min_height=size_mm, min_width=size_mm)  # mm: ``rescale`` sets it again per panel

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        draw(p, self.name, QRectF(self.rect()), QColor(getattr(palette(), self.ink)))
        p.end()


class Pointer(QWidget):
    """An arrow that moves gently towards where the citizen must act (the printer's slot, the
    card reader, the scanner): movement draws the eye where words may not be read."""

    STEPS = 12  # frames of one movement; ~1 s at the 80 ms tick

    def __init__(self, direction: str = "down", size_mm: float = 14.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.direction, self.size_mm = direction, size_mm
        self.setObjectName("Pointer")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.phase = 0
        self._timer = QTimer(self)
        self._timer.setInterval(80)
        self._timer.timeout.connect(self._step)
        sized(self, min_height=size_mm, min_width=size_mm)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start()  # moves only while on screen

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _step(self) -> None:
        self.phase = (self.phase + 1) % self.STEPS
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = float(min(self.width(), self.height()))
        shift = (
            0.12 * side * (self.phase if self.phase < self.STEPS // 2 else self.STEPS - self.phase) / (self.STEPS // 2)
        )
        angle = {"down": 0, "left": 90, "up": 180, "right": 270}[self.direction]
        p.translate(side / 2, side / 2)
        p.rotate(angle)
        p.translate(-side / 2, -side / 2 + shift - 0.06 * side)
        ink = QColor(palette().primary)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ink)
        p.drawPolygon([QPointF(side * x, side * y) for x, y in
                       ((0.38, 0.1), (0.62, 0.1), (0.62, 0.5), (0.82, 0.5), (0.5, 0.86), (0.18, 0.5), (0.38, 0.5))])  # fmt: skip
        p.end()
