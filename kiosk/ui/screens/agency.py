"""Agency choice: one large tile per agency in the hall."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

from kiosk.flow.citizen import FlowView
from kiosk.ui.metrics import current
from kiosk.ui.pictograms import glyph_for_agency
from kiosk.ui.widgets import Tile, clear_layout, label, sized

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
        self.back = self.back_only()
        self._drawn: tuple | None = None
        self.compact = False

    def apply_layout_mode(self, portrait: bool, reach: bool) -> None:
        super().apply_layout_mode(portrait, reach)
        # Within reach every tile must fit the lower part of the screen: name and count only.
        # On a short panel in easy access too: the larger lines would not fit three rows of tiles.
        self.compact = reach or (current().short and (current().accessible or current().cramped))
        self._drawn = None

    def render(self, view: FlowView) -> None:
        lang = view.language
        self.title.setText(self.tr("Choose an agency"))
        self.back.setText(self.tr("Back"))
        catalog = view.status.catalog
        # Redrawn each minute while opening hours apply: an agency's services open and close.
        minute = view.now.replace(second=0, microsecond=0) if view.now is not None else None
        key = (id(catalog), lang, self.portrait, self.side_mode, self.compact, current(), minute)
        if catalog is None or key == self._drawn:
            return
        self._drawn = key
        clear_layout(self.grid)
        for i, agency in enumerate(catalog.agencies):
            tile = Tile(
                f"agency-{agency.id}",
                accent=agency.color,
                min_height_mm=22 if self.compact else 30,
                glyph=glyph_for_agency(agency.id),
            )
            detail = "" if self.compact else agency.name.get(lang)
            tile.set_lines(agency.short(lang), detail, self._open_text(catalog.services_for(agency.id), view))
            tile.clicked.connect(lambda _=False, a=agency.id: self.send("choose_agency", agency_id=a))
            columns = 2 if self.portrait or self.side_mode else COLUMNS  # side mode: long names need the width
            self.grid.addWidget(tile, i // columns, i % columns)

    def _open_text(self, services, view: FlowView) -> str:
        """How many services take tickets now, so a closed one is known before the third screen."""
        open_now = [s for s in services if s.enabled and view.opens_at(s) is False]
        if len(open_now) == len(services):
            return self.tr("%n service(s)", "", len(services))
        if open_now:
            return (
                self.tr("%1 of %2 services open now")
                .replace("%1", str(len(open_now)))
                .replace("%2", str(len(services)))
            )
        today = [
            o
            for s in services
            if (o := view.opens_at(s)) not in (False, None) and o.date() == view.now.astimezone(o.tzinfo).date()
        ]
        if today:
            return self.tr("Closed now · opens today at %1").replace("%1", min(today).strftime("%H:%M"))
        return self.tr("Closed now")
