"""Appointment check-in for the kiosk (Qt-free): a typed or scanned booking code -> its ticket.

``BookingCheckInService.check_in(code)`` validates the code on the caller's thread (a malformed
code never reaches the network: the keypad can show the problem at once), then asks the central
on the service's own "bookings" worker. The future resolves to a ``BookingCheckIn`` (booking +
reserved ticket, which the flow prints and confirms exactly like a walk-in ticket) or fails with
``BookingError`` whose ``reason`` says what to tell the citizen:

* ``not_usable``: the central refused the code (unknown, cancelled, another day, expired: it gives
  them one answer, and so does the kiosk, so a guess learns nothing): ask at the help desk;
* ``unknown``: the code is malformed (decided here from the code alone, so it leaks nothing);
* ``wait``: too many refused codes in a row: the next check-in waits (``BookingThrottle``);
* ``unavailable``: the central cannot be asked now (offline, error): ask the help desk / try later.

Refused codes slow the scanner down (issue 19: codes were guessed at 40/s): after ``FREE_REFUSALS``
in a row each further one makes the next check-in wait 2, 4, 8 … s (at most ``MAX_WAIT_S``), a
check-in that works starts the count again, and so does ``FORGET_AFTER_S`` without a refusal. The
central slows each terminal down as well (429 ``rate_limited``, also shown as "please wait").
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from typing import Literal

from kiosk.api.client import CentralClient
from kiosk.api.errors import CentralError, CentralRejected, CentralUnavailable
from kiosk.contract import BookingCheckIn, Language
from kiosk.contract.bookings import InvalidBookingCode, mask_booking_code, validate_booking_code
from kiosk.runtime.worker import Worker

log = logging.getLogger(__name__)

BookingErrorReason = Literal["not_usable", "unknown", "wait", "unavailable"]
_REASONS: dict[str, BookingErrorReason] = {
    "booking_not_usable": "not_usable",
    # The specific codes of an older central: shown the same way, so the kiosk leaks nothing either.
    "booking_unknown": "not_usable",
    "booking_not_today": "not_usable",
    "booking_expired": "not_usable",
    "booking_cancelled": "not_usable",
    "rate_limited": "wait",
}
FREE_REFUSALS = 3  # a citizen may mistype a few times without waiting
FIRST_WAIT_S = 2.0
MAX_WAIT_S = 60.0
FORGET_AFTER_S = 600.0


class BookingThrottle:
    """Refused codes in a row and how long the next check-in must wait (thread-safe)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._refusals = 0
        self._last = 0.0
        self._until = 0.0

    def wait_s(self) -> float:
        with self._lock:
            return max(0.0, self._until - self._clock())

    def refused(self) -> None:
        with self._lock:
            now = self._clock()
            if now - self._last > FORGET_AFTER_S:
                self._refusals = 0
            self._refusals += 1
            self._last = now
            extra = self._refusals - FREE_REFUSALS
            if extra > 0:
                self._until = now + min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** min(extra - 1, 16))

    def worked(self) -> None:
        with self._lock:
            self._refusals, self._until = 0, 0.0


class BookingError(Exception):
    """Check-in refused or impossible; ``reason`` picks the citizen's message, ``detail`` is for logs."""

    def __init__(self, reason: BookingErrorReason, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason: BookingErrorReason = reason
        self.detail = detail


class BookingCheckInService:
    """Owns the "bookings" worker and its ``CentralClient`` (closed by ``close``)."""

    def __init__(self, client: CentralClient, throttle: BookingThrottle | None = None) -> None:
        self._client = client
        self._worker = Worker("bookings")
        self.throttle = throttle or BookingThrottle()

    def check_in(self, code: str, language: Language = "id") -> Future[BookingCheckIn]:
        """Check the booking in; never blocks. A malformed code fails the future with
        ``BookingError("unknown")`` without any network call."""
        try:
            normalised = validate_booking_code(code)
        except InvalidBookingCode as exc:
            failed: Future[BookingCheckIn] = Future()
            failed.set_exception(BookingError("unknown", f"malformed code: {exc}"))
            return failed
        wait = self.throttle.wait_s()
        if wait > 0:  # refused at once: nothing sent, and the wait does not grow
            waiting: Future[BookingCheckIn] = Future()
            waiting.set_exception(BookingError("wait", f"{wait:.0f} s after refused codes"))
            return waiting
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
            if reason == "not_usable":
                self.throttle.refused()
            raise BookingError(reason, exc.code) from None
        except CentralError as exc:
            log.warning("booking %s check-in failed: %s", masked, exc.message)
            if isinstance(exc, CentralUnavailable) and exc.status == 429:  # the central slows us down
                self.throttle.refused()
                raise BookingError("wait", exc.message) from None
            raise BookingError("unavailable", exc.message) from None
        self.throttle.worked()
        log.info("booking %s checked in: ticket %s", masked, result.ticket.number)
        return result

    def close(self, timeout: float = 5.0) -> bool:
        """Close the client (a check-in waiting to retry gives up: "unavailable"), join the worker."""
        self._client.close()
        return self._worker.stop(timeout)
