"""Passport: the data from the photo page that opens the chip, typed on a large keypad (or read
by an MRZ scanner, which types it for the citizen)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout

from kiosk.flow.citizen import FlowView
from kiosk.ui.metrics import current
from kiosk.ui.widgets import button, sized

from .base import Screen

ROWS = ["1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"]


def as_date(ddmmyy: str) -> str:
    """'2505' -> '25-05-' : the date as the citizen reads it on the page, while typing."""
    parts = [ddmmyy[i : i + 2] for i in range(0, len(ddmmyy), 2)]
    return "-".join(parts) + ("-" if len(ddmmyy) in (2, 4) else "")


class PassportScreen(Screen):
    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title, self.lead = self.title_and_lead()
        fields = sized(QHBoxLayout(), spacing=2)
        self.flexible_rows.append(fields)
        self.fields = {}
        for name in ("doc", "birth", "expiry"):
            b = button(role="choice", name=f"mrz-{name}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, n=name: self.send("mrz_field", field=n))
            fields.addWidget(b)
            self.fields[name] = b
        self.body.addLayout(fields)
        grid = sized(QGridLayout(), spacing=2)
        self.keys = {}
        for r, row in enumerate(ROWS):
            for c, key in enumerate(row):
                self._add_key(grid, key, r, c)
        self._add_key(grid, "back", 2, 9)
        self._add_key(grid, "clear", 3, 7, span=3)
        self.grid = grid
        self._side_keys = False
        self.body.addLayout(grid)
        self.body.addStretch(1)
        self.back, self.submit = self.back_and_submit("MrzSubmit", "mrz_submit")

    def apply_layout_mode(self, portrait: bool, reach: bool) -> None:
        super().apply_layout_mode(portrait, reach)
        sized(self.grid, spacing=1.2 if self.side_mode else 2)  # side mode: the keys need the width
        if self.side_mode == self._side_keys:
            return
        self._side_keys = self.side_mode
        if self.side_mode:
            # Eight across beside the navigation column: the QWERTY rows would break apart, so
            # digits then letters in alphabetical order (as on the booking keypad).
            chars = [self.keys[c] for c in sorted("".join(ROWS), key=lambda c: (c.isalpha(), c))]
            self.flow_keys(self.grid, chars, 8, [(self.keys["back"], 2), (self.keys["clear"], 2)])
        else:
            for r, row in enumerate(ROWS):
                for c, key in enumerate(row):
                    self.grid.removeWidget(self.keys[key])
                    self.grid.addWidget(self.keys[key], r, c)
            for key, (r, c, span) in {"back": (2, 9, 1), "clear": (3, 7, 3)}.items():
                self.grid.removeWidget(self.keys[key])
                self.grid.addWidget(self.keys[key], r, c, 1, span)

    def _add_key(self, grid: QGridLayout, key: str, row: int, col: int, span: int = 1) -> None:
        self.keys[key] = self.add_key(grid, "mrz_key", "mrzkey", key, row, col, span)

    def render(self, view: FlowView) -> None:
        s = view.session
        self.title.setText(self.tr("Open your e-passport's chip"))
        self.title.setVisible(not current().cramped)  # on a tablet the fields and keys need the height
        self.lead.setText(
            self.tr("Type what is printed on the photo page of your passport. Keep the passport on the reader.")
        )
        # The notice above says the same when the passport was just read: once is enough (and the
        # keypad needs the height on a short panel).
        # Nor on a short panel in easy access, where the keypad and the fields need every line.
        self.lead.setVisible(
            not view.session.notice and not current().cramped and not (current().accessible and current().short)
        )
        values = {
            "doc": (self.tr("Passport number"), s.mrz_doc),
            "birth": (self.tr("Date of birth"), as_date(s.mrz_birth)),
            "expiry": (self.tr("Date of expiry"), as_date(s.mrz_expiry)),
        }
        # An empty date shows how to write it (in the field, not in a longer caption above it).
        date_format = self.tr("DD-MM-YY")
        for name, b in self.fields.items():
            caption, value = values[name]
            b.setText(f"{caption}\n{value or (date_format if name != 'doc' else '–')}")
            b.setChecked(s.mrz_field == name)
        letters_allowed = s.mrz_field == "doc"
        for key, b in self.keys.items():
            b.setEnabled(not s.lookup_pending and (letters_allowed or not key.isalpha() or len(key) > 1))
        self.name_edit_keys(self.keys)
        self.back.setText(self.tr("Back"))
        self.submit.setText(self.tr("Reading the chip…") if s.lookup_pending else self.tr("Open the chip"))
        self.submit.setEnabled(not s.lookup_pending)
