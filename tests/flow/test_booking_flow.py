"""Appointment check-in in the flow: keypad and scanner entry, the central's answers, issuing."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.bookings import BookingError
from kiosk.contract.bookings import BOOKING_ALPHABET, BOOKING_CODE_MAX
from kiosk.flow.booking import looks_like_booking_code, typed_booking_key
from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.flow.steps import Step
from kiosk.runtime.scheduler import ManualScheduler

from .test_citizen_flow import CATALOG, HeldIssuer

SLOT = dt.datetime(2026, 11, 28, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))


class FakeTicket:
    service_id = "ktp-el"
    number = "A-007"


class FakeCheckIn:
    class booking:
        slot_start = SLOT

    ticket = FakeTicket()


class HeldBookings:
    """Check-ins the test answers by hand."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.futures: list[Future] = []

    def check_in(self, code: str, language: str = "id") -> Future:
        self.calls.append((code, language))
        future: Future = Future()
        self.futures.append(future)
        return future


@pytest.fixture
def setup():
    sched = ManualScheduler()
    issuer, bookings = HeldIssuer(), HeldBookings()
    flow = CitizenFlow(issuer, sched, FlowTiming(), bookings=bookings)
    flow.update_status(catalog=CATALOG, printer="ok", central_online=True)
    return flow, sched, issuer, bookings


def type_code(flow, code: str) -> None:
    for c in code:
        flow.send("booking_key", key=c)


def test_typed_code_checks_in_and_issues_the_reserved_ticket(setup):
    flow, sched, issuer, bookings = setup
    assert flow.send("check_in") and flow.step is Step.BOOKING
    type_code(flow, "bdg7k3p9")
    assert flow.session.booking_entry == "BDG7K3P9"
    flow.send("booking_submit")
    assert bookings.calls == [("BDG7K3P9", "id")]
    assert flow.session.lookup_pending and flow.session.notice == "booking.checking"
    type_code(flow, "X")  # keys do nothing while the central is being asked
    assert flow.session.booking_entry == "BDG7K3P9"
    bookings.futures[0].set_result(FakeCheckIn())
    sched.run_posted()
    assert flow.step is Step.ISSUING
    request = issuer.requests[-1]
    assert request.reserved is FakeCheckIn.ticket and request.booking_slot == SLOT
    assert request.service_id == "ktp-el" and flow.session.agency_id == "dukcapil"


@pytest.mark.parametrize("reason", ["not_usable", "unknown", "wait", "unavailable"])
def test_refusals_stay_on_the_keypad_with_a_reason(setup, reason):
    flow, sched, issuer, bookings = setup
    flow.send("check_in")
    type_code(flow, "BDG2H7W4")
    flow.send("booking_submit")
    bookings.futures[0].set_exception(BookingError(reason))
    sched.run_posted()
    assert flow.step is Step.BOOKING
    assert flow.session.notice == f"booking.{reason}" and not flow.session.lookup_pending
    assert flow.session.booking_entry == "BDG2H7W4"  # to correct, not to retype
    assert issuer.requests == []


def test_short_code_is_refused_without_asking_the_central(setup):
    flow, _, _, bookings = setup
    flow.send("check_in")
    type_code(flow, "BDG7")
    flow.send("booking_submit")
    assert flow.session.notice == "booking.format" and bookings.calls == []


def test_scanned_code_on_the_welcome_screen_goes_straight_to_check_in(setup):
    flow, _, _, bookings = setup
    assert flow.send("text_input", text="bdg-7k3p9")
    assert flow.step is Step.BOOKING and bookings.calls == [("BDG7K3P9", "id")]


def test_scanned_noise_on_the_welcome_screen_is_ignored(setup):
    flow, _, _, bookings = setup
    assert not flow.send("text_input", text="hello")
    assert flow.step is Step.WELCOME and bookings.calls == []


def test_answer_for_a_citizen_who_left_is_dropped(setup):
    flow, sched, issuer, bookings = setup
    flow.send("check_in")
    type_code(flow, "BDG7K3P9")
    flow.send("booking_submit")
    flow.send("back")
    assert flow.step is Step.WELCOME
    bookings.futures[0].set_result(FakeCheckIn())
    sched.run_posted()
    assert flow.step is Step.WELCOME and issuer.requests == []
    assert flow.session.booking_entry == ""


def test_retry_after_a_print_failure_checks_in_again(setup):
    flow, sched, issuer, bookings = setup
    flow.send("check_in")
    type_code(flow, "BDG7K3P9")
    flow.send("booking_submit")
    bookings.futures[0].set_result(FakeCheckIn())
    sched.run_posted()
    issuer.futures[0].set_exception(RuntimeError("printer jammed"))
    sched.run_posted()
    assert flow.step is Step.ISSUE_FAILED
    flow.send("retry")
    # The failed ticket was given back; a new check-in reserves a fresh one.
    assert flow.step is Step.BOOKING and len(bookings.calls) == 2 and flow.session.booking is None


def test_closed_kiosk_explains_instead_of_checking_in(setup):
    flow, *_ = setup
    flow.update_status(central_online=False)
    flow.send("check_in")
    assert flow.step is Step.UNAVAILABLE


@given(st.text(max_size=30))
def test_keypad_never_builds_a_code_outside_the_alphabet(keys):
    entry = ""
    for key in keys:
        entry = typed_booking_key(entry, key)
        assert len(entry) <= BOOKING_CODE_MAX
        assert all(c in BOOKING_ALPHABET for c in entry)


@given(st.text(max_size=40))
def test_any_scanner_text_on_the_keypad_is_safe(text):
    flow = CitizenFlow(HeldIssuer(), ManualScheduler(), FlowTiming(), bookings=HeldBookings())
    flow.update_status(catalog=CATALOG, printer="ok", central_online=True)
    flow.send("check_in")
    flow.send("text_input", text=text)
    assert flow.step is Step.BOOKING
    assert all(c in BOOKING_ALPHABET for c in flow.session.booking_entry)
    # Only a complete, well-formed code is sent on by itself.
    assert flow.session.lookup_pending == looks_like_booking_code(text)
