"""Events the card reader service delivers to its listeners (from its own thread).

Only ``CardRead`` carries personal data, inside a ``CardIdentity`` whose repr is masked; the
rest are safe to log.

The outcome of a read (``CardRead``, ``CardNeedsMrz``, ``CardReadFailed``) carries
``session_id``: the opaque tag its owner last gave ``CardReaderService.begin_session`` before
the read began, so a read that ends after the citizen has gone can be told apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk.identity.model import CardIdentity

ServiceState = Literal["ok", "no_readers", "no_service", "stopped"]
FailReason = Literal["removed", "timeout", "unreadable", "busy", "error"]


@dataclass(frozen=True)
class ReadersChanged:
    names: tuple[str, ...]


@dataclass(frozen=True)
class CardInserted:
    reader: str
    atr_hex: str


@dataclass(frozen=True)
class CardRead:
    reader: str
    identity: CardIdentity
    apdu_count: int = 0
    read_seconds: float = 0.0  # exclusive connect to identity, for the bench and diagnostics
    session_id: int | None = None


@dataclass(frozen=True)
class CardNeedsMrz:
    """An e-passport is on the reader: ask for document number, birth and expiry dates.

    ``wrong_key`` is True when the chip refused the MRZ data last supplied.
    """

    reader: str
    wrong_key: bool = False
    session_id: int | None = None


@dataclass(frozen=True)
class CardReadFailed:
    reader: str
    reason: FailReason
    message: str
    session_id: int | None = None


@dataclass(frozen=True)
class CardRemoved:
    reader: str


@dataclass(frozen=True)
class ReaderServiceState:
    state: ServiceState


CardEvent = ReadersChanged | CardInserted | CardRead | CardNeedsMrz | CardReadFailed | CardRemoved | ReaderServiceState

# Messages for the citizen-facing screen are translated by the UI from ``reason``; these are
# for logs and technicians.
MESSAGES: dict[str, str] = {
    "removed": "card taken away during the read: please hold the card still",
    "timeout": "the card did not answer in time",
    "unreadable": "this card could not be read",
    "busy": "the reader is in use by another program",
    "error": "internal error while reading the card",
}
