"""Where ticket numbers come from.

Today every number is reserved at the central service. A kiosk that keeps issuing through an
outage (from a leased block of numbers per service) will be a second implementation of this
protocol; screens and the issuer will not change.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.contract import Ticket, TicketReserveRequest


class TicketNumbering(Protocol):
    def reserve(self, request: TicketReserveRequest, idempotency_key: str) -> Ticket: ...

    def confirm(self, ticket_id: str, mode: str) -> Ticket: ...

    def fail(self, ticket_id: str, reason: str) -> Ticket: ...


class CentralNumbering:
    """Numbers reserved, confirmed and failed at the central service (two-phase)."""

    def __init__(self, client) -> None:  # kiosk.api.client.CentralClient
        self._client = client

    def reserve(self, request: TicketReserveRequest, idempotency_key: str) -> Ticket:
        return self._client.reserve_ticket(request, idempotency_key)

    def confirm(self, ticket_id: str, mode: str) -> Ticket:
        return self._client.confirm_ticket(ticket_id, mode)

    def fail(self, ticket_id: str, reason: str) -> Ticket:
        return self._client.fail_ticket(ticket_id, reason)
