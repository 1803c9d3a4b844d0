"""E-passport on the reader: the page data typed (or scanned) for the chip, in the flow."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.flow.passport import ddmmyy_to_yymmdd, typed_key
from kiosk.flow.steps import Step
from kiosk.identification import SessionIdentity
from kiosk.runtime.scheduler import ManualScheduler

from .test_citizen_flow import CATALOG, HeldIssuer

# ICAO 9303 part 3 specimen page data (made up person): document L898902C3, born 12 Aug 1974,
# expiring 15 Apr 2012; lines as an MRZ scanner types them.
SPECIMEN_MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.fixture
def setup():
    given = []
    sched = ManualScheduler()
    flow = CitizenFlow(HeldIssuer(), sched, FlowTiming(), provide_mrz=given.append, today=lambda: dt.date(2011, 1, 1))
    flow.update_status(catalog=CATALOG, printer="ok", reader="ok")
    return flow, given


def to_confirm(flow):
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="imigrasi")
    flow.send("choose_service", service_id="e-paspor")


def type_in(flow, text):
    for c in text:
        flow.send("mrz_key", key=c)


def test_typed_page_data_goes_to_the_chip_as_yymmdd(setup):
    flow, given = setup
    to_confirm(flow)
    flow.send("mrz_needed", session_id=flow.session.id)
    assert flow.step is Step.PASSPORT and flow.session.notice == "mrz.needed"
    type_in(flow, "l898902c3")  # lower case is fine; the field is full, the next one is chosen
    assert flow.session.mrz_doc == "L898902C3" and flow.session.mrz_field == "birth"
    type_in(flow, "120874")
    assert flow.session.mrz_field == "expiry"
    type_in(flow, "150412")
    flow.send("mrz_submit")
    assert [(g.document_number, g.birth_date, g.expiry_date) for g in given] == [("L898902C3", "740812", "120415")]
    assert flow.session.lookup_pending
    flow.send(
        "identity_found",
        session_id=flow.session.id,
        identity=SessionIdentity("passport", "ANNA E*******", "L•••••••3", dt.date(1974, 8, 12)),
    )
    assert flow.step is Step.CONFIRM and flow.session.identity is not None


def test_impossible_dates_are_refused_before_the_chip_is_asked(setup):
    flow, given = setup
    to_confirm(flow)
    flow.send("mrz_needed", session_id=flow.session.id)
    type_in(flow, "X1234567")
    flow.send("mrz_field", field="birth")
    type_in(flow, "310260")  # 31 February
    flow.send("mrz_field", field="expiry")
    type_in(flow, "010130")
    flow.send("mrz_submit")
    assert flow.session.notice == "mrz.birth" and flow.session.mrz_field == "birth"
    assert given == []


def test_wrong_data_refused_by_the_chip_asks_again(setup):
    flow, _given = setup
    flow.send("mrz_needed", session_id=flow.session.id)
    flow.send("mrz_needed", session_id=flow.session.id, wrong_key=True)
    assert flow.step is Step.PASSPORT and flow.session.notice == "mrz.wrong_key"


def test_a_scanned_mrz_fills_everything_and_submits(setup):
    flow, given = setup
    flow.send("mrz_needed", session_id=flow.session.id)
    flow.send("text_input", text=SPECIMEN_MRZ)
    assert [(g.document_number, g.birth_date, g.expiry_date) for g in given] == [("L898902C3", "740812", "120415")]


def test_keypad_rules():
    assert typed_key("doc", "ABC", "d") == "ABCD"
    assert typed_key("birth", "12", "A") == "12"
    assert typed_key("birth", "123456", "7") == "123456"
    assert typed_key("doc", "AB", "back") == "A"
    assert ddmmyy_to_yymmdd("290200") == "000229" and ddmmyy_to_yymmdd("290201") is None


def submit_specimen(flow):
    to_confirm(flow)
    flow.send("mrz_needed", session_id=flow.session.id)
    type_in(flow, "L898902C3" + "120874" + "150412")
    flow.send("mrz_submit")
    assert flow.session.lookup_pending and flow.session.notice == "mrz.reading"


def test_refused_data_brings_the_keypad_back_filled_for_correcting(setup):
    flow, given = setup
    submit_specimen(flow)
    flow.send("mrz_needed", session_id=flow.session.id, wrong_key=True)
    s = flow.session
    assert flow.step is Step.PASSPORT and s.notice == "mrz.wrong_key" and not s.lookup_pending
    assert (s.mrz_doc, s.mrz_birth, s.mrz_expiry) == ("L898902C3", "120874", "150412")
    flow.send("mrz_field", field="birth")
    flow.send("mrz_key", key="back")
    type_in(flow, "5")
    flow.send("mrz_submit")
    assert [g.birth_date for g in given] == ["740812", "750812"]


@pytest.mark.parametrize("reason", ["unreadable", "removed", "timeout"])
def test_a_failed_chip_read_unlocks_the_keypad(setup, reason):
    # Issue 12, defect 2: the screen stayed on "Reading the chip…" until Back or the idle timeout.
    flow, _given = setup
    submit_specimen(flow)
    flow.send("card_failed", session_id=flow.session.id, reason=reason)
    s = flow.session
    assert flow.step is Step.PASSPORT and s.notice == f"card.{reason}" and not s.lookup_pending
    assert (s.mrz_doc, s.mrz_birth, s.mrz_expiry) == ("L898902C3", "120874", "150412")
