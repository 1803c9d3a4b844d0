"""Card reader device: PC/SC (pyscard) on one supervised thread, card profiles from
``kiosk.identity``. Qt-free; results leave through plain callbacks (see ``events``)."""

from typing import TYPE_CHECKING

from kiosk.devices.card.events import (
    CardEvent,
    CardInserted,
    CardNeedsMrz,
    CardRead,
    CardReadFailed,
    CardRemoved,
    ReadersChanged,
    ReaderServiceState,
)
from kiosk.devices.card.settings import CardReaderSettings

if TYPE_CHECKING:
    from kiosk.devices.card.service import CardReaderService

__all__ = [
    "CardEvent",
    "CardInserted",
    "CardNeedsMrz",
    "CardRead",
    "CardReadFailed",
    "CardReaderService",
    "CardReaderSettings",
    "CardRemoved",
    "ReaderServiceState",
    "ReadersChanged",
]


def __getattr__(name: str) -> "type[CardReaderService]":
    # pyscard is loaded only when a reader service is actually built: reading the config (and so
    # starting the kiosk) must not pay for it, and a kiosk without a reader never loads it.
    if name == "CardReaderService":
        from kiosk.devices.card.service import CardReaderService

        return CardReaderService
    raise AttributeError(name)
