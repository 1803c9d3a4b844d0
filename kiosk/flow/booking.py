"""Appointment check-in steps of the citizen flow: the booking code typed on the keypad or
scanned, checked with the central, and its reserved ticket handed to the ticket issuer.

A mixin of ``CitizenFlow`` (guards ``_guard_*``, actions ``_act_*``, named in ``table.py``), kept
in its own module so the main flow stays readable. The check-in runs on the bookings service's
worker; its answer comes back through the scheduler as "booking_checked_in" or "booking_failed"
and is dropped if the citizen has gone by then (the central lets the unconfirmed reservation
lapse, and the next check-in of the same code gets a fresh one).
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any, TypeVar

from kiosk.contract import BookingCheckIn, Service
from kiosk.contract.bookings import (
    BOOKING_ALPHABET,
    BOOKING_CODE_MAX,
    InvalidBookingCode,
    normalize_booking_code,
    validate_booking_code,
)

from .ports import BookingLookup
from .session import CitizenSession
from .status import KioskStatus

T = TypeVar("T")


def typed_booking_key(current: str, key: str) -> str:
    """The code being typed after one keypad key ("back", "clear", a letter or a digit)."""
    if key == "back":
        return current[:-1]
    if key == "clear":
        return ""
    key = key.upper()
    if len(key) == 1 and key in BOOKING_ALPHABET and len(current) < BOOKING_CODE_MAX:
        return current + key
    return current


def looks_like_booking_code(text: str) -> bool:
    """True when scanned text is a complete, well-formed booking code (e.g. "BDG-7K3P9")."""
    try:
        validate_booking_code(text)
    except InvalidBookingCode:
        return False
    return True


class BookingSteps:
    """Guards and actions of the BOOKING step (see ``table.py``)."""

    session: CitizenSession
    status: KioskStatus
    _bookings: BookingLookup | None

    # Provided by CitizenFlow, the class this is mixed into.
    def _service(self) -> Service | None:
        raise NotImplementedError

    def _answer_later(self, future: Future[T], found: str, key: str, failed: str) -> None:
        raise NotImplementedError

    def _guard_booking_scanned(self, text: str = "", **_: Any) -> bool:
        # A QR scanner on the welcome screen: go straight to check-in, if the kiosk can serve.
        return looks_like_booking_code(text) and self.status.blocking_reason() is None and self.status.central_online

    def _guard_booking_scanned_offline(self, text: str = "", **_: Any) -> bool:
        # Scanned while the central is away: say so, rather than ignore the scan.
        return looks_like_booking_code(text) and self.status.issuing_offline

    def _guard_is_booking(self, **_: Any) -> bool:
        return bool(self.session.booking_entry)

    def _act_booking_key(self, key: str = "", **_: Any) -> None:
        if self.session.lookup_pending:
            return
        self.session.booking_entry = typed_booking_key(self.session.booking_entry, key)

    def _act_booking_text(self, text: str = "", **_: Any) -> None:
        if self.session.lookup_pending:
            return
        # A scanner types the whole code at once: take it as the entry and check it in.
        if looks_like_booking_code(text):
            self.session.booking_entry = normalize_booking_code(text)
            self._act_booking_submit()
            return
        for c in normalize_booking_code(text):
            self._act_booking_key(key=c)

    def _act_booking_submit(self, **_: Any) -> None:
        s = self.session
        if s.lookup_pending:
            return
        try:
            code = validate_booking_code(s.booking_entry)
        except InvalidBookingCode:
            s.notice = "booking.format"
            return
        if self._bookings is None:
            s.notice = "booking.unavailable"
            return
        s.lookup_pending = True
        s.notice = "booking.checking"
        self._answer_later(self._bookings.check_in(code, s.language), "booking_checked_in", "result", "booking_failed")

    def _act_booking_failed(self, reason: str = "unavailable", **_: Any) -> None:
        self.session.lookup_pending = False
        self.session.notice = f"booking.{reason}"

    def _act_keep_booking(self, result: BookingCheckIn, **_: Any) -> None:
        s = self.session
        s.lookup_pending = False
        s.notice = None
        s.booking = result
        s.service_id = result.ticket.service_id
        service = self._service()
        s.agency_id = service.agency_id if service is not None else None

    def _act_booking_resubmit(self, **_: Any) -> None:
        # Printing failed and the ticket was given back: checking in again reserves a new one.
        self.session.booking = None
        self._act_booking_submit()
