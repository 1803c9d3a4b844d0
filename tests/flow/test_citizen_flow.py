"""The citizen flow without Qt: transitions, guards, idle handling, stale results."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from central.catalog_file import load_catalog_file
from kiosk.flow.citizen import CitizenFlow, FlowTiming, IssueRequest
from kiosk.flow.steps import IDLE_GUARDED, Step
from kiosk.flow.table import TRANSITIONS, USER_INTENTS
from kiosk.runtime.scheduler import ManualScheduler

CATALOG = load_catalog_file(Path(__file__).resolve().parents[2] / "config" / "catalog.toml").catalog


class HeldIssuer:
    """Hands out futures the test completes by hand, to control when issuing finishes."""

    def __init__(self) -> None:
        self.requests: list[IssueRequest] = []
        self.futures: list[Future] = []

    def issue(self, request: IssueRequest) -> Future:
        self.requests.append(request)
        future: Future = Future()
        self.futures.append(future)
        return future


class Outage(RuntimeError):
    user_message_key = "central.unavailable"


@pytest.fixture
def sched() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture
def issuer() -> HeldIssuer:
    return HeldIssuer()


@pytest.fixture
def flow(sched, issuer) -> CitizenFlow:
    f = CitizenFlow(issuer, sched, FlowTiming(idle_warn_after_s=45, idle_answer_s=30, ticket_display_s=20))
    f.update_status(catalog=CATALOG, printer="ok")
    return f


def first_service(agency_id: str):
    return CATALOG.services_for(agency_id)[0]


def walk_to_confirm(flow: CitizenFlow, agency_id: str = "bpn", service_id: str = "info-pertanahan") -> str:
    """To the confirm step of a service that needs no identity (see test_identity.py for those)."""
    assert flow.send("take_ticket")
    assert flow.send("choose_agency", agency_id=agency_id)
    assert flow.send("choose_service", service_id=service_id)
    assert flow.step is Step.CONFIRM
    return service_id


def test_happy_path_issues_for_the_chosen_service(flow, issuer, sched):
    service_id = walk_to_confirm(flow)
    flow.send("set_priority", priority="elderly")
    flow.send("confirm")
    assert flow.step is Step.ISSUING
    assert issuer.requests[0].service_id == service_id
    assert issuer.requests[0].priority == "elderly"
    issuer.futures[0].set_result("ticket-outcome")
    sched.run_posted()
    assert flow.step is Step.TICKET
    assert flow.session.outcome == "ticket-outcome"


def test_ticket_screen_returns_to_welcome_by_itself_and_wipes(flow, issuer, sched):
    walk_to_confirm(flow)
    flow.send("confirm")
    old_session = flow.session
    issuer.futures[0].set_result("outcome")
    sched.advance(19.9)
    assert flow.step is Step.TICKET
    sched.advance(0.2)
    assert flow.step is Step.WELCOME
    assert flow.session is not old_session
    assert flow.session.outcome is None and flow.session.service_id is None


def test_issue_failure_shows_the_reason_and_can_be_retried(flow, issuer, sched):
    walk_to_confirm(flow)
    flow.send("confirm")
    issuer.futures[0].set_exception(Outage("503 from central"))
    sched.run_posted()
    assert flow.step is Step.ISSUE_FAILED
    assert flow.session.error_key == "central.unavailable"
    flow.send("retry")
    assert flow.step is Step.ISSUING
    assert len(issuer.requests) == 2


def test_cannot_take_a_ticket_while_central_is_offline(flow):
    flow.update_status(central_online=False)
    flow.send("take_ticket")
    assert flow.step is Step.UNAVAILABLE
    assert flow.session.error_key == "central_offline"
    flow.update_status(central_online=True)
    flow.send("retry")
    assert flow.step is Step.AGENCY


def test_printer_out_of_service_blocks_but_virtual_only_does_not(flow):
    flow.update_status(printer="out_of_service")
    flow.send("take_ticket")
    assert flow.step is Step.UNAVAILABLE and flow.session.error_key == "printer"
    flow.send("done")
    flow.update_status(printer="virtual_only")
    flow.send("take_ticket")
    assert flow.step is Step.AGENCY


def test_unknown_agency_or_foreign_service_is_refused(flow):
    flow.send("take_ticket")
    assert not flow.send("choose_agency", agency_id="no-such-agency")
    assert flow.step is Step.AGENCY
    flow.send("choose_agency", agency_id="bpn")
    other = first_service("dukcapil")
    assert not flow.send("choose_service", service_id=other.id)
    assert flow.step is Step.SERVICE


def test_idle_warns_then_more_time_then_wipes(flow, sched):
    walk_to_confirm(flow)
    sched.advance(44)
    assert not flow.view().idle_warning
    sched.advance(2)
    assert flow.view().idle_warning and flow.step is Step.CONFIRM
    flow.send("more_time")
    assert not flow.view().idle_warning
    sched.advance(44)
    assert flow.step is Step.CONFIRM and not flow.view().idle_warning
    sched.advance(2)
    assert flow.view().idle_warning and flow.step is Step.CONFIRM
    sched.advance(28)
    assert flow.view().idle_warning and flow.step is Step.CONFIRM
    sched.advance(2)
    assert flow.step is Step.WELCOME
    assert flow.session.service_id is None


def test_touching_the_screen_resets_the_idle_clock(flow, sched):
    flow.send("take_ticket")
    sched.advance(40)
    flow.send("choose_agency", agency_id="dukcapil")
    sched.advance(40)
    assert not flow.view().idle_warning


def test_no_idle_warning_while_the_kiosk_is_issuing(flow, sched, issuer):
    walk_to_confirm(flow)
    flow.send("confirm")
    sched.advance(600)
    assert flow.step is Step.ISSUING and not flow.view().idle_warning
    issuer.futures[0].set_result("late but fine")
    sched.run_posted()
    assert flow.step is Step.TICKET


def test_result_for_an_ended_session_is_ignored(flow, sched, issuer):
    walk_to_confirm(flow)
    flow.send("confirm")
    stale = issuer.requests[0].session_id
    assert not flow.send("issued", session_id=stale + 1000, outcome="other")
    assert flow.step is Step.ISSUING


def test_language_is_per_session(flow, issuer, sched):
    flow.send("set_language", language="en")
    assert flow.view().language == "en"
    assert not flow.send("set_language", language="fr") or flow.view().language == "en"
    flow.send("take_ticket")
    flow.send("cancel")
    assert flow.view().language == "id"


def test_answer_window_below_twenty_seconds_is_refused(issuer, sched):
    with pytest.raises(ValueError, match="20 s"):
        CitizenFlow(issuer, sched, FlowTiming(idle_answer_s=10))


def test_table_has_no_unreachable_step_and_no_dead_end():
    reachable = {Step.WELCOME}
    changed = True
    while changed:
        changed = False
        for row in TRANSITIONS:
            if row.target and row.target not in reachable and (row.source is None or row.source in reachable):
                reachable.add(row.target)
                changed = True
    assert reachable == set(Step)
    for step in Step:
        exits = [
            r
            for r in TRANSITIONS
            if r.target and (r.source is step or (r.source is None and step not in r.blocked_from))
        ]
        assert exits, f"{step} has no way out"
    assert set(Step) >= IDLE_GUARDED
    events = {
        "issued",
        "issue_failed",
        "idle_expired",
        "display_expired",
        "identity_found",
        "identity_failed",
        "card_read",
        "card_failed",
        "payment_update",
        "mrz_needed",
        "booking_checked_in",
        "booking_failed",
        "survey_checked",
        "survey_sent",
        "survey_failed",
        "help_changed",
    }
    assert all(r.intent in USER_INTENTS or r.intent in events for r in TRANSITIONS)


def test_a_citizen_waiting_for_staff_is_not_timed_out(flow, sched):
    """ "Staff are on their way. Please wait here": while the call is pending the idle warning and
    the session's end wait (ending the session would withdraw the call); once it is over, the idle
    time starts afresh. An event for an earlier session changes nothing."""
    walk_to_confirm(flow)
    sched.advance(46)
    assert flow.view().idle_warning
    session = flow.session.id
    assert flow.send("help_changed", session_id=session, pending=True)
    assert not flow.view().idle_warning
    sched.advance(600)
    assert flow.step is Step.CONFIRM and flow.session.id == session and not flow.view().idle_warning
    assert not flow.send("help_changed", session_id=session - 1, pending=False)  # not this citizen's
    assert flow.session.help_pending
    flow.send("help_changed", session_id=session, pending=False)
    sched.advance(44)
    assert not flow.view().idle_warning
    sched.advance(2)
    assert flow.view().idle_warning and flow.step is Step.CONFIRM
