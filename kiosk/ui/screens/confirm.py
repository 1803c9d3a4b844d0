"""Check before taking a number: documents to bring, fee, wait, and the priority queue."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QHBoxLayout

from kiosk.flow.citizen import FlowView
from kiosk.formatting import rupiah
from kiosk.ui.pictograms import palette, set_icon
from kiosk.ui.widgets import button, card, label, sized

from .base import Screen

PRIORITIES = ("elderly", "disability", "pregnancy")


class ConfirmScreen(Screen):
    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        sized(self.body, spacing=1.8)  # the fullest screen: its lines closer together
        self.title = label(name="Title")
        self.agency = label(name="Lead")
        self.body.addWidget(self.title)
        self.body.addWidget(self.agency)
        row = sized(QHBoxLayout(), spacing=5)
        self.flexible_rows.append(row)
        facts, facts_layout = card()
        self.fee = label()
        self.wait = label()
        self.zone = label()
        for w in (self.fee, self.wait, self.zone):
            facts_layout.addWidget(w)
        facts_layout.addStretch(1)
        docs, docs_layout = card()
        self.docs_title = label(name="Caption")
        self.docs = label()
        docs_layout.addWidget(self.docs_title)
        docs_layout.addWidget(self.docs)
        docs_layout.addStretch(1)
        row.addWidget(facts, 1)
        row.addWidget(docs, 1)
        self.cards = (facts_layout, docs_layout)
        self.facts_row = row
        self.body.addLayout(row)
        self.who = label()
        self.body.addWidget(self.who)
        self.priority_title = label(name="Caption")
        self.body.addWidget(self.priority_title)
        prio_row = sized(QHBoxLayout(), spacing=5)
        self.priority_group = QButtonGroup(self)
        self.priority_group.setExclusive(False)
        self.priority_buttons = {}
        for key in PRIORITIES:
            b = button(role="choice", name=f"priority-{key}")
            b.setCheckable(True)
            b.clicked.connect(lambda checked, k=key: self.send("set_priority", priority=k if checked else "none"))
            self.priority_buttons[key] = b
            prio_row.addWidget(b)
        self.body.addLayout(prio_row)
        self.body.addStretch(1)
        self.back = button(name="Back")
        self.back.clicked.connect(lambda: self.send("back"))
        self.take = button(role="primary", name="Confirm")
        self.take.clicked.connect(lambda: self.send("confirm"))
        row = self.nav_row(self.back, self.take)
        row.setStretch(row.indexOf(self.take), 2)

    def apply_layout_mode(self, portrait: bool, reach: bool) -> None:
        super().apply_layout_mode(portrait, reach)
        if self.side_mode:  # the two cards one above the other, each as wide as the body
            self.facts_row.setDirection(QBoxLayout.Direction.TopToBottom)
        for layout in self.cards:
            sized(layout, margins=(4, 1) if self.side_mode else (4, 2.5))

    def render(self, view: FlowView) -> None:
        lang = view.language
        catalog = view.status.catalog
        if catalog is None or view.session.service_id is None:
            return
        service = catalog.service(view.session.service_id)
        agency = catalog.agency(service.agency_id)
        self.title.setText(service.name.get(lang))
        self.agency.setText(agency.name.get(lang))
        fee = rupiah(service.fee_idr, lang) if service.fee_idr else self.tr("Free")
        self.fee.setText(self.tr("Fee: %1").replace("%1", fee))
        queue = view.status.queues.get(service.id)
        if queue is not None:
            self.wait.setText(
                self.tr("%1 people waiting · about %2 minutes")
                .replace("%1", str(queue.waiting))
                .replace("%2", str(queue.estimated_wait_minutes))
            )
        else:
            self.wait.setText(self.tr("Queue length not known right now"))
        self.zone.setText(self.tr("Where: %1").replace("%1", service.zone.get(lang)))
        self.docs_title.setText(self.tr("Please bring"))
        docs = [d.get(lang) for d in service.required_documents]
        self.docs.setText("\n".join(f"•  {d}" for d in docs) if docs else self.tr("No documents needed."))
        # Side mode (easy access on a tablet): every line counts, so the facts run on in one
        # paragraph and so do the documents; the agency was chosen a step before.
        compact = self.side_mode
        self.agency.setVisible(not compact)
        self.wait.setVisible(not compact)
        self.zone.setVisible(not compact)
        self.docs_title.setVisible(not compact)
        if compact:
            self.fee.setText(" · ".join((self.fee.text(), self.wait.text(), self.zone.text())))
            if docs:
                self.docs.setText(f"{self.docs_title.text()}: " + " · ".join(docs))
        identity = view.session.identity
        if identity is not None:
            parts = [p for p in (identity.masked_name, identity.masked_number) if p]
            self.who.setText(self.tr("Identified: %1").replace("%1", " · ".join(parts)))
        elif service.identity == "required":
            self.who.setText(self.tr("This service needs your ID card or NIK; you will be asked next."))
        else:
            self.who.setText("")
        self.who.setVisible(bool(self.who.text()))
        if view.session.priority_suggested and view.session.priority == "elderly":
            self.priority_title.setText(
                self.tr(
                    "You are 60 or older, so we chose the elderly priority queue for you. "
                    "Touch it again if you prefer the normal queue."
                )
            )
        else:
            self.priority_title.setText(self.tr("Priority queue (optional): choose if it applies to you"))
        names = {
            "elderly": self.tr("Elderly (60+)"),
            "disability": self.tr("Disability"),
            "pregnancy": self.tr("Pregnant"),
        }
        for key, b in self.priority_buttons.items():
            b.setText(names[key])
            b.setChecked(view.session.priority == key)
        self.back.setText(self.tr("Back"))
        self.take.setText(self.tr("Take my number"))
        set_icon(self.take, "ticket", palette().on_primary)
