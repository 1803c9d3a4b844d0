"""The letter-and-digit keypad and its entry line on a card, shared by the booking code and the
survey's ticket number: both are short codes of digits and the booking alphabet's letters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy

from kiosk.contract.bookings import BOOKING_ALPHABET
from kiosk.ui.widgets import card, label, sized

from .base import Screen

# Alphabetical, not QWERTY: easier to find a letter for someone who rarely types. The alphabet
# has no I, O or Q (they read as 1 and 0), so neither does the keypad.
DIGITS = "1234567890"
LETTERS = "".join(c for c in BOOKING_ALPHABET if c.isalpha())
COLUMNS = 10
SIDE_COLUMNS = 8  # beside the navigation column (side mode)


def entry_display() -> QLabel:
    """The typed code, large and centred on one line."""
    shown = label(name="NikDisplay", align=Qt.AlignmentFlag.AlignCenter, wrap=False)
    sized(shown, min_height=10)
    # The code line stays one line high; spare height goes below the keypad, not into it.
    shown.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return shown


class CodeKeypad:
    """On the card ``box``: the entry line ``display``, then digits, letters, and "back" and
    "clear" on the last row (``keys`` by their key)."""

    def __init__(self, screen: Screen, intent: str, prefix: str) -> None:
        self.box, self.card_layout = card()
        self.display = entry_display()
        self.card_layout.addWidget(self.display)
        self.grid = sized(QGridLayout(), spacing=1.2)
        self.keys: dict[str, QPushButton] = {
            key: screen.add_key(self.grid, intent, prefix, key, 0, 0) for key in (*DIGITS, *LETTERS, "back", "clear")
        }
        self.columns = 0
        self.lay_out(COLUMNS)
        self.card_layout.addLayout(self.grid)

    def fit(self, side_mode: bool) -> None:
        """Beside the navigation column (side mode) the keys need the width: fewer across, and
        narrower card margins."""
        sized(self.card_layout, margins=(2, 2) if side_mode else (4, 2.5))
        self.lay_out(SIDE_COLUMNS if side_mode else COLUMNS)

    def lay_out(self, columns: int) -> None:
        """``columns`` across; "clear" fills what is left of the last row (at least two keys)."""
        if columns == self.columns:
            return
        self.columns = columns
        chars = [self.keys[c] for c in DIGITS + LETTERS]
        used = len(chars) % columns
        clear_span = max(2, columns - used - 2) if used + 4 <= columns else columns - 2
        Screen.flow_keys(self.grid, chars, columns, [(self.keys["back"], 2), (self.keys["clear"], clear_span)])
