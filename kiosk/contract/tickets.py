"""Queue tickets: reserve -> (print) -> confirm, or fail; unconfirmed reservations lapse.

The Idempotency-Key of a reservation travels in an HTTP header, not in the body, so the same body
can be replayed safely after a timeout.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, Field

from kiosk.contract.base import LocalizedText, RequestModel, ResponseModel

Priority = Literal["none", "elderly", "disability", "pregnancy"]
"""Priority-queue reason chosen by the citizen (elderly can be suggested from the NIK)."""

Language = Literal["id", "en"]
"""Language of the citizen's session (the tracking page and announcements use it)."""

TicketStatus = Literal["reserved", "confirmed", "virtual", "failed", "lapsed"]
"""reserved: number held, not yet printed; confirmed: printed; virtual: shown on screen /
help desk instead of printed; failed: kiosk reported it never reached the citizen;
lapsed: never confirmed within the reservation time, so it is never called."""

ConfirmMode = Literal["printed", "virtual"]
"""How the ticket reached the citizen."""


class TicketReserveRequest(RequestModel):
    """Body of POST /v1/tickets."""

    service_id: str = Field(min_length=1, max_length=64)
    """The ``Service.id`` to queue for."""
    priority: Priority = "none"
    """Priority-queue reason, "none" for the normal queue."""
    language: Language = "id"
    """The citizen's language."""


class Ticket(ResponseModel):
    """A queue ticket as the central knows it."""

    id: str = Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    """Ticket UUID (lowercase, hyphenated); the QR's tracking page uses it."""
    number: str = Field(pattern=r"^[A-Z]{1,2}-[0-9]{3,}$")
    """Number called in the hall, prefix + 3-digit daily sequence, e.g. "B-023"."""
    service_id: str
    """The ``Service.id`` queued for."""
    sequence: int = Field(ge=1)
    """Daily sequence number for the prefix (restarts at 1 each business day)."""
    business_date: date
    """The business day (site time zone) the number belongs to."""
    status: TicketStatus
    """Where the ticket is in its life."""
    reserved_at: AwareDatetime
    """When the number was reserved."""
    reservation_expires_at: AwareDatetime
    """A ticket still "reserved" after this instant lapses."""
    people_ahead: int = Field(ge=0)
    """People in the queue before this ticket."""
    estimated_wait_minutes: int = Field(ge=0)
    """Estimated wait until called."""
    zone: LocalizedText
    """Where to wait, e.g. "Zona B · Loket 5–8"."""
    track_url: str
    """URL of the "your place in the queue" page (what the printed QR encodes)."""
    terminal_id: str
    """Terminal that reserved the ticket."""
    priority: Priority = "none"
    """Priority-queue reason given at reservation."""
    service_name: LocalizedText | None = None
    """Service name, so a ticket can be printed without a catalogue lookup."""
    confirmed_at: AwareDatetime | None = None
    """When the kiosk confirmed it (printed or virtual)."""
    failure_reason: str | None = None
    """Reason the kiosk gave in /fail."""
    issued_offline: bool = False
    """Issued by a kiosk from its leased numbers while the central was unreachable (issue 16)."""


class TicketConfirmRequest(RequestModel):
    """Body of POST /v1/tickets/{id}/confirm (after the print succeeded, or a virtual ticket)."""

    mode: ConfirmMode
    """"printed" when the ticket came out of the printer, "virtual" when shown on screen instead."""


class TicketFailRequest(RequestModel):
    """Body of POST /v1/tickets/{id}/fail (the ticket never reached the citizen)."""

    reason: str = Field(min_length=1, max_length=200)
    """Short technical reason, e.g. "printer: paper out" (no personal data)."""


def ticket_number(prefix: str, sequence: int) -> str:
    """The number a citizen reads and the hall announces: "A-007"; past 999 every digit stays
    ("A-1000"). (The central's hot confirm statement builds the same in SQL with ``lpad``.)"""
    return f"{prefix}-{sequence:03d}"
