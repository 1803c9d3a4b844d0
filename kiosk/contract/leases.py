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
    service_id: str
    prefix: str
    business_date: date
    """The business day (site time zone) the numbers belong to."""
    first_sequence: int = Field(ge=1)
    last_sequence: int = Field(ge=1)
    granted_at: AwareDatetime
    expires_at: AwareDatetime
    """End of the site's business day: numbers not used by then are never called."""
    void_from: int | None = None
    """Set when released: numbers from here to ``last_sequence`` were given back (never called)."""


class LeaseReleaseRequest(RequestModel):
    """Body of POST /v1/leases/{id}/release: every number from ``first_unused`` on goes back."""

    first_unused: WireInt = Field(ge=1)


OfflineDelivery = Literal["printed", "virtual", "failed"]
"""printed / virtual: the citizen holds the ticket (it is queued); failed: it never reached them
(the number is spent and never called)."""


class OfflineTicket(RequestModel):
    """One ticket a kiosk issued from its lease while the central was unreachable."""

    id: str = Field(pattern=UUID_PATTERN)
    """Kiosk-generated ticket UUID (its QR code's tracking page once synced)."""
    lease_id: str = Field(pattern=UUID_PATTERN)
    sequence: WireInt = Field(ge=1, le=100_000)
    service_id: str = Field(min_length=1, max_length=64)
    priority: Priority = "none"
    language: Language = "id"
    issued_at: WireDatetime
    """Kiosk clock when the number was recorded."""
    clock_skew_s: float = Field(default=0.0, ge=-86_400, le=86_400, strict=False)
    """Central clock minus kiosk clock as the kiosk last measured it (GET /v1/time)."""
    delivery: OfflineDelivery = "printed"


class OfflineTicketBatch(RequestModel):
    """Body of POST /v1/offline-tickets: oldest first."""

    tickets: list[OfflineTicket] = Field(min_length=1, max_length=MAX_OFFLINE_BATCH)


OfflineOutcome = Literal["accepted", "duplicate", "refused"]


class OfflineTicketResult(ResponseModel):
    id: str
    sequence: int
    outcome: OfflineOutcome
    """accepted: queued now; duplicate: the central already had it (an earlier send); refused:
    never queued (``code`` says why, e.g. not_in_lease) -- resending cannot change that."""
    code: str | None = None
    number: str | None = None


class OfflineTicketsAck(ResponseModel):
    results: list[OfflineTicketResult]
