"""The one thing a card profile needs from a reader: send an APDU, get data and a status word.

``kiosk.devices.card`` implements it over PC/SC; tests may implement it over anything.
"""

from __future__ import annotations

from typing import Protocol

SW_OK = 0x9000


class CardChannel(Protocol):
    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Send one command APDU; return (response data, status word)."""
        ...


class CardProtocolError(Exception):
    """The card answered, but not as the profile expects (bad status word, malformed data)."""

    def __init__(self, message: str, sw: int | None = None) -> None:
        super().__init__(message if sw is None else f"{message} (SW {sw:04X})")
        self.sw = sw
