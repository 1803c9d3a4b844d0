"""Where ticket numbers come from.

Today every number is reserved at the central service. A kiosk that keeps issuing through an
outage (from a leased block of numbers per service) will be a second implementation of this
protocol; screens and the issuer will not change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from kiosk.contract import Ticket, TicketReserveRequest
from kiosk.contract.tickets import ConfirmMode

if TYPE_CHECKING:
    from kiosk.api.client import CentralClient


class TicketNumbering(Protocol):
    def reserve(self, request: TicketReserveRequest, idempotency_key: str) -> Ticket: ...

    def confirm(self, ticket_id: str, mode: ConfirmMode) -> Ticket: ...

    def fail(self, ticket_id: str, reason: str) -> Ticket: ...


def as_confirm_mode(stored: str | None) -> ConfirmMode:
    """A delivery read back from disk (journal, pending confirmations): only these two are written."""
    return "virtual" if stored == "virtual" else "printed"


class CentralNumbering:
    """Numbers reserved, confirmed and failed at the central service (two-phase)."""

    def __init__(self, client: CentralClient) -> None:
        self._client = client

    def reserve(self, request: TicketReserveRequest, idempotency_key: str) -> Ticket:
        return self._client.reserve_ticket(request, idempotency_key)

    def confirm(self, ticket_id: str, mode: ConfirmMode) -> Ticket:
        return self._client.confirm_ticket(ticket_id, mode)

    def fail(self, ticket_id: str, reason: str) -> Ticket:
        return self._client.fail_ticket(ticket_id, reason)
