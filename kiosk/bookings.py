"""Appointment check-in for the kiosk (Qt-free): a typed or scanned booking code -> its ticket.

``BookingCheckInService.check_in(code)`` validates the code on the caller's thread (a malformed
code never reaches the network: the keypad can show the problem at once), then asks the central
on the service's own "bookings" worker. The future resolves to a ``BookingCheckIn`` (booking +
reserved ticket, which the flow prints and confirms exactly like a walk-in ticket) or fails with
``BookingError`` whose ``reason`` says what to tell the citizen:

* ``unknown``: no such booking (or the code is malformed): check the code and type it again;
* ``not_today``: the booking is for another day: come back on that day;
* ``expired``: more than the grace period late (or an earlier day): book again / ask the help desk;
* ``cancelled``: the booking was cancelled: ask the help desk;
* ``unavailable``: the central cannot be asked now (offline, error): ask the help desk / try later.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import Future
from typing import Literal

from kiosk.api.client import CentralClient
from kiosk.api.errors import CentralError, CentralRejected
from kiosk.contract import BookingCheckIn, Language
from kiosk.contract.bookings import InvalidBookingCode, mask_booking_code, validate_booking_code
from kiosk.runtime.worker import Worker

log = logging.getLogger(__name__)

BookingErrorReason = Literal["unknown", "not_today", "expired", "cancelled", "unavailable"]
_REASONS: dict[str, BookingErrorReason] = {
    "booking_unknown": "unknown",
    "booking_not_today": "not_today",
    "booking_expired": "expired",
    "booking_cancelled": "cancelled",
}


class BookingError(Exception):
    """Check-in refused or impossible; ``reason`` picks the citizen's message, ``detail`` is for logs."""

    def __init__(self, reason: BookingErrorReason, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason: BookingErrorReason = reason
        self.detail = detail


class BookingCheckInService:
    """Owns the "bookings" worker and its ``CentralClient`` (closed by ``close``)."""

    def __init__(self, client: CentralClient) -> None:
        self._client = client
        self._worker = Worker("bookings")

    def check_in(self, code: str, language: Language = "id") -> Future[BookingCheckIn]:
        """Check the booking in; never blocks. A malformed code fails the future with
        ``BookingError("unknown")`` without any network call."""
        try:
            normalised = validate_booking_code(code)
        except InvalidBookingCode as exc:
            failed: Future[BookingCheckIn] = Future()
            failed.set_exception(BookingError("unknown", f"malformed code: {exc}"))
            return failed
        # One key per attempt: the client's retries reuse it; the central is idempotent per booking.
        return self._worker.submit(self._check_in, normalised, str(uuid.uuid4()), language)

    def _check_in(self, code: str, key: str, language: Language) -> BookingCheckIn:
        masked = mask_booking_code(code)
        try:
            result = self._client.check_in_booking(code, key, language)
        except CentralRejected as exc:
            reason = _REASONS.get(exc.code)
            log.info("booking %s check-in refused: %s", masked, exc.code)
            if reason is None:  # e.g. service_disabled, unauthorized: nothing the citizen can fix
                raise BookingError("unavailable", f"HTTP {exc.status} {exc.code}") from None
            raise BookingError(reason, exc.code) from None
        except CentralError as exc:
            log.warning("booking %s check-in failed: %s", masked, exc.message)
            raise BookingError("unavailable", exc.message) from None
        log.info("booking %s checked in: ticket %s", masked, result.ticket.number)
        return result

    def close(self, timeout: float = 5.0) -> bool:
        """Close the client (a check-in waiting to retry gives up: "unavailable"), join the worker."""
        self._client.close()
        return self._worker.stop(timeout)
