"""What the citizen flow asks of the services, and the requests it hands them.

Services (tickets, payments, bookings, identification) import their request types from here,
never from ``citizen.py``: they serve the flow without depending on how it is driven. Every
request carries, or is answered for, the session that asked; the flow drops an answer for a
session that has ended (``CitizenFlow.send``).
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Callable, Protocol


@dataclass(frozen=True)
class IssueRequest:
    session_id: int
    service_id: str
    priority: str
    language: str
    payment: Any = None  # the paid payment's final view, for services with a fee
    reserved: Any = None  # a ticket the central already reserved (appointment check-in)
    booking_slot: dt.datetime | None = None  # that appointment's slot, printed on the ticket


@dataclass(frozen=True)
class PaymentRequest:
    session_id: int
    service_id: str
    amount_idr: int
    language: str


class PaymentHandle(Protocol):
    def cancel(self) -> None:
        """Ask to cancel; the outcome still arrives as an update (a payment may land first)."""


class Payments(Protocol):
    def start(self, request: PaymentRequest, on_update: Callable[[Any], None]) -> PaymentHandle:
        """Create the charge and follow it. ``on_update(view)`` may be called from any thread;
        ``view.paid`` / ``view.closed`` (expired, cancelled, failed) end it."""


class IdentityLookup(Protocol):
    def from_nik(self, nik: str) -> "Future[Any]":
        """Look a valid NIK up; the result is a kiosk.identification.SessionIdentity."""

    def from_card(self, card: Any) -> "Future[Any]":
        """Turn a card read (kiosk.identity.model.CardIdentity) into a SessionIdentity."""


class TicketIssuing(Protocol):
    def issue(self, request: IssueRequest) -> "Future[Any]":
        """Reserve, print and confirm a ticket; the future's result is shown on the ticket step."""


class BookingLookup(Protocol):
    def check_in(self, code: str, language: str = "id") -> "Future[Any]":
        """Check the booking in; the result is a kiosk.contract.BookingCheckIn, a failure has ``reason``."""
