"""The admin menu: what this role may do, and the way back to the citizen screens."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.ui.widgets import Tile, button, label

from .base import AdminPage

ENTRIES = ("settings", "services", "closing", "enrol", "diagnostics")


class HomePage(AdminPage):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        self.role = label(name="RoleTag", wrap=False)
        self.role.setObjectName("RoleTag")
        head.addWidget(self.role)
        self.body.insertLayout(0, head)
        self.status = label(name="Lead")
        self.body.addWidget(self.status)
        grid = QGridLayout()
        grid.setSpacing(20)
        self.tiles: dict[str, Tile] = {}
        for i, name in enumerate(ENTRIES):
            tile = Tile(f"admin-{name}", min_height_mm=26)
            tile.clicked.connect(lambda _=False, n=name: self.go.emit(n))
            grid.addWidget(tile, i // 2, i % 2)
            self.tiles[name] = tile
        self.body.addLayout(grid)
        self.body.addStretch(1)
        self.leave = button(role="primary", name="AdminLeave")
        self.leave.clicked.connect(lambda: self.go.emit("leave"))
        self.bottom_row(self.leave)

    def entered(self) -> None:
        super().entered()
        session = self.controller.session
        technician = bool(session and session.is_technician)
        self.title.setText(self.tr("Admin menu"))
        self.role.setText(self.tr("Technician") if technician else self.tr("Staff"))
        closed = self.controller.state.closed_message()
        self.status.setText(
            self.tr("The kiosk is closed for citizens today.") if closed else self.tr("The kiosk is open for citizens.")
        )
        texts = {
            "settings": (
                self.tr("Settings"),
                self.tr("Terminal name, time limits, languages; central and printer for technicians"),
            ),
            "services": (self.tr("Services on this kiosk"), self.tr("Switch services on or off here")),
            "closing": (self.tr("Close for the day"), self.tr("Close the kiosk with a message, or open it again")),
            "enrol": (self.tr("Enrolment"), self.tr("Register this kiosk with the central service (technician)")),
            "diagnostics": (self.tr("Diagnostics"), self.tr("Card reader, printer, central, disk, logs")),
        }
        for name, tile in self.tiles.items():
            tile.set_lines(*texts[name])
        self.tiles["enrol"].setEnabled(technician)
        self.leave.setText(self.tr("Leave admin mode"))
