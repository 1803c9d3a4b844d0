"""Opening hours from the catalogue: services are offered only while open, and say when they open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from kiosk.catalog.hours import is_open, next_opening
from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.flow.steps import Step
from kiosk.runtime.scheduler import ManualScheduler

from .test_citizen_flow import CATALOG, HeldIssuer

WIB = ZoneInfo("Asia/Jakarta")
KTP = CATALOG.service("ktp-el")  # mon-fri 08:00-15:00, sat 08:00-12:00
KK = CATALOG.service("kartu-keluarga")  # mon-fri 08:00-15:00


def at(*args) -> datetime:
    return datetime(*args, tzinfo=WIB)


def test_open_and_closed_in_site_time():
    assert is_open(CATALOG, KTP, at(2026, 11, 27, 9, 0))  # Friday 09:00 WIB
    # The same instant given in UTC is still judged in the site's zone.
    assert is_open(CATALOG, KTP, at(2026, 11, 27, 9, 0).astimezone(UTC))
    assert not is_open(CATALOG, KTP, at(2026, 11, 27, 15, 0))  # closes at 15:00 sharp
    assert is_open(CATALOG, KTP, at(2026, 11, 28, 11, 59))  # Saturday morning
    assert not is_open(CATALOG, KK, at(2026, 11, 28, 10, 0))  # no Saturday hours


def test_next_opening_is_the_next_window():
    assert next_opening(CATALOG, KTP, at(2026, 11, 27, 7, 0)) == at(2026, 11, 27, 8, 0)  # later today
    assert next_opening(CATALOG, KTP, at(2026, 11, 27, 16, 0)) == at(2026, 11, 28, 8, 0)  # Saturday
    assert next_opening(CATALOG, KK, at(2026, 11, 27, 16, 0)) == at(2026, 11, 30, 8, 0)  # Monday
    closed_forever = KTP.model_copy(update={"hours": []})
    assert next_opening(CATALOG, closed_forever, at(2026, 11, 27, 16, 0)) is None


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(WIB)))
def test_next_opening_is_always_ahead_and_open(now):
    opens = next_opening(CATALOG, KK, now)
    assert opens is not None and now < opens <= now + timedelta(days=7)
    assert is_open(CATALOG, KK, opens)
    assert not is_open(CATALOG, KK, opens - timedelta(minutes=1))


def test_flow_refuses_a_closed_service_and_the_view_says_when_it_opens():
    now = [at(2026, 11, 28, 13, 0)]  # Saturday afternoon: everything closed
    flow = CitizenFlow(HeldIssuer(), ManualScheduler(), FlowTiming(), clock=lambda: now[0])
    flow.update_status(catalog=CATALOG, printer="ok")
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="dukcapil")
    assert not flow.send("choose_service", service_id="ktp-el")
    assert flow.step is Step.SERVICE
    assert flow.view().opens_at(KTP) == at(2026, 11, 30, 8, 0)
    now[0] = at(2026, 11, 30, 8, 0)  # Monday morning
    assert flow.view().opens_at(KTP) is False
    assert flow.send("choose_service", service_id="ktp-el") and flow.step is Step.CONFIRM


def test_without_a_clock_every_service_is_offered():
    flow = CitizenFlow(HeldIssuer(), ManualScheduler(), FlowTiming())
    flow.update_status(catalog=CATALOG, printer="ok")
    assert flow.view().opens_at(KTP) is False
