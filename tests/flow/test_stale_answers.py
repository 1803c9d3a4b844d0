"""An answer for a session that has ended changes nothing, whatever the step and whatever the
event: a table test over every step x every event intent of the transition table.

The events are taken from the table itself (every intent that is not the citizen's touch), so a
new worker answer added to the table is covered here without editing this file. Each is sent
with the id of a session that really ended (the citizen before pressed Cancel), and also with no
session id at all; the flow's state, its timers, its observers and the services it drives must
all stay as they were. A control sends the same event for the current session and checks that
some step takes it, so the payloads below are ones the flow would act on.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from concurrent.futures import Future
from types import SimpleNamespace

import pytest

from kiosk.contract.survey import RatingStatus
from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.flow.steps import Step
from kiosk.flow.table import TRANSITIONS, USER_INTENTS
from kiosk.identification import SessionIdentity
from kiosk.identity.model import CardIdentity
from kiosk.runtime.scheduler import ManualScheduler

from .test_citizen_flow import CATALOG, HeldIssuer
from .test_payment_flow import FakePayments, View

EVENTS = sorted({row.intent for row in TRANSITIONS} - USER_INTENTS)
ELDER = SessionIdentity("nik", "B**", "3273••••••••0002", dt.date(1950, 1, 1))

# What each event would carry if it were for the current session (see the control test).
PAYLOADS = {
    "identity_found": {"identity": ELDER},
    "identity_failed": {"reason": "nik_needed"},
    "card_read": {"card": CardIdentity(source="uid", uid_hex="04A1B2C3")},
    "card_failed": {"reason": "removed"},
    "mrz_needed": {"wrong_key": True},
    "payment_update": {"view": View("paid")},
    "issued": {"outcome": "someone else's ticket"},
    "issue_failed": {"error_key": "issue.failed", "detail": "late"},
    "booking_checked_in": {
        "result": SimpleNamespace(
            ticket=SimpleNamespace(service_id="info-pertanahan"), booking=SimpleNamespace(slot_start=None)
        )
    },
    "booking_failed": {"reason": "unknown"},
    "survey_checked": {
        "status": RatingStatus(ticket_id=str(uuid.UUID(int=7)), ticket_number="C-007", served=True, rated=False)
    },
    "survey_sent": {"receipt": "someone else's receipt"},
    "survey_failed": {"reason": "not_served"},
    "help_changed": {"pending": True},
    "idle_expired": {},
    "display_expired": {},
}


class Services:
    """Every service the flow drives, holding their answers so nothing arrives on its own."""

    def __init__(self) -> None:
        self.issuer = HeldIssuer()
        self.payments = FakePayments()
        self.mrz: list = []
        self.lookups: list = []
        self.check_ins: list = []
        self.ratings: list = []
        self.staff: list = []
        self.ended: list = []

    # IdentityLookup
    def from_nik(self, nik: str) -> Future:
        self.lookups.append(("nik", nik))
        return Future()

    def from_card(self, card) -> Future:
        self.lookups.append(("card", card))
        return Future()

    # BookingLookup
    def check_in(self, code: str, language: str = "id") -> Future:
        self.check_ins.append(code)
        return Future()

    # RatingService
    def check(self, ticket: str) -> Future:
        self.ratings.append(("check", ticket))
        return Future()

    def submit(self, rating, key: str) -> Future:
        self.ratings.append(("submit", rating))
        return Future()

    def calls(self) -> tuple:
        return (
            len(self.ratings),
            len(self.issuer.requests),
            len(self.payments.requests),
            sum(h.cancels for h in self.payments.handles),
            len(self.mrz),
            len(self.lookups),
            len(self.check_ins),
            len(self.staff),
            len(self.ended),
        )


def current(flow: CitizenFlow, intent: str, **payload) -> None:
    assert flow.send(intent, session_id=flow.session.id, **payload), intent


def to_confirm(flow: CitizenFlow, agency: str = "imigrasi", service: str = "paspor-biasa") -> None:
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id=agency)
    flow.send("choose_service", service_id=service)


def to_issuing(flow: CitizenFlow) -> None:
    to_confirm(flow, "bpn", "info-pertanahan")
    flow.send("confirm")


# How a citizen gets to each step (a fee service with identity required where it matters).
ROUTES = {
    Step.WELCOME: lambda flow, svc, sched: None,
    Step.AGENCY: lambda flow, svc, sched: flow.send("take_ticket"),
    Step.SERVICE: lambda flow, svc, sched: (flow.send("take_ticket"), flow.send("choose_agency", agency_id="imigrasi")),
    Step.CONFIRM: lambda flow, svc, sched: to_confirm(flow),
    Step.IDENTIFY: lambda flow, svc, sched: (to_confirm(flow), flow.send("confirm"), flow.send("nik_key", key="3")),
    Step.PASSPORT: lambda flow, svc, sched: (
        to_confirm(flow),
        current(flow, "mrz_needed"),
        flow.send("mrz_key", key="C"),
    ),
    Step.BOOKING: lambda flow, svc, sched: (flow.send("check_in"), flow.send("booking_key", key="B")),
    Step.PAYMENT: lambda flow, svc, sched: (
        to_confirm(flow),
        current(flow, "identity_found", identity=ELDER),
        flow.send("confirm"),
    ),
    Step.ISSUING: lambda flow, svc, sched: to_issuing(flow),
    Step.TICKET: lambda flow, svc, sched: (
        to_issuing(flow),
        svc.issuer.futures[0].set_result("ticket"),
        sched.run_posted(),
    ),
    Step.ISSUE_FAILED: lambda flow, svc, sched: (
        to_issuing(flow),
        svc.issuer.futures[0].set_exception(RuntimeError("printer")),
        sched.run_posted(),
    ),
    Step.UNAVAILABLE: lambda flow, svc, sched: (flow.update_status(central_online=False), flow.send("take_ticket")),
    Step.SURVEY_TICKET: lambda flow, svc, sched: (flow.send("rate_service"), flow.send("survey_key", key="C")),
    Step.SURVEY_QUESTION: lambda flow, svc, sched: to_survey_question(flow, answers=2),
    Step.SURVEY_ABOUT: lambda flow, svc, sched: to_survey_question(flow, answers=9),
    Step.SURVEY_SUGGESTION: lambda flow, svc, sched: (
        to_survey_question(flow, answers=9),
        flow.send("survey_next"),
        flow.send("survey_next"),
        flow.send("survey_type", key="A"),
    ),
    Step.SURVEY_THANKS: lambda flow, svc, sched: (
        to_survey_question(flow, answers=9),
        flow.send("survey_next"),
        flow.send("survey_next"),
        current(flow, "survey_sent", receipt="receipt"),
    ),
}


def to_survey_question(flow: CitizenFlow, answers: int) -> None:
    flow.send("rate_service")
    current(flow, "survey_checked", **PAYLOADS["survey_checked"])
    for _ in range(answers):
        flow.send("survey_answer", score=3)


def flow_at(step: Step) -> tuple[CitizenFlow, Services, ManualScheduler, int]:
    """A flow at ``step`` and the id of the session before it (that citizen pressed Cancel)."""
    sched, svc = ManualScheduler(), Services()
    flow = CitizenFlow(
        svc.issuer,
        sched,
        FlowTiming(),
        identifier=svc,
        payments=svc.payments,
        provide_mrz=svc.mrz.append,
        bookings=svc,
        today=lambda: dt.date(2026, 11, 28),
        ratings=svc,
    )
    flow.update_status(catalog=CATALOG, printer="ok", reader="ok")
    flow.on_staff_card(svc.staff.append)
    flow.on_session_end(lambda: svc.ended.append(True))
    flow.send("take_ticket")
    ended = flow.session.id
    flow.send("cancel")
    assert flow.session.id != ended
    ROUTES[step](flow, svc, sched)
    assert flow.step is step
    return flow, svc, sched, ended


def state(flow: CitizenFlow, svc: Services, sched: ManualScheduler) -> tuple:
    view = flow.view()
    return (
        flow.step,
        copy.copy(vars(flow.session)),
        copy.deepcopy(flow.session.survey),  # the draft changes in place: compare a copy
        view.idle_warning,
        flow.status,
        svc.calls(),
        sched.pending_timers(),
    )


def test_every_step_has_a_route_and_every_event_a_payload():
    assert set(ROUTES) == set(Step)
    assert set(PAYLOADS) == set(EVENTS)


@pytest.mark.parametrize("intent", EVENTS)
@pytest.mark.parametrize("step", list(Step), ids=lambda s: s.value)
def test_an_event_for_an_ended_session_changes_nothing(step, intent):
    flow, svc, sched, ended = flow_at(step)
    seen = []
    flow.subscribe(seen.append)
    before, shown = state(flow, svc, sched), len(seen)
    assert not flow.send(intent, session_id=ended, **PAYLOADS[intent])
    assert not flow.send(intent, **PAYLOADS[intent])  # no session named: not this one either
    sched.run_posted()
    assert state(flow, svc, sched) == before
    assert len(seen) == shown  # the screen was not even redrawn


@pytest.mark.parametrize("intent", EVENTS)
def test_control_the_same_event_for_the_current_session_is_taken_somewhere(intent):
    taken = []
    for step in Step:
        flow, svc, sched, _ = flow_at(step)
        before = state(flow, svc, sched)
        if flow.send(intent, session_id=flow.session.id, **PAYLOADS[intent]):
            sched.run_posted()
            taken.append((step, state(flow, svc, sched) != before))
    assert taken and any(changed for _, changed in taken), taken
