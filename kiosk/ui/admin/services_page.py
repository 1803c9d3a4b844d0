"""Services on this kiosk: one large switch per service, grouped by agency."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QScrollArea, QWidget

from kiosk.ui.widgets import Tile, clear_layout

from .base import AdminPage, touch_scroll


class ServicesPage(AdminPage):
    def __init__(self, controller, language, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._language = language  # () -> "id" or "en", the language the screens are in
        holder = QWidget()
        self.grid = QGridLayout(holder)
        self.grid.setSpacing(14)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        touch_scroll(scroll)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body.addWidget(scroll, 1)
        self.bottom_row(self.back_button())
        self.tiles: dict[str, Tile] = {}

    def entered(self) -> None:
        super().entered()
        self.title.setText(self.tr("Services on this kiosk"))
        self._fill()

    def _fill(self) -> None:
        clear_layout(self.grid)
        self.tiles = {}
        catalog = self.controller.raw_catalog  # the central's, before this kiosk's switches
        if catalog is None:
            self.say(self.tr("The catalogue has not been loaded yet."))
            return
        disabled = self.controller.state.state.disabled_services
        lang = self._language()
        for i, service in enumerate(catalog.services):
            tile = Tile(f"svc-{service.id}", min_height_mm=20)
            tile.setCheckable(True)
            on = service.id not in disabled
            tile.setChecked(on)
            agency = catalog.agency(service.agency_id).short_name
            state = self.tr("On: offered to citizens") if on else self.tr("Off: not offered on this kiosk")
            if not service.enabled:
                state = self.tr("Switched off by the central service")
                tile.setEnabled(False)
            tile.set_lines(service.name.get(lang), agency, state)
            tile.clicked.connect(lambda _=False, s=service.id, t=tile: self._toggle(s, t))
            self.grid.addWidget(tile, i // 3, i % 3)
            self.tiles[service.id] = tile

    def _toggle(self, service_id: str, tile: Tile) -> None:
        self.controller.touch()
        enabled = service_id in self.controller.state.state.disabled_services
        tile.setEnabled(False)  # until the switch is on disk
        self.controller.set_service_enabled(service_id, enabled, lambda _r: self._fill())
