"""Agency choice: one large tile per agency in the hall."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

from kiosk.flow.citizen import FlowView
from kiosk.ui.metrics import current
from kiosk.ui.widgets import Tile, button, clear_layout, label, sized

from .base import Screen

COLUMNS = 3


class AgencyScreen(Screen):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = label(name="Title")
        self.body.addWidget(self.title)
        self.grid = sized(QGridLayout(), spacing=4)
        self.body.addLayout(self.grid)
        self.body.addStretch(1)
        self.back = button(name="Back")
        self.back.clicked.connect(lambda: self.send("back"))
        self.nav_row(self.back)
        self._drawn: tuple | None = None
        self.compact = False

    def apply_layout_mode(self, portrait: bool, reach: bool) -> None:
        super().apply_layout_mode(portrait, reach)
        # Within reach every tile must fit the lower part of the screen: name and count only.
        # On a short panel in easy access too: the larger lines would not fit three rows of tiles.
        self.compact = reach or (current().accessible and current().short)
        self._drawn = None

    def render(self, view: FlowView) -> None:
        lang = view.language
        self.title.setText(self.tr("Choose an agency"))
        self.back.setText(self.tr("Back"))
        catalog = view.status.catalog
        key = (id(catalog), lang, self.portrait, self.compact, current())
        if catalog is None or key == self._drawn:
            return
        self._drawn = key
        clear_layout(self.grid)
        for i, agency in enumerate(catalog.agencies):
            count = len(catalog.services_for(agency.id))
            tile = Tile(f"agency-{agency.id}", accent=agency.color, min_height_mm=22 if self.compact else 30)
            detail = "" if self.compact else agency.name.get(lang)
            tile.set_lines(agency.short_name, detail, self.tr("%n service(s)", "", count))
            tile.clicked.connect(lambda _=False, a=agency.id: self.send("choose_agency", agency_id=a))
            columns = 2 if self.portrait else COLUMNS
            self.grid.addWidget(tile, i // columns, i % columns)
