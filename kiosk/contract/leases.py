"""Leased numbers (issue 16): a block of a service's numbers for today, granted to one terminal so
it can keep issuing walk-in tickets while the central is unreachable; the tickets issued from it
are sent afterwards (POST /v1/offline-tickets) and queued by the time they were issued."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, Field

from kiosk.contract.base import RequestModel, ResponseModel, WireDatetime, WireInt
from kiosk.contract.tickets import Language, Priority

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
MAX_OFFLINE_BATCH = 200


class LeaseRequest(RequestModel):
    """Body of POST /v1/leases (with an Idempotency-Key: a retried request gets the same lease)."""

    service_id: str = Field(min_length=1, max_length=64)
    """The walk-in service the numbers are for."""


class Lease(ResponseModel):
    """A block of numbers ``first_sequence``..``last_sequence`` of one service's daily sequence."""

    id: str = Field(pattern=UUID_PATTERN)
    """Lease UUID."""
    service_id: str
    """The service the numbers are for."""
    prefix: str
    """The service's number prefix, e.g. "C"."""
    business_date: date
    """The business day (site time zone) the numbers belong to."""
    first_sequence: int = Field(ge=1)
    """First number of the block."""
    last_sequence: int = Field(ge=1)
    """Last number of the block (included)."""
    granted_at: AwareDatetime
    """When the central granted it (central clock)."""
    expires_at: AwareDatetime
    """End of the site's business day: numbers not used by then are never called."""
    void_from: int | None = None
    """Set when released: numbers from here to ``last_sequence`` were given back (never called)."""
    track_base: str | None = Field(default=None, max_length=200, pattern=r"^https?://[^\s]+$")
    """Where a ticket of this lease is followed by phone: ``{track_base}/t/{ticket id}``, the
    central's public address (the API address a kiosk uses may be one a phone cannot reach).
    Absent from an older central: the kiosk then uses its API address."""


class LeaseReleaseRequest(RequestModel):
    """Body of POST /v1/leases/{id}/release: every number from ``first_unused`` on goes back."""

    first_unused: WireInt = Field(ge=1)
    """The first number the kiosk did not issue."""


OfflineDelivery = Literal["printed", "virtual", "failed"]
"""printed / virtual: the citizen holds the ticket (it is queued); failed: it never reached them
(the number is spent and never called)."""


class OfflineTicket(RequestModel):
    """One ticket a kiosk issued from its lease while the central was unreachable."""

    id: str = Field(pattern=UUID_PATTERN)
    """Kiosk-generated ticket UUID (its QR code's tracking page once synced)."""
    lease_id: str = Field(pattern=UUID_PATTERN)
    """The lease the number came from."""
    sequence: WireInt = Field(ge=1, le=100_000)
    """The number within the service's daily sequence."""
    service_id: str = Field(min_length=1, max_length=64)
    """The service queued for (the lease's)."""
    priority: Priority = "none"
    """Priority-queue reason chosen by the citizen."""
    language: Language = "id"
    """The citizen's language."""
    issued_at: WireDatetime
    """Kiosk clock when the number was recorded."""
    clock_skew_s: float = Field(default=0.0, ge=-86_400, le=86_400)
    """Central clock minus kiosk clock as the kiosk last measured it (GET /v1/time)."""
    delivery: OfflineDelivery = "printed"
    """How the ticket reached the citizen, or "failed" if it did not."""


class OfflineTicketBatch(RequestModel):
    """Body of POST /v1/offline-tickets: oldest first."""

    tickets: list[OfflineTicket] = Field(min_length=1, max_length=MAX_OFFLINE_BATCH)
    """Oldest first."""


OfflineOutcome = Literal["accepted", "duplicate", "refused"]


class OfflineTicketResult(ResponseModel):
    """What became of one ticket of the batch."""

    id: str
    """The ticket's id (for a duplicate: the one the central holds)."""
    sequence: int
    """The number it was sent with."""
    outcome: OfflineOutcome
    """accepted: queued now; duplicate: the central already had it (an earlier send); refused:
    never queued (``code`` says why, e.g. not_in_lease) -- resending cannot change that."""
    code: str | None = None
    """Why it was refused: lease_not_found, wrong_service, not_in_lease, id_taken."""
    number: str | None = None
    """The number as called in the hall, e.g. "C-012" (not for a refused one)."""


class OfflineTicketsAck(ResponseModel):
    """Answer of POST /v1/offline-tickets."""

    results: list[OfflineTicketResult]
    """One per ticket sent, in the same order."""
