"""BookingCheckInService against the real reference central, and the code validation (hypothesis)."""

from __future__ import annotations

import dataclasses
import socket
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from central.server import RunningCentral
from kiosk.api import CentralClient, CentralSettings
from kiosk.bookings import FREE_REFUSALS, BookingCheckInService, BookingError, BookingThrottle
from kiosk.contract.bookings import (
    BOOKING_ALPHABET,
    InvalidBookingCode,
    mask_booking_code,
    normalize_booking_code,
    validate_booking_code,
)


@pytest.fixture
def service(make_client):
    svc = BookingCheckInService(make_client())
    yield svc
    assert svc.close()


def dead_port() -> int:
    with socket.socket() as s:  # bound then closed: nothing listens there, connect is refused
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_check_in_resolves_to_booking_and_reserved_ticket(service: BookingCheckInService):
    result = service.check_in("bdg-7k3p9", "en").result(timeout=30)
    assert result.ticket.number.startswith("A-") and result.ticket.status == "reserved"
    assert result.booking.status == "checked_in"
    again = service.check_in("BDG7K3P9").result(timeout=30)
    assert again.ticket.id == result.ticket.id


@pytest.mark.parametrize("code", ["BDG-ZZZZ9", "BDG-6N4V8", "BDG-2H7W4", "BDG-3C8F5"])
def test_refusals_all_say_the_code_cannot_be_used_here_today(service: BookingCheckInService, code):
    # Unknown, another day, expired, cancelled: one reason, so the screen tells a guess nothing.
    with pytest.raises(BookingError) as exc:
        service.check_in(code).result(timeout=30)
    assert exc.value.reason == "not_usable"


class HandClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_refused_codes_make_the_next_check_in_wait_longer_each_time(make_client, clock):
    central_clock, clock = clock, HandClock()
    svc = BookingCheckInService(make_client(), BookingThrottle(clock))
    try:
        for _ in range(FREE_REFUSALS):  # a citizen's typos cost nothing
            with pytest.raises(BookingError) as exc:
                svc.check_in("BDG-ZZZZ9").result(timeout=30)
            assert exc.value.reason == "not_usable"
        waits = []
        for _ in range(3):
            with pytest.raises(BookingError):
                svc.check_in("BDG-ZZZZ9").result(timeout=30)
            waits.append(svc.throttle.wait_s())
            # During the wait even a good code is answered "please wait", without asking the central.
            with pytest.raises(BookingError) as exc:
                svc.check_in("BDG-7K3P9").result(timeout=1)
            assert exc.value.reason == "wait"
            clock.now += waits[-1]
            central_clock.advance(waits[-1])  # the kiosk waits at least as long as the central would
        assert waits == [2.0, 4.0, 8.0]
        assert svc.check_in("BDG-7K3P9").result(timeout=30).booking.status == "checked_in"
        assert svc.throttle.wait_s() == 0  # a check-in that works starts the count again
    finally:
        assert svc.close()


def test_central_unreachable_is_unavailable():
    client = CentralClient(
        CentralSettings(base_url=f"http://127.0.0.1:{dead_port()}", terminal_id="k1", retries=0), "token-xyz"
    )
    svc = BookingCheckInService(client)
    try:
        with pytest.raises(BookingError) as exc:
            svc.check_in("BDG-7K3P9").result(timeout=30)
        assert exc.value.reason == "unavailable"
        # A malformed code is refused before any network call: "unknown", not "unavailable".
        with pytest.raises(BookingError) as exc:
            svc.check_in("BDG-IOQ").result(timeout=1)
        assert exc.value.reason == "unknown" and "malformed" in exc.value.detail
    finally:
        assert svc.close()


def test_disabled_service_is_unavailable(central: RunningCentral, service: BookingCheckInService):
    # A booking for a service switched off at the central: not the citizen's fault.
    desk = central.app.state.bookings
    desk.add("DSB-2345", "ktp-el", desk.desk.now())
    catalog = desk.cf.catalog
    off = [s.model_copy(update={"enabled": False}) if s.id == "ktp-el" else s for s in catalog.services]
    desk.desk.cf = dataclasses.replace(desk.cf, catalog=catalog.model_copy(update={"services": off}))
    with pytest.raises(BookingError) as exc:
        service.check_in("DSB-2345").result(timeout=30)
    assert exc.value.reason == "unavailable" and "service_disabled" in exc.value.detail


def test_close_joins_the_worker(make_client):
    svc = BookingCheckInService(make_client())
    assert svc.close()
    assert not svc._worker.thread.is_alive()


# -- code validation (pure) ----------------------------------------------------------------------

_GOOD = st.text(alphabet=BOOKING_ALPHABET, min_size=6, max_size=12)
_SEP = st.sampled_from(["", " ", "-", "  ", "\t", "_", "\u2013"])


@given(_GOOD, st.lists(_SEP, min_size=13, max_size=13), st.booleans())
def test_separators_and_case_are_ignored(code, seps, lower):
    typed = "".join(sep + ch for sep, ch in zip(seps, code, strict=False)) + seps[-1]
    typed = typed.lower() if lower else typed
    assert validate_booking_code(typed) == code
    assert normalize_booking_code(typed) == code


@given(
    st.text(alphabet=BOOKING_ALPHABET, min_size=6, max_size=11),
    st.sampled_from("IOQioq!@#.,/:;é"),
    st.integers(min_value=0, max_value=11),
)
def test_forbidden_characters_are_rejected(code, bad, where):
    with pytest.raises(InvalidBookingCode, match="only A-Z"):
        validate_booking_code(code[:where] + bad + code[where:])


@given(st.text(alphabet=BOOKING_ALPHABET, max_size=5) | st.text(alphabet=BOOKING_ALPHABET, min_size=13, max_size=30))
def test_length_rules(code):
    with pytest.raises(InvalidBookingCode, match="letters and digits"):
        validate_booking_code(code)


@given(st.text(max_size=60))
def test_any_text_is_either_a_code_or_a_clear_error(text):
    try:
        code = validate_booking_code(text)
    except InvalidBookingCode as exc:
        assert str(exc)
    else:
        assert 6 <= len(code) <= 12 and set(code) <= set(BOOKING_ALPHABET)


@given(_GOOD)
def test_mask_shows_only_the_last_three(code):
    masked = mask_booking_code(code)
    assert masked.endswith(code[-3:]) and len(masked) == len(code)
    assert set(masked[:-3]) <= {"•"}


def test_demo_codes_are_valid():
    from central.bookings import DEMO_BOOKINGS

    assert all(validate_booking_code(code) for code, _, _ in DEMO_BOOKINGS)
    assert not set(string.ascii_uppercase) - set(BOOKING_ALPHABET) - set("IOQ")
