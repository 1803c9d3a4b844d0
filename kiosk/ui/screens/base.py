"""What every screen shares: the intent signal and the bottom navigation row."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.flow.citizen import FlowView
from kiosk.ui.metrics import current
from kiosk.ui.widgets import button, label, sized


class Screen(QWidget):
    """A full-body page. ``render`` must be cheap and idempotent: it runs on every view change."""

    intent = Signal(str, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        self.body = sized(QVBoxLayout(), spacing=2, margins=(8, 3))
        root.addLayout(self.body, 1)
        # Empty unless in side mode (easy access on a short landscape panel, a 10" tablet): then
        # the header and the navigation stand in a column beside the content, which gets the
        # whole height (a row of large buttons above and below would leave too little).
        self.side = sized(QVBoxLayout(), spacing=1.5, margins=(0, 3))
        root.addLayout(self.side)
        self._root = root
        self._nav: QBoxLayout | None = None
        self._side_header: QWidget | None = None
        # Empty unless in reach mode (portrait + accessibility): then it pushes every control
        # into the lower part of the screen, within reach from a wheelchair.
        self._reach = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.body.addSpacerItem(self._reach)
        self.portrait = False
        # Rows that become columns on a portrait panel.
        self.flexible_rows: list[QBoxLayout] = []

    offers_start_over = False
    start_over: QPushButton | None = None

    def render(self, view: FlowView) -> None:
        raise NotImplementedError

    def render_common(self) -> None:
        """What every screen shows the same way; the window calls it before ``render``."""
        if self.start_over is not None:
            self.start_over.setText(QCoreApplication.translate("Screen", "Start over"))

    def spoken_text(self, view: FlowView) -> str:
        """What easy-access mode reads aloud for this screen: its visible title, lead and banner lines.

        Screens whose lead lines change by themselves (a countdown) or that carry something more
        important (the ticket number) say so by overriding this.
        """
        return " ".join(
            lbl.text().strip()
            for name in ("Title", "Lead", "Banner")
            for lbl in self.findChildren(QLabel, name)
            if lbl.isVisibleTo(self) and lbl.text().strip()
        )

    def apply_layout_mode(self, portrait: bool, reach: bool) -> None:
        self.portrait = portrait
        direction = QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        for row in self.flexible_rows:
            row.setDirection(direction)
        if reach:
            self._reach.changeSize(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
            self.body.setStretch(0, 6)
        else:
            self._reach.changeSize(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            self.body.setStretch(0, 0)
        self.body.invalidate()

    side_mode = False  # set by the window before ``apply_layout_mode`` (see ``set_side``)

    @staticmethod
    def flow_keys(grid: QGridLayout, keys: list, columns: int, tail: list) -> None:
        """Lay ``keys`` out in reading order, ``columns`` across, then ``tail`` ((key, span) pairs)
        after them: a keyboard that fits a narrower body (side mode) with every key as large."""
        for b in [*keys, *(b for b, _ in tail)]:
            grid.removeWidget(b)
        for i, b in enumerate(keys):
            grid.addWidget(b, i // columns, i % columns)
        at = len(keys)
        for b, span in tail:
            if at % columns + span > columns:
                at += columns - at % columns
            grid.addWidget(b, at // columns, at % columns, 1, span)
            at += span

    def send(self, name: str, **payload) -> None:
        self.intent.emit(name, payload)

    def add_key(
        self, grid: QGridLayout, intent: str, prefix: str, key: str, row: int, col: int, span: int = 1
    ) -> QPushButton:
        """One keypad key named ``<prefix>-<key>`` that sends ``intent`` with ``key``; keys with a
        word for a name ("back", "clear") get their text in ``render`` (it is translated)."""
        b = button(key if len(key) == 1 else "", role="key", name=f"{prefix}-{key}")
        b.clicked.connect(lambda _=False, k=key: self.send(intent, key=k))
        grid.addWidget(b, row, col, 1, span)
        return b

    def title_and_lead(self) -> tuple[QLabel, QLabel]:
        """The top of most screens: what it is for, then one or two lines of what to do."""
        title, lead = label(name="Title"), label(name="Lead")
        self.body.addWidget(title)
        self.body.addWidget(lead)
        return title, lead

    @staticmethod
    def name_edit_keys(keys: dict[str, QPushButton]) -> None:
        """The words on a keypad's "back" and "clear" keys (``add_key`` leaves them blank)."""
        keys["back"].setText("⌫")
        keys["back"].setAccessibleName(QCoreApplication.translate("Screen", "Delete last character"))
        keys["clear"].setText(QCoreApplication.translate("Screen", "Clear"))

    def back_only(self) -> QPushButton:
        """The bottom row of a screen whose choices lead on by themselves: only a Back button."""
        back = button(name="Back")
        back.clicked.connect(lambda: self.send("back"))
        self.nav_row(back)
        return back

    def back_and_submit(self, submit_name: str, submit_intent: str) -> tuple[QPushButton, QPushButton]:
        """The bottom row of a form screen: a Back button and a wider primary button."""
        back = button(name="Back")
        back.clicked.connect(lambda: self.send("back"))
        submit = button(role="primary", name=submit_name)
        submit.clicked.connect(lambda: self.send(submit_intent))
        row = self.nav_row(back, submit)
        row.setStretch(row.indexOf(submit), 2)  # the way forward is the widest
        return back, submit

    def nav_row(self, *buttons) -> QHBoxLayout:
        """Navigation sits at the bottom of every screen: within reach from a wheelchair. Screens
        in the middle of a journey (``offers_start_over``) begin it with "Start over"."""
        row = sized(QHBoxLayout(), spacing=4)
        if self.offers_start_over:
            self.start_over = button(name="StartOver")
            self.start_over.clicked.connect(lambda: self.send("cancel"))
            buttons = (self.start_over, *buttons)
        for b in buttons:
            row.addWidget(b)
        self.body.addLayout(row)
        self._nav = row
        return row

    def set_side(self, header: QWidget | None) -> None:
        """Side mode with ``header`` on top of the side column (navigation under it), or back to
        the navigation row at the bottom (``None``; the caller takes the header back)."""
        if header is self._side_header:
            return
        if self._side_header is not None:
            self.side.removeWidget(self._side_header)
        while self.side.count():  # the stretch; the navigation is taken out below
            item = self.side.takeAt(0)
            if item.layout() is None:
                del item
        if self._nav is not None:
            self.body.removeItem(self._nav)
        self._side_header = header
        if header is not None:
            self.side.addWidget(header)
            self.side.addStretch(1)
            if self._nav is not None:
                self._nav.setDirection(QBoxLayout.Direction.TopToBottom)
                self.side.addLayout(self._nav)
            # Narrow margins: the keyboards need the width (the column is a margin of its own).
            sized(self.body, margins=(2.5, 3))
            self._root.setContentsMargins(0, 0, current().px(2), 0)
        else:
            if self._nav is not None:
                self._nav.setDirection(QBoxLayout.Direction.LeftToRight)
                self.body.addLayout(self._nav)
            sized(self.body, margins=(8, 3))
            self._root.setContentsMargins(0, 0, 0, 0)
