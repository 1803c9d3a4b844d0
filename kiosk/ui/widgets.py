"""Small building blocks shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .metrics import Metrics, current

_MM_KEYS = ("spacing", "margins", "min_height", "min_width")


def sized(
    obj,
    spacing: float | None = None,
    margins: tuple[float, float] | None = None,
    min_height: float | None = None,
    min_width: float | None = None,
):
    """Remember a layout's spacing and margins (horizontal, vertical) or a widget's minimum size in
    mm, and apply them for the current panel; ``rescale`` applies them again when the panel changes."""
    for key, value in zip(_MM_KEYS, (spacing, margins, min_height, min_width), strict=False):
        if value is not None:
            obj.setProperty(f"mm_{key}", value)
    _apply_mm(obj, current())
    return obj


def rescale(root: QObject, metrics: Metrics) -> None:
    for obj in [root, *root.findChildren(QObject)]:
        _apply_mm(obj, metrics)


def _apply_mm(obj, m: Metrics) -> None:
    spacing, margins, min_height, min_width = (obj.property(f"mm_{k}") for k in _MM_KEYS)
    if isinstance(obj, QLayout):
        if spacing is not None:
            obj.setSpacing(m.px(spacing))
        if margins is not None:
            h, v = margins
            obj.setContentsMargins(m.px(h), m.px(v), m.px(h), m.px(v))
    elif isinstance(obj, QWidget):
        if min_height is not None:
            obj.setMinimumHeight(m.px(min_height))
        if min_width is not None:
            obj.setMinimumWidth(m.px(min_width))


def label(
    text: str = "", name: str | None = None, wrap: bool = True, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    # Citizens must not select text (selection handles can lead out of a kiosk app).
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def button(text: str = "", role: str | None = None, name: str | None = None) -> QPushButton:
    widget = QPushButton(text)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch-only: no focus rectangles to confuse
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("Card")
    layout = sized(QVBoxLayout(frame), spacing=1.5, margins=(4, 2.5))
    return frame, layout


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            # Out of the widget tree at once (deleteLater alone leaves it findable until the
            # event loop runs), then freed.
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def set_banner(widget: QLabel, text: str | None, tone: str = "warning") -> None:
    widget.setMinimumHeight(current().touch)
    widget.setVisible(bool(text))
    widget.setText(text or "")
    if widget.property("tone") != tone:
        widget.setProperty("tone", tone)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class Tile(QPushButton):
    """A large touch tile with wrapped lines of text (a plain QPushButton cannot wrap)."""

    def __init__(
        self, name: str, accent: str | None = None, min_height_mm: float = 24, glyph: str | None = None
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("role", "tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        sized(self, min_height=min_height_mm)
        if accent:
            self.setStyleSheet(f"QPushButton#{name} {{ border-left: {current().px(3.5)}px solid {accent}; }}")
        outer = sized(QHBoxLayout(self), spacing=3, margins=(6, 3))
        if glyph is not None:  # the picture beside the words, at the top (where the name is)
            from .pictograms import Pictogram

            self.pictogram = Pictogram(glyph, 10)
            outer.addWidget(self.pictogram, 0, Qt.AlignmentFlag.AlignTop)
        layout = sized(QVBoxLayout(), spacing=1)
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(layout, 1)
        self.heading = label(name="TileHeading")
        self.detail = label(name="TileDetail")
        self.meta = label(name="TileMeta")
        for widget in (self.heading, self.detail, self.meta):
            # The button, not its labels, must receive the touch.
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            layout.addWidget(widget)

    # A QPushButton sizes itself by its own text, which a tile has none of: the lines it holds
    # decide its height instead, so a narrow panel gives a tile more height, never cut lines.
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.minimumHeight(), self.layout().totalHeightForWidth(width))

    def set_lines(self, heading: str, detail: str = "", meta: str = "") -> None:
        self.heading.setText(heading)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.meta.setText(meta)
        self.meta.setVisible(bool(meta))
        self.setAccessibleName(" — ".join(t for t in (heading, detail, meta) if t))


def centred_card(overlay: QWidget, *, spacing: float, margins: tuple[float, float], share: int) -> QVBoxLayout:
    """Make ``overlay`` a dimmed full-window overlay holding one card in the middle (``share``
    parts of the width, one part of space each side); returns the card's layout to fill."""
    overlay.setObjectName("Overlay")
    overlay.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    outer = QVBoxLayout(overlay)
    box = QWidget()
    box.setObjectName("OverlayCard")
    box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    centre = QHBoxLayout()
    centre.addStretch(1)
    centre.addWidget(box, share)
    centre.addStretch(1)
    outer.addStretch(1)
    outer.addLayout(centre)
    outer.addStretch(1)
    return sized(QVBoxLayout(box), spacing=spacing, margins=margins)
