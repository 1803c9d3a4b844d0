"""What the admin pages share: a title, a message banner, and the row of buttons at the bottom."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.theme import PALETTE
from kiosk.ui.widgets import button, label, set_banner

FAIL_BG = "#8A1C1C"  # white on it: 8.7:1
# Status badges: a word and a colour (never colour alone), each pair >= 7:1 contrast.
BADGE_STYLE = f"""
QLabel#Badge {{ font-size: 26px; font-weight: 800; border-radius: 12px; padding: 6px 14px; }}
QLabel#Badge[status="OK"] {{ background: {PALETTE.ok_surface}; color: {PALETTE.ok_text}; border: 3px solid {PALETTE.ok_text}; }}
QLabel#Badge[status="WARN"] {{ background: {PALETTE.warning_surface}; color: {PALETTE.warning_text};
    border: 3px solid {PALETTE.warning_text}; }}
QLabel#Badge[status="FAIL"] {{ background: {FAIL_BG}; color: #FFFFFF; border: 3px solid {FAIL_BG}; }}
QLabel#Badge[status="RUN"] {{ background: {PALETTE.background}; color: {PALETTE.text}; border: 3px solid {PALETTE.border}; }}
QLabel#Banner {{ padding: 16px 24px; }}
QLabel#Entry {{ font-size: 36px; font-weight: 700; background: {PALETTE.surface}; border: 3px solid {PALETTE.border};
    border-radius: 16px; padding: 10px 18px; min-height: 56px; }}
QLabel#RoleTag {{ font-size: 26px; font-weight: 700; color: {PALETTE.on_primary}; background: {PALETTE.primary};
    border-radius: 12px; padding: 6px 16px; }}
QPushButton[role="field"] {{ text-align: left; font-size: 26px; color: {PALETTE.text}; border: 2px solid #C9D1D8;
    background: {PALETTE.surface}; padding: 8px 20px; }}
QPushButton[role="field"]:checked {{ border: 4px solid {PALETTE.primary}; background: #DCE8EE; }}
"""


class AdminPage(QWidget):
    """One page of the admin panel; ``go(name)`` asks the panel to show another page."""

    go = Signal(str)

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(56, 28, 56, 28)
        self.body.setSpacing(18)
        self.title = label(name="Title")
        self.body.addWidget(self.title)
        self.message = label(name="Banner")
        self.message.setVisible(False)

    def say(self, text: str | None, tone: str = "warning") -> None:
        set_banner(self.message, text, tone)

    def bottom_row(self, *buttons) -> QHBoxLayout:
        """The message and the navigation sit low on the screen, within reach."""
        self.body.addWidget(self.message)
        row = QHBoxLayout()
        row.setSpacing(24)
        for b in buttons:
            row.addWidget(b)
        self.body.addLayout(row)
        return row

    def back_button(self) -> object:
        b = button(role=None, name="AdminBack")
        b.clicked.connect(lambda: self.go.emit("home"))
        self._back = b
        return b

    def entered(self) -> None:
        """Called each time the page is shown: refresh texts (the language may have changed)."""
        if hasattr(self, "_back"):
            self._back.setText(self.tr("Back to the admin menu"))
        self.say(None)


def touch_scroll(area) -> None:
    """Scroll a QScrollArea by dragging a finger across it (a thin scroll bar is no touch target)."""
    from PySide6.QtWidgets import QScroller

    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
