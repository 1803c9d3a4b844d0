"""Close the kiosk for the rest of the day with a message for citizens, or open it again."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.ui.widgets import Tile, button, label

from .base import AdminPage
from .keyboard import TextKeyboard, apply_key


class ClosingPage(AdminPage):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._text = ""
        self.state_line = label(name="Lead")
        self.presets = QHBoxLayout()
        self.presets.setSpacing(16)
        # Tiles, not buttons: the messages are long and must wrap rather than be cut.
        self._preset_buttons = [Tile(f"closing-preset-{i}", min_height_mm=20) for i in range(3)]
        for i, b in enumerate(self._preset_buttons):
            b.clicked.connect(lambda _=False, i=i: self._set(self.presets_text()[i]))
            self.presets.addWidget(b)
        self.entry = label(name="Entry")
        self.entry.setObjectName("Entry")
        self.keyboard = TextKeyboard()
        self.keyboard.pressed.connect(lambda k: self._set(apply_key(self._text, k)))
        for w in (self.state_line,):
            self.body.addWidget(w)
        self.body.addLayout(self.presets)
        self.body.addWidget(self.entry)
        self.body.addWidget(self.keyboard)
        self.body.addStretch(1)
        self.close_button = button(role="primary", name="CloseForDay")
        self.close_button.clicked.connect(self._close)
        self.reopen_button = button(name="Reopen")
        self.reopen_button.clicked.connect(lambda: self.controller.reopen(self._done))
        self.bottom_row(self.back_button(), self.reopen_button, self.close_button)

    def presets_text(self) -> list[str]:
        return [
            self.tr("Closed for today. Please come back tomorrow."),
            self.tr("Closed for maintenance. Please ask at the help desk."),
            self.tr("Today's queue is full. Please come back tomorrow."),
        ]

    def entered(self) -> None:
        super().entered()
        self.title.setText(self.tr("Close for the day"))
        self.keyboard.retranslate()
        for b, text in zip(self._preset_buttons, self.presets_text(), strict=False):
            b.set_lines(text)
        self.close_button.setText(self.tr("Close the kiosk"))
        self.reopen_button.setText(self.tr("Open the kiosk again"))
        self._show_state()

    def _show_state(self) -> None:
        closed = self.controller.state.closed_message()
        self.state_line.setText(
            self.tr("Closed now, showing: %1").replace("%1", closed)
            if closed
            else self.tr("Open now. Choose or type the message citizens will see.")
        )
        self.reopen_button.setEnabled(bool(closed))
        self._set(closed or self.presets_text()[0])

    def _set(self, text: str) -> None:
        self.controller.touch()
        self._text = text
        self.entry.setText(text)
        self.close_button.setEnabled(bool(text.strip()))

    def _close(self) -> None:
        self.controller.close_for_day(self._text, self._done)

    def _done(self, result) -> None:
        if isinstance(result, Exception):
            self.say(str(result))
            return
        self._show_state()
        self.say(
            self.tr("Closed until the end of today.")
            if self.controller.state.closed_message()
            else self.tr("The kiosk is open again."),
            "ok",
        )
