"""What the citizen flow asks of the services, and the requests it hands them.

Services (tickets, payments, bookings, identification) import their request types from here,
never from ``citizen.py``: they serve the flow without depending on how it is driven. Every
request carries, or is answered for, the session that asked; the flow drops an answer for a
session that has ended (``CitizenFlow.send``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kiosk.contract.tickets import Language, Priority

if TYPE_CHECKING:  # the services import this module: their types are for the checker only
    from kiosk.contract import BookingCheckIn, Ticket
    from kiosk.identification import SessionIdentity
    from kiosk.identity.model import CardIdentity
    from kiosk.payments.view import PaymentView
    from kiosk.tickets.issuer import IssueOutcome


@dataclass(frozen=True)
class IssueRequest:
    session_id: int
    service_id: str
    priority: Priority
    language: Language
    payment: PaymentView | None = None  # the paid payment's final view, for services with a fee
    reserved: Ticket | None = None  # a ticket the central already reserved (appointment check-in)
    booking_slot: dt.datetime | None = None  # that appointment's slot, printed on the ticket


@dataclass(frozen=True)
class PaymentRequest:
    session_id: int
    service_id: str
    amount_idr: int
    language: Language


class PaymentHandle(Protocol):
    def cancel(self) -> None:
        """Ask to cancel; the outcome still arrives as an update (a payment may land first)."""


class Payments(Protocol):
    def start(self, request: PaymentRequest, on_update: Callable[[PaymentView], None]) -> PaymentHandle:
        """Create the charge and follow it. ``on_update(view)`` may be called from any thread;
        ``view.paid`` / ``view.closed`` (expired, cancelled, failed) end it."""


class IdentityLookup(Protocol):
    def from_nik(self, nik: str) -> Future[SessionIdentity]:
        """Look a valid NIK up."""

    def from_card(self, card: CardIdentity) -> Future[SessionIdentity]:
        """Turn a card read into the session's identity."""


class TicketIssuing(Protocol):
    def issue(self, request: IssueRequest) -> Future[IssueOutcome]:
        """Reserve, print and confirm a ticket; the future's result is shown on the ticket step."""


class BookingLookup(Protocol):
    def check_in(self, code: str, language: Language = "id") -> Future[BookingCheckIn]:
        """Check the booking in; a failure has ``reason``."""
