"""Easy-access options, each on its own: larger text, high contrast, read aloud, slower speech,
and the speech volume. Opened from the header's "Easy access" button (the first touch turns
everything on, so nobody has to find the option they need before the screen is readable)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.flow.citizen import FlowView
from kiosk.flow.session import ACCESS_OPTIONS

from .widgets import button, centred_card, label, sized

VOLUME_STEPS = 4


class AccessPanel(QWidget):
    intent = Signal(str, dict)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        inner = centred_card(self, spacing=3, margins=(8, 5), share=6)
        self.title = label(name="Title", align=Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.title)
        grid = sized(QGridLayout(), spacing=3)
        self.options = {}
        for i, option in enumerate(ACCESS_OPTIONS):
            b = button(role="choice", name=f"access-{option}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, o=option: self.intent.emit("toggle_access_option", {"option": o}))
            grid.addWidget(b, i // 2, i % 2)
            self.options[option] = b
        inner.addLayout(grid)
        # Said where the speech options are: a citizen who relies on them sees at once that this
        # kiosk cannot speak now (no sound device, or speech is off) and can ask for help.
        self.no_speech = label(name="Lead", align=Qt.AlignmentFlag.AlignCenter)
        self.no_speech.hide()
        inner.addWidget(self.no_speech)
        volume_row = sized(QHBoxLayout(), spacing=3)
        self.quieter = button("−", role="key", name="VolumeDown")
        self.louder = button("+", role="key", name="VolumeUp")
        self.volume = label(name="Lead", align=Qt.AlignmentFlag.AlignCenter, wrap=False)
        self._level = VOLUME_STEPS
        self.portrait = False  # set by the window for its panel
        self.speech_working: Callable[[], bool | None] = lambda: True  # set by the window
        self.quieter.clicked.connect(lambda: self.intent.emit("set_volume", {"volume": self._level - 1}))
        self.louder.clicked.connect(lambda: self.intent.emit("set_volume", {"volume": self._level + 1}))
        volume_row.addWidget(self.quieter)
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(self.louder)
        inner.addLayout(volume_row)
        actions = sized(QHBoxLayout(), spacing=3)
        self.turn_off = button(name="AccessOff")
        self.turn_off.clicked.connect(self._turn_off)
        self.done = button(role="primary", name="AccessDone")
        self.done.clicked.connect(self.hide)
        actions.addWidget(self.turn_off)
        actions.addWidget(self.done)
        inner.addLayout(actions)
        self.hide()

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def _turn_off(self) -> None:
        self.hide()
        self.intent.emit("toggle_accessibility", {})

    def render(self, view: FlowView) -> None:
        session = view.session
        if not session.accessible:
            self.hide()  # the session ended, or easy access was turned off
        names = {
            "large_text": self.tr("Larger text"),
            "high_contrast": self.tr("High contrast"),
            "read_aloud": self.tr("Read aloud"),
            "slow_speech": self.tr("Slower speech"),
            "within_reach": self.tr("Everything within reach"),
        }
        self.title.setText(self.tr("Easy access: choose what helps you"))
        can_speak = self.speech_working() is not False
        for option, b in self.options.items():
            b.setText(names[option])
            # Read aloud does not show as on when nothing can be heard.
            b.setChecked(option not in session.access_off and (option != "read_aloud" or can_speak))
        # Lowering the controls only changes a portrait panel's layout: elsewhere it would be a
        # switch that does nothing.
        self.options["within_reach"].setVisible(self.portrait)
        self.no_speech.setText(self.tr("This kiosk cannot speak right now. Staff can read the screen with you."))
        self.no_speech.setVisible(not can_speak)
        self.options["read_aloud"].setEnabled(can_speak)
        speech = can_speak and "read_aloud" not in session.access_off
        self.options["slow_speech"].setEnabled(speech)
        self._level = session.volume
        self.volume.setText(
            self.tr("Volume %1 of %2").replace("%1", str(session.volume)).replace("%2", str(VOLUME_STEPS))
        )
        self.quieter.setEnabled(speech and session.volume > 1)
        self.louder.setEnabled(speech and session.volume < VOLUME_STEPS)
        self.quieter.setAccessibleName(self.tr("Quieter"))
        self.louder.setAccessibleName(self.tr("Louder"))
        self.turn_off.setText(self.tr("Turn off easy access"))
        self.done.setText(self.tr("Done"))
