"""Service choice within an agency: what it costs and how long the queue is, before choosing."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

from kiosk.flow.citizen import FlowView
from kiosk.formatting import rupiah, weekday_name
from kiosk.ui.metrics import current
from kiosk.ui.pictograms import glyph_for_service
from kiosk.ui.widgets import Tile, clear_layout, sized

from .base import Screen


class ServiceScreen(Screen):
    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title, self.lead = self.title_and_lead()
        self.list = sized(QGridLayout(), spacing=3.5)
        self.body.addLayout(self.list)
        self.body.addStretch(1)
        self.back = self.back_only()
        self._tiles: dict[str, Tile] = {}  # service id -> its tile, in catalogue order
        self._layout_key: tuple | None = None  # the services and columns the tiles were made for
        self._figures_key: tuple | None = None  # what the tiles' texts were last drawn from

    def render(self, view: FlowView) -> None:
        lang = view.language
        catalog = view.status.catalog
        self.back.setText(self.tr("Back"))
        self.lead.setText(self.tr("Choose the service you need."))
        if catalog is None or view.session.agency_id is None:
            return
        agency = catalog.agency(view.session.agency_id)
        self.title.setText(agency.name.get(lang))
        services = catalog.services_for(agency.id)
        # Side by side on a landscape panel when there are many: each tile keeps the height its
        # three lines need (one column of four would squeeze them, in large text above all).
        columns = 2 if not self.portrait and len(services) > 3 else 1
        # The tiles are made again only when the services themselves change: a queue refresh
        # (every 15 s) used to rebuild them, and a tap landing during the rebuild found no tile.
        layout_key = (tuple(service.id for service in services), columns, current())
        if layout_key != self._layout_key:
            self._layout_key = layout_key
            self._figures_key = None
            self._make_tiles(services, columns)
        # Redrawn each minute while opening hours apply: a service may just have opened or closed.
        minute = view.now.replace(second=0, microsecond=0) if view.now is not None else None
        figures_key = (id(catalog), id(view.status.queues), lang, minute)
        if figures_key != self._figures_key:
            self._figures_key = figures_key
            for service in services:
                self._draw_tile(self._tiles[service.id], service, view)

    def _make_tiles(self, services, columns: int) -> None:
        clear_layout(self.list)
        self._tiles = {}
        self.list.setColumnStretch(0, 1)
        self.list.setColumnStretch(1, 1 if columns == 2 else 0)
        for index, service in enumerate(services):
            tile = Tile(
                f"service-{service.id}", min_height_mm=22, glyph=glyph_for_service(service.id, service.agency_id)
            )
            tile.clicked.connect(lambda _=False, s=service.id: self.send("choose_service", service_id=s))
            self.list.addWidget(tile, index // columns, index % columns)
            self._tiles[service.id] = tile

    def _draw_tile(self, tile: Tile, service, view: FlowView) -> None:
        lang = view.language
        queue = view.status.queues.get(service.id)
        fee = rupiah(service.fee_idr, lang) if service.fee_idr else self.tr("Free")
        if queue is not None and view.status.issuing_offline:
            # The central is away: these are the figures from before, and the tile says so.
            wait = (
                self.tr("Last known: %1 waiting · about %2 min")
                .replace("%1", str(queue.waiting))
                .replace("%2", str(queue.estimated_wait_minutes))
            )
        elif queue is not None:
            wait = (
                self.tr("%1 waiting · about %2 min")
                .replace("%1", str(queue.waiting))
                .replace("%2", str(queue.estimated_wait_minutes))
            )
        else:
            wait = self.tr("Queue length not known right now")
        opens = view.opens_at(service)
        if opens is not False:
            # Greyed, and the text (not only the colour) says it is closed and until when.
            wait = self._closed_text(opens, view)
        offline_ok = view.status.available_offline(service.id)
        if opens is False and not offline_ok:
            wait = self._offline_text(service)
        tile.set_lines(service.name.get(lang), service.description.get(lang), f"{fee}  ·  {wait}")
        tile.setEnabled(service.enabled and opens is False and offline_ok)

    def _offline_text(self, service) -> str:
        # Why this one cannot be given while the central is away, in words, not only greyed.
        if service.fee_idr:
            return self.tr("Unavailable while offline: paying by QRIS needs the connection")
        if service.identity == "required":
            return self.tr("Unavailable while offline: the ID check needs the connection")
        return self.tr("Unavailable while offline: no numbers left at this kiosk")

    def _closed_text(self, opens, view: FlowView) -> str:
        if opens is None:
            return self.tr("Closed: not offered at this kiosk this week")
        local_now = view.now.astimezone(opens.tzinfo)
        days = (opens.date() - local_now.date()).days
        at = opens.strftime("%H:%M")
        if days == 0:
            return self.tr("Closed now · opens today at %1").replace("%1", at)
        if days == 1:
            return self.tr("Closed now · opens tomorrow at %1").replace("%1", at)
        day = weekday_name(opens.weekday(), view.language)
        return self.tr("Closed now · opens %1 at %2").replace("%1", day).replace("%2", at)
