"""From a card on the reader or a NIK on the keypad to who is in front of the kiosk.

The result, ``SessionIdentity``, is all the session keeps: a masked name, a masked number, a
birth date (for the elderly priority queue) and, for staff cards, the role. The raw NIK, card UID
and chip data are used for the one lookup at the central service and then dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kiosk.api.errors import CentralError, CentralRejected
from kiosk.contract import IdentityResolveRequest
from kiosk.identity.model import CardIdentity
from kiosk.identity.nik import mask_nik, parse_nik
from kiosk.runtime.worker import Worker

if TYPE_CHECKING:
    from kiosk.api.client import CentralClient

log = logging.getLogger(__name__)

ELDERLY_AGE = 60


class IdentificationFailed(RuntimeError):
    """No identity; ``reason`` picks what the citizen is told."""

    def __init__(self, reason: Literal["card_unknown", "nik_needed", "unavailable"], detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


@dataclass(frozen=True)
class SessionIdentity:
    source: Literal["card", "passport", "nik"]
    masked_name: str | None
    masked_number: str | None
    birth_date: dt.date | None
    is_staff: bool = False
    staff_role: str | None = None
    verified: bool = True  # False: the central could not be asked; the number's shape was checked

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def is_elderly(self, day: dt.date) -> bool:
        age = self.age_on(day)
        return age is not None and age >= ELDERLY_AGE

    def __repr__(self) -> str:
        return f"SessionIdentity(source={self.source!r}, staff={self.is_staff})"


class Identifier:
    """Runs lookups on its own worker with its own HTTP session; results are futures."""

    def __init__(self, client: CentralClient, today: Callable[[], dt.date] = dt.date.today) -> None:
        self._client = client  # used only on this worker
        self._today = today
        self._worker = Worker("identity")

    def from_card(self, card: CardIdentity) -> Future[SessionIdentity]:
        return self._worker.submit(self._from_card, card)

    def from_nik(self, nik: str) -> Future[SessionIdentity]:
        return self._worker.submit(self._from_nik, nik)

    def close(self) -> None:
        self._client.close()
        self._worker.stop()

    # ---- on the worker ---------------------------------------------------------------------
    def _from_card(self, card: CardIdentity) -> SessionIdentity:
        if card.source == "emrtd":
            # The chip itself says who this is (after BAC); no lookup needed.
            number = card.document_number or ""
            return SessionIdentity(
                "passport",
                card.masked_name() or None,
                number[:1] + "•" * max(0, len(number) - 3) + number[-2:] if number else None,
                card.birth_date,
            )
        if card.nik and card.name:  # e-KTP read through the deployment's SAM
            return SessionIdentity("card", card.masked_name(), mask_nik(card.nik), card.birth_date)
        if card.nik_required or not card.uid_hex:
            raise IdentificationFailed("nik_needed", "this card needs the NIK typed in")
        try:
            resolved = self._client.resolve_identity(IdentityResolveRequest(kind="uid", value=card.uid_hex))
        except CentralRejected as exc:
            raise IdentificationFailed("card_unknown", f"central refused the card lookup: {exc.code}") from None
        except CentralError as exc:
            raise IdentificationFailed("unavailable", f"card lookup failed: {type(exc).__name__}") from None
        if not resolved.found:
            raise IdentificationFailed("card_unknown", "card not registered")
        return SessionIdentity(
            "card",
            resolved.display_name_masked,
            resolved.nik_masked,
            resolved.birth_date,
            is_staff=resolved.is_staff,
            staff_role=resolved.staff_role,
        )

    def _from_nik(self, nik: str) -> SessionIdentity:
        info = parse_nik(nik, today=self._today())  # the flow checked it already; this is a guard
        try:
            resolved = self._client.resolve_identity(IdentityResolveRequest(kind="nik", value=nik))
        except CentralError as exc:
            # The NIK's own shape and birth date are still good for a queue ticket.
            log.warning("NIK lookup unavailable (%s); using the number's own data", type(exc).__name__)
            return SessionIdentity("nik", None, mask_nik(nik), info.birth_date, verified=False)
        name = resolved.display_name_masked if resolved.found else None
        return SessionIdentity(
            "nik", name, mask_nik(nik), resolved.birth_date or info.birth_date, verified=resolved.found
        )


__all__ = ["ELDERLY_AGE", "IdentificationFailed", "Identifier", "SessionIdentity"]
