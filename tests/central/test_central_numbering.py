"""Ticket numbers: unique under concurrency, per prefix, restarting at the site's midnight."""

import threading
import uuid

import pytest

from central.testing import SettableClock, catalog_variant, utc
from kiosk.contract import TicketReserveRequest


def _reserve_concurrently(central, client_factory, service_ids: list[str]):
    clients = [client_factory(central) for _ in service_ids]
    barrier = threading.Barrier(len(service_ids))
    results: list = [None] * len(service_ids)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = clients[i].reserve_ticket(TicketReserveRequest(service_id=service_ids[i]), str(uuid.uuid4()))
        except BaseException as exc:  # collected and re-raised on the test thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(service_ids))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    return results


def test_twenty_simultaneous_reservations_get_unique_consecutive_numbers(make_central, client_factory):
    central = make_central()
    tickets = _reserve_concurrently(central, client_factory, ["paspor-biasa"] * 20)
    assert sorted(t.sequence for t in tickets) == list(range(1, 21))
    assert sorted(t.number for t in tickets) == [f"E-{i:03d}" for i in range(1, 21)]
    assert len({t.id for t in tickets}) == 20


def test_two_services_interleaved_number_independently(make_central, client_factory):
    central = make_central()
    tickets = _reserve_concurrently(central, client_factory, ["ktp-el", "skck-baru"] * 10)
    by_service = {"ktp-el": [], "skck-baru": []}
    for t in tickets:
        by_service[t.service_id].append(t.number)
    assert sorted(by_service["ktp-el"]) == [f"A-{i:03d}" for i in range(1, 11)]
    assert sorted(by_service["skck-baru"]) == [f"L-{i:03d}" for i in range(1, 11)]


@pytest.mark.parametrize(
    "zone, last_second_of_day",
    [
        ("Asia/Jakarta", utc(2026, 11, 27, 16, 59, 59)),  # WIB, UTC+7
        ("Asia/Makassar", utc(2026, 11, 27, 15, 59, 59)),  # WITA, UTC+8
        ("Asia/Jayapura", utc(2026, 11, 27, 14, 59, 59)),  # WIT, UTC+9
    ],
)
def test_numbers_restart_at_midnight_in_the_site_time_zone(
    make_central, client_factory, tmp_path, zone, last_second_of_day
):
    clock = SettableClock(last_second_of_day.replace(second=0))
    catalog = catalog_variant(tmp_path / "catalog.toml", timezone_name=zone)
    central = make_central(catalog, clock=clock)
    client = client_factory(central)

    def reserve():
        return client.reserve_ticket(TicketReserveRequest(service_id="kartu-keluarga"), str(uuid.uuid4()))

    first, second = reserve(), reserve()
    clock.set(last_second_of_day)
    last = reserve()
    clock.advance(1)  # local midnight
    new_day = reserve()
    assert [t.number for t in (first, second, last, new_day)] == ["B-001", "B-002", "B-003", "B-001"]
    assert str(last.business_date) == "2026-11-27"
    assert str(new_day.business_date) == "2026-11-28"
    assert client.get_time().site_timezone == zone


def test_utc_midnight_does_not_restart_a_jakarta_day(make_central, client_factory):
    clock = SettableClock(utc(2026, 11, 27, 23, 59, 59))  # 06:59:59 WIB on the 28th
    central = make_central(clock=clock)
    client = client_factory(central)
    a = client.reserve_ticket(TicketReserveRequest(service_id="kia"), str(uuid.uuid4()))
    clock.advance(2)
    b = client.reserve_ticket(TicketReserveRequest(service_id="kia"), str(uuid.uuid4()))
    assert (a.number, b.number) == ("D-001", "D-002")
    assert a.business_date == b.business_date


def test_numbers_survive_a_restart_of_the_central(new_db, client_factory):
    from central.cli import DEFAULT_CATALOG
    from central.server import start
    from central.testing import TEST_TERMINAL, TEST_TOKEN

    db = new_db()
    with start(db, DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN}) as central:
        with client_factory(central) as c:
            c.reserve_ticket(TicketReserveRequest(service_id="npwp"), str(uuid.uuid4()))
    with start(db, DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN}) as central:
        with client_factory(central) as c:
            t = c.reserve_ticket(TicketReserveRequest(service_id="npwp"), str(uuid.uuid4()))
    assert t.number == "R-002"
