"""Card reader device: PC/SC (pyscard) on one supervised thread, card profiles from
``kiosk.identity``. Qt-free; results leave through plain callbacks (see ``events``)."""

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
from kiosk.devices.card.service import CardReaderService
from kiosk.devices.card.settings import CardReaderSettings

__all__ = [
    "CardEvent", "CardInserted", "CardNeedsMrz", "CardRead", "CardReadFailed", "CardRemoved",
    "ReadersChanged", "ReaderServiceState", "CardReaderService", "CardReaderSettings",
]
