"""Appointment bookings: a code booked online is checked in at the kiosk for a queue ticket.

The code is typed on the on-screen keypad or scanned by a QR scanner that types like a keyboard,
so ``normalize_booking_code`` (shared by kiosk and central) drops case, spaces and dashes:
"bdg-7k3p9", "BDG 7K3P9" and "BDG7K3P9" are the same booking. The alphabet leaves out I, O and
Q (read as 1, 0 and 0 on paper and on screens, like the ticket prefixes).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import AwareDatetime, Field

from kiosk.contract.base import RequestModel, ResponseModel
from kiosk.contract.tickets import Language, Ticket

BOOKING_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
"""Characters a normalised booking code may contain (no I, O, Q)."""
BOOKING_CODE_MIN = 6
"""Fewest characters in a normalised code (after dropping spaces and dashes)."""
BOOKING_CODE_MAX = 12
"""Most characters in a normalised code."""
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_]+")
_VALID = re.compile(rf"^[{BOOKING_ALPHABET}]{{{BOOKING_CODE_MIN},{BOOKING_CODE_MAX}}}$")

BookingStatus = Literal["booked", "checked_in", "expired", "cancelled"]
"""booked: waiting for check-in; checked_in: a ticket was issued; expired: the slot passed
(more than the grace period late); cancelled: the citizen or the office cancelled it."""


class InvalidBookingCode(ValueError):
    """The text cannot be a booking code (wrong characters or length); nothing was sent."""


def normalize_booking_code(text: str) -> str:
    """Uppercase, without spaces, dashes or underscores (no validation)."""
    return _SEPARATORS.sub("", text).upper()


def validate_booking_code(text: str) -> str:
    """The normalised code, or ``InvalidBookingCode`` saying what is wrong (no I/O/Q, 6-12 chars)."""
    code = normalize_booking_code(text)
    if len(code) < BOOKING_CODE_MIN or len(code) > BOOKING_CODE_MAX:
        raise InvalidBookingCode(
            f"a booking code has {BOOKING_CODE_MIN}-{BOOKING_CODE_MAX} letters and digits, not {len(code)}"
        )
    bad = sorted({c for c in code if c not in BOOKING_ALPHABET})
    if bad:
        raise InvalidBookingCode(
            f"a booking code has no {' '.join(repr(c) for c in bad)} (only A-Z without I O Q, 0-9)"
        )
    assert _VALID.match(code)
    return code


def mask_booking_code(code: str) -> str:
    """All but the last 3 characters hidden: "BDG7K3P9" -> "•••••3P9" (the code works like a password)."""
    code = normalize_booking_code(code)
    return "•" * max(0, len(code) - 3) + code[-3:]


class BookingCheckInRequest(RequestModel):
    """Body of POST /v1/bookings/check-in."""

    code: str = Field(min_length=1, max_length=40)
    """The code as typed or scanned; case, spaces and dashes are ignored."""
    language: Language = "id"
    """The citizen's language (for the ticket's tracking page)."""


class Booking(ResponseModel):
    """An appointment as the central knows it (the code masked: it works like a password)."""

    code_masked: str
    """The booking code with all but the last 3 characters hidden, e.g. "•••••3P9"."""
    service_id: str
    """The ``Service.id`` the appointment is for."""
    slot_start: AwareDatetime
    """Start of the booked slot, in the site's time zone (offset included)."""
    slot_end: AwareDatetime
    """End of the booked slot, in the site's time zone."""
    status: BookingStatus
    """Where the booking is in its life."""
    checked_in_at: AwareDatetime | None = None
    """When it was first checked in (None before)."""


class BookingCheckIn(ResponseModel):
    """Answer of POST /v1/bookings/check-in: the booking and its queue ticket."""

    booking: Booking
    """The booking, now "checked_in"."""
    ticket: Ticket
    """The appointment's ticket: "reserved" until the kiosk confirms it after printing, like a walk-in ticket."""
