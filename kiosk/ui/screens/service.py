"""Service choice within an agency: what it costs and how long the queue is, before choosing."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.flow.citizen import FlowView
from kiosk.formatting import rupiah
from kiosk.ui.widgets import Tile, button, clear_layout, label

from .base import Screen


class ServiceScreen(Screen):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = label(name="Title")
        self.lead = label(name="Lead")
        self.body.addWidget(self.title)
        self.body.addWidget(self.lead)
        self.list = QVBoxLayout()
        self.list.setSpacing(20)
        self.body.addLayout(self.list)
        self.body.addStretch(1)
        self.back = button(name="Back")
        self.back.clicked.connect(lambda: self.send("back"))
        self.nav_row(self.back)
        self._drawn: tuple | None = None

    def render(self, view: FlowView) -> None:
        lang = view.language
        catalog = view.status.catalog
        self.back.setText(self.tr("Back"))
        self.lead.setText(self.tr("Choose the service you need."))
        if catalog is None or view.session.agency_id is None:
            return
        agency = catalog.agency(view.session.agency_id)
        self.title.setText(agency.name.get(lang))
        key = (id(catalog), id(view.status.queues), lang, agency.id)
        if key == self._drawn:
            return
        self._drawn = key
        clear_layout(self.list)
        for service in catalog.services_for(agency.id):
            queue = view.status.queues.get(service.id)
            fee = rupiah(service.fee_idr, lang) if service.fee_idr else self.tr("Free")
            if queue is not None:
                wait = self.tr("%1 waiting · about %2 min").replace("%1", str(queue.waiting)) \
                    .replace("%2", str(queue.estimated_wait_minutes))
            else:
                wait = self.tr("Queue length not known right now")
            tile = Tile(f"service-{service.id}", min_height=150)
            tile.set_lines(service.name.get(lang), service.description.get(lang), f"{fee}  ·  {wait}")
            tile.setEnabled(service.enabled)
            tile.clicked.connect(lambda _=False, s=service.id: self.send("choose_service", service_id=s))
            self.list.addWidget(tile)
