"""What the kiosk knows about the citizen in front of it, and only for as long as they are there."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from kiosk.contract.tickets import Language

from .survey import SurveyDraft

if TYPE_CHECKING:  # for the annotations only: the flow does not depend on these services
    from kiosk.contract.bookings import BookingCheckIn
    from kiosk.identification import SessionIdentity
    from kiosk.payments.view import PaymentView
    from kiosk.tickets.issuer import IssueOutcome

Priority = Literal["none", "elderly", "disability", "pregnancy"]

_session_ids = itertools.count(1)


# What easy access offers, each on its own (the citizen turns off what they do not need).
ACCESS_OPTIONS = ("large_text", "high_contrast", "read_aloud", "slow_speech", "within_reach")


@dataclass
class CitizenSession:
    """Mutable per-citizen state; replaced wholesale (never partially cleared) when it ends."""

    language: Language
    id: int = field(default_factory=lambda: next(_session_ids))
    agency_id: str | None = None
    service_id: str | None = None
    priority: Priority = "none"
    # Filled once a ticket is issued; holds no personal data (numbers and service only).
    outcome: IssueOutcome | None = None
    error_key: str | None = None
    error_detail: str | None = None
    # Who this is (masked values only), once identified.
    identity: SessionIdentity | None = None
    # Digits typed so far on the NIK keypad; gone with the session.
    nik_entry: str = ""
    # Passport page data typed for the chip (document number, birth and expiry as DDMMYY).
    mrz_field: str = "doc"
    mrz_doc: str = ""
    mrz_birth: str = ""
    mrz_expiry: str = ""
    # The booking code typed or scanned for appointment check-in, and the check-in (booking and
    # reserved ticket) once the central accepted it.
    booking_entry: str = ""
    booking: BookingCheckIn | None = None
    lookup_pending: bool = False
    # Staff were called and the call is on its way or answered ("Call staff", kiosk.help): the
    # citizen was told to wait here, so the idle timer must not end the session meanwhile.
    help_pending: bool = False
    # A short message for the current screen (e.g. "card.removed": hold the card still).
    notice: str | None = None
    priority_suggested: bool = False
    # The QRIS payment of this session (state, QR payload, amount, expiry), for fee services;
    # None before the PAYMENT step.
    payment: PaymentView | None = None
    # Accessibility mode: larger text, high contrast, controls low, longer time limits, speech.
    accessible: bool = False
    # The satisfaction survey being filled in (scores and bands only, never who answered).
    survey: SurveyDraft = field(default_factory=SurveyDraft)
    # Easy-access options turned off (ACCESS_OPTIONS; when the mode starts, only slower speech),
    # and the speech volume in quarters (4: as configured); both last for the session.
    access_off: frozenset[str] = frozenset()
    volume: int = 4

    def __repr__(self) -> str:
        # Never the NIK being typed, never the identity: this may end up in a log line.
        return (
            f"CitizenSession(id={self.id}, language={self.language!r}, service={self.service_id!r}, "
            f"identified={self.identity is not None})"
        )
