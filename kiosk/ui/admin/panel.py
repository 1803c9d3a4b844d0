"""The admin panel: drawn over the citizen screens while admin mode is open (or asks the PIN)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.theme import PALETTE

from .base import BADGE_STYLE, AdminPage
from .closing_page import ClosingPage
from .diagnostics_page import DiagnosticsPage
from .enrol_page import EnrolPage
from .home_page import HomePage
from .pin_page import PinPage
from .services_page import ServicesPage
from .settings_page import SettingsPage

PIN_PAGE_TIMEOUT_MS = 60_000  # an abandoned PIN prompt gives the screen back to citizens


class AdminPanel(QWidget):
    def __init__(self, controller, parent: QWidget, language=lambda: "id") -> None:
        super().__init__(parent)
        self.setObjectName("AdminPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            f"#AdminPanel, #AdminPanel QStackedWidget > QWidget, #DiagRows {{ background: {PALETTE.background}; }}"
            + BADGE_STYLE
        )
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.pages: dict[str, AdminPage] = {
            "pin": PinPage(controller),
            "home": HomePage(controller),
            "settings": SettingsPage(controller),
            "services": ServicesPage(controller, language),
            "closing": ClosingPage(controller),
            "enrol": EnrolPage(controller),
            "diagnostics": DiagnosticsPage(controller),
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
            page.go.connect(self.show_page)
        self._pin_timeout = QTimer(self)
        self._pin_timeout.setSingleShot(True)
        self._pin_timeout.timeout.connect(self._abandon_pin)
        controller.add_listener(self._on_event)
        parent.installEventFilter(self)  # follow the size of the area it covers
        self.setGeometry(parent.rect())
        self.hide()

    def page(self) -> str:
        current = self.stack.currentWidget()
        return next(name for name, p in self.pages.items() if p is current)

    def _on_event(self, event: str) -> None:
        if event == "requested":
            self.show_page("pin")
            self._pin_timeout.start(PIN_PAGE_TIMEOUT_MS)
        elif event == "opened":
            self._pin_timeout.stop()
            self.show_page("home")
        elif event == "closed":
            self._pin_timeout.stop()
            self.hide()

    def show_page(self, name: str) -> None:
        if name == "leave":
            self.controller.close()
            self.hide()  # also when only the PIN was asked (no session to close)
            return
        page = self.pages[name]
        self.stack.setCurrentWidget(page)
        page.entered()
        for widget in page.findChildren(QWidget):
            widget.removeEventFilter(self)  # installed once per widget, however often shown
            widget.installEventFilter(self)  # any touch inside keeps admin mode open
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.controller.touch()

    def _abandon_pin(self) -> None:
        if self.controller.session is None and self.isVisible():
            self.hide()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        elif event.type() == QEvent.Type.MouseButtonPress and self.isVisible():
            self.controller.touch()
        return False
