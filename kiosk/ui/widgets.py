"""Small building blocks shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


def label(text: str = "", name: str | None = None, wrap: bool = True,
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
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
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(32, 24, 32, 24)
    layout.setSpacing(12)
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
    widget.setMinimumHeight(88)
    widget.setVisible(bool(text))
    widget.setText(text or "")
    if widget.property("tone") != tone:
        widget.setProperty("tone", tone)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class Tile(QPushButton):
    """A large touch tile with wrapped lines of text (a plain QPushButton cannot wrap)."""

    def __init__(self, name: str, accent: str | None = None, min_height: int = 150) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("role", "tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.setMinimumHeight(min_height)
        if accent:
            self.setStyleSheet(f"QPushButton#{name} {{ border-left: 16px solid {accent}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 20, 28, 20)
        layout.setSpacing(6)
        self.heading = label(name="TileHeading")
        self.detail = label(name="TileDetail")
        self.meta = label(name="TileMeta")
        for widget in (self.heading, self.detail, self.meta):
            # The button, not its labels, must receive the touch.
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            layout.addWidget(widget)

    def set_lines(self, heading: str, detail: str = "", meta: str = "") -> None:
        self.heading.setText(heading)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.meta.setText(meta)
        self.meta.setVisible(bool(meta))
        self.setAccessibleName(" — ".join(t for t in (heading, detail, meta) if t))
