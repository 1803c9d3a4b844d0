"""Identification in the flow: NIK keypad, card results, services that require identity,
the elderly priority suggestion, staff cards; without Qt and without a central service."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future

import pytest

from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.flow.steps import Step
from kiosk.identification import IdentificationFailed, SessionIdentity
from kiosk.identity.model import CardIdentity
from kiosk.runtime.scheduler import ManualScheduler

from .test_citizen_flow import CATALOG, HeldIssuer

TODAY = dt.date(2026, 11, 28)
ELDERLY_NIK = "3273022505600002"  # born 25-05-1960: 66 years old on TODAY
YOUNG_NIK = "3273015708850003"  # a woman (day + 40) born 17-08-1985


class HeldLookup:
    def __init__(self) -> None:
        self.niks: list[str] = []
        self.cards: list = []
        self.futures: list[Future] = []

    def from_nik(self, nik: str) -> Future:
        self.niks.append(nik)
        self.futures.append(Future())
        return self.futures[-1]

    def from_card(self, card) -> Future:
        self.cards.append(card)
        self.futures.append(Future())
        return self.futures[-1]


def person(birth: dt.date | None, staff: bool = False) -> SessionIdentity:
    return SessionIdentity(
        "nik", "S**** R*********", "3273••••••••0003", birth, is_staff=staff, staff_role="staff" if staff else None
    )


@pytest.fixture
def sched():
    return ManualScheduler()


@pytest.fixture
def lookup():
    return HeldLookup()


@pytest.fixture
def flow(sched, lookup):
    f = CitizenFlow(HeldIssuer(), sched, FlowTiming(), identifier=lookup, today=lambda: TODAY)
    f.update_status(catalog=CATALOG, printer="ok", reader="ok")
    return f


def to_confirm(flow, agency="imigrasi", service="paspor-biasa"):
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id=agency)
    flow.send("choose_service", service_id=service)
    assert flow.step is Step.CONFIRM


def type_nik(flow, nik):
    for digit in nik:
        flow.send("nik_key", key=digit)


def test_service_requiring_identity_asks_for_it_first(flow, lookup, sched):
    to_confirm(flow)
    flow.send("confirm")
    assert flow.step is Step.IDENTIFY
    type_nik(flow, ELDERLY_NIK)
    flow.send("nik_submit")
    assert lookup.niks == [ELDERLY_NIK] and flow.session.lookup_pending
    lookup.futures[0].set_result(person(dt.date(1960, 5, 25)))
    sched.run_posted()
    assert flow.step is Step.CONFIRM
    assert flow.session.identity is not None and flow.session.nik_entry == ""
    # 66 years old: the elderly queue is suggested, and the citizen can take it away.
    assert flow.session.priority == "elderly" and flow.session.priority_suggested
    flow.send("set_priority", priority="none")
    assert flow.session.priority == "none"
    flow.send("confirm")
    assert flow.step is Step.ISSUING


def test_wrong_nik_says_what_is_wrong_and_asks_nothing_of_the_central(flow, lookup):
    to_confirm(flow)
    flow.send("confirm")
    type_nik(flow, "3273015708850000")  # serial 0000 never exists
    flow.send("nik_submit")
    assert flow.session.notice == "nik.serial"
    assert lookup.niks == []
    for _ in range(4):
        flow.send("nik_key", key="back")
    type_nik(flow, "0003")
    flow.send("nik_submit")
    assert lookup.niks == [YOUNG_NIK]
    assert flow.session.notice is None


def test_keypad_takes_sixteen_digits_at_most_and_clears(flow):
    to_confirm(flow)
    flow.send("confirm")
    type_nik(flow, "1234567890123456789")
    assert flow.session.nik_entry == "1234567890123456"
    flow.send("nik_key", key="x")
    flow.send("nik_key", key="clear")
    assert flow.session.nik_entry == ""


def test_card_at_welcome_identifies_and_moves_on(flow):
    flow.send("identity_found", session_id=flow.session.id, identity=person(dt.date(1990, 1, 1)))
    assert flow.step is Step.AGENCY
    assert flow.session.notice == "identity.welcome"
    assert flow.session.priority == "none"


def test_card_taken_away_mid_read_asks_to_hold_it_still(flow):
    to_confirm(flow)
    flow.send("card_failed", session_id=flow.session.id, reason="removed")
    assert flow.step is Step.CONFIRM and flow.session.notice == "card.removed"
    flow.send("set_priority", priority="pregnancy")
    assert flow.session.notice is None


def test_ektp_without_sam_asks_for_the_nik(flow):
    to_confirm(flow, "bpn", "info-pertanahan")
    flow.send("identity_failed", session_id=flow.session.id, reason="nik_needed")
    assert flow.step is Step.IDENTIFY
    assert flow.session.notice == "identity.nik_needed"


def test_staff_card_does_not_become_the_citizens_identity(flow):
    seen = []
    flow.on_staff_card(seen.append)
    flow.send("identity_found", session_id=flow.session.id, identity=person(None, staff=True))
    assert flow.step is Step.WELCOME and flow.session.identity is None
    assert len(seen) == 1


def test_identity_is_wiped_with_the_session(flow, sched):
    ended = []
    flow.on_session_end(lambda: ended.append(True))
    to_confirm(flow)
    flow.send("confirm")
    type_nik(flow, "32730")
    flow.send("identity_found", session_id=flow.session.id, identity=person(dt.date(1950, 1, 1)))
    assert flow.session.identity is not None
    flow.send("cancel")
    assert flow.session.identity is None and flow.session.nik_entry == "" and flow.session.priority == "none"
    assert ended


def test_lookup_result_for_a_session_that_ended_is_dropped(flow, lookup, sched):
    to_confirm(flow)
    flow.send("confirm")
    type_nik(flow, YOUNG_NIK)
    flow.send("nik_submit")
    flow.send("cancel")
    lookup.futures[0].set_result(person(dt.date(1985, 8, 17)))
    sched.run_posted()
    assert flow.step is Step.WELCOME and flow.session.identity is None


def test_lookup_failure_keeps_the_citizen_on_the_keypad(flow, lookup, sched):
    to_confirm(flow)
    flow.send("confirm")
    type_nik(flow, YOUNG_NIK)
    flow.send("nik_submit")
    lookup.futures[0].set_exception(IdentificationFailed("unavailable"))
    sched.run_posted()
    assert flow.step is Step.IDENTIFY and flow.session.notice == "identity.unavailable"
    assert not flow.session.lookup_pending


def test_card_read_is_looked_up_and_greets_the_citizen(flow, lookup, sched):
    card = CardIdentity(source="uid", uid_hex="A1B2C3D4")
    flow.send("card_read", session_id=flow.session.id, card=card)
    assert lookup.cards == [card] and flow.step is Step.WELCOME
    lookup.futures[0].set_result(person(dt.date(1960, 5, 25)))
    sched.run_posted()
    assert flow.step is Step.AGENCY and flow.session.identity is not None


def test_card_lookup_answered_after_the_citizen_left_is_not_the_next_citizens(flow, lookup, sched):
    # Issue 12, defect 1: citizen A's card lookup (HTTP with retries: seconds) returns after A
    # pressed Cancel; it must not move citizen B on with A's masked name and birth date.
    flow.send("take_ticket")
    flow.send("card_read", session_id=flow.session.id, card=CardIdentity(source="uid", uid_hex="A1B2C3D4"))
    flow.send("cancel")
    lookup.futures[0].set_result(person(dt.date(1960, 5, 25)))
    sched.run_posted()
    assert flow.step is Step.WELCOME and flow.session.identity is None and flow.session.notice is None


def test_card_read_of_a_session_that_ended_is_not_even_looked_up(flow, lookup):
    gone = flow.session.id
    flow.send("take_ticket")
    flow.send("cancel")
    assert not flow.send("card_read", session_id=gone, card=CardIdentity(source="uid", uid_hex="A1B2C3D4"))
    assert lookup.cards == []
