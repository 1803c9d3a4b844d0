"""The daily recap of a simulated day matches the tickets behind it: JSON, CSV and XLSX read back,
on both engines (one central per engine)."""

from __future__ import annotations

import csv
import io
import math
import random
import statistics
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import requests
from openpyxl import load_workbook

from central.catalog_file import load_catalog_file
from central.cli import DEFAULT_CATALOG
from central.server import start
from central.store import to_us
from central.testing import TEST_TERMINAL, TEST_TOKEN
from tests.central.supervisor_helpers import login

DAY = date(2026, 11, 2)  # a past day: nothing else of the central's tests lands on it


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def central(request, tmp_path_factory):
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("recap") / "central.sqlite3"
    else:
        db = request.getfixturevalue("postgres_server").create_database()
    running = start(db, DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN})
    running.boss = login(running, "kepala", "supervisor")
    running.clerk = login(running, "ani")
    yield running
    running.stop()


def simulate_day(central, seed: int = 15) -> list[dict]:
    """~240 tickets over the day with waits, service times and outcomes; written as the counters
    would leave them (tickets + calls). Returns the truth the recap must match."""
    rng = random.Random(seed)
    site = load_catalog_file(DEFAULT_CATALOG).catalog.site
    tz = ZoneInfo(site.timezone)
    services = [s for s in load_catalog_file(DEFAULT_CATALOG).catalog.services][:4]
    truth, tickets, calls = [], [], []
    for n in range(240):
        service = rng.choice(services)
        taken = datetime(DAY.year, DAY.month, DAY.day, 8, 0, tzinfo=tz) + timedelta(seconds=rng.randint(0, 8 * 3600))
        outcome = rng.choices(["done", "no_show", "waiting"], [80, 12, 8])[0]
        wait_s = rng.randint(30, 3600) if outcome != "waiting" else None
        service_s = rng.randint(60, 1500) if outcome == "done" else None
        ticket_id = str(uuid.uuid4())
        taken_us = to_us(taken.astimezone(UTC))
        tickets.append(
            (
                ticket_id,
                TEST_TERMINAL,
                ticket_id,
                "h",
                service.id,
                service.prefix,
                DAY.isoformat(),
                n + 1,
                "none",
                "id",
                rng.choice(["confirmed", "virtual"]),
                taken_us,
                taken_us + 120_000_000,
                taken_us + 2_000_000,
                outcome,
            )
        )
        if wait_s is not None:
            called = taken_us + wait_s * 1_000_000
            ended = called + (service_s or 90) * 1_000_000
            calls.append(
                (str(uuid.uuid4()), ticket_id, 0, "counter-x", n, service.id, "normal", called, ended, outcome)
            )
        truth.append({"service": service.id, "hour": taken.hour, "outcome": outcome, "wait": wait_s, "svc": service_s})
    # Tickets that never reached a citizen are not taken: the recap must leave them out.
    tickets.append(
        (
            str(uuid.uuid4()),
            TEST_TERMINAL,
            "lapsed",
            "h",
            services[0].id,
            services[0].prefix,
            DAY.isoformat(),
            999,
            "none",
            "id",
            "lapsed",
            taken_us,
            taken_us + 1,
            None,
            "waiting",
        )
    )

    def write(conn):
        conn.execute("DELETE FROM calls WHERE counter_id='counter-x'")
        for t in tickets:
            conn.execute(
                "INSERT INTO tickets (id, terminal_id, idem_key, request_hash, service_id, prefix, business_date,"
                " sequence, priority, language, status, reserved_us, expires_us, confirmed_us, call_state, site)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*t, site.id),  # the recap is per site (tickets.site)
            )
        for c in calls:
            conn.execute(
                "INSERT INTO calls (id, ticket_id, leg, counter_id, counter_seq, service_id, kind, called_us,"
                " ended_us, outcome) VALUES (?,?,?,?,?,?,?,?,?,?)",
                c,
            )

    central.app.state.store.transact(write)
    return truth


def expected(rows: list[dict]) -> dict:
    waits = sorted(r["wait"] for r in rows if r["wait"] is not None)
    svcs = [r["svc"] for r in rows if r["svc"] is not None]
    return {
        "taken": len(rows),
        "served": sum(r["outcome"] == "done" for r in rows),
        "no_show": sum(r["outcome"] == "no_show" for r in rows),
        "median_wait_min": round(statistics.median(waits) / 60, 1) if waits else None,
        "p90_wait_min": round(waits[math.ceil(0.9 * len(waits)) - 1] / 60, 1) if waits else None,
        "median_service_min": round(statistics.median(svcs) / 60, 1) if svcs else None,
    }


def test_the_recap_of_a_simulated_day_matches_its_tickets_in_json_csv_and_xlsx(central):
    truth = simulate_day(central)
    url = f"{central.url}/v1/reports/daily"
    assert requests.get(url, headers=central.clerk, timeout=10).status_code == 403  # supervisors only

    body = requests.get(url, params={"date": DAY.isoformat()}, headers=central.boss, timeout=10).json()
    metrics = list(expected(truth))
    assert {k: body["total"][k] for k in metrics} == expected(truth)
    by_service = {r["group"]: r for r in body["services"]}
    for sid in {t["service"] for t in truth}:
        assert {k: by_service[sid][k] for k in metrics} == expected([t for t in truth if t["service"] == sid]), sid
    by_hour = {r["group"]: r for r in body["hours"]}
    for hour in {t["hour"] for t in truth}:
        want = expected([t for t in truth if t["hour"] == hour])
        assert {k: by_hour[f"{hour:02d}:00"][k] for k in metrics} == want, hour
    assert sum(r["taken"] for r in body["hours"]) == len(truth)

    answer = requests.get(url, params={"date": DAY.isoformat(), "format": "csv"}, headers=central.boss, timeout=10)
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    total = next(r for r in rows if r["section"] == "total")
    assert int(total["taken"]) == len(truth) and float(total["p90_wait_min"]) == expected(truth)["p90_wait_min"]
    services_csv = {r["group"]: r for r in rows if r["section"] == "service"}
    for sid, row in services_csv.items():
        assert int(row["served"]) == expected([t for t in truth if t["service"] == sid])["served"]
    assert len([r for r in rows if r["section"] == "hour"]) == len({t["hour"] for t in truth})

    answer = requests.get(url, params={"date": DAY.isoformat(), "format": "xlsx"}, headers=central.boss, timeout=10)
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    assert book.sheetnames == ["Layanan", "Per jam"]
    sheet = list(book["Layanan"].iter_rows(values_only=True))
    last = sheet[-1]  # the all-services row
    assert list(last[1:]) == [expected(truth)[k] for k in metrics]
    hours = list(book["Per jam"].iter_rows(values_only=True))[2:]
    assert sum(r[1] for r in hours) == len(truth)
    assert [r[0] for r in hours] == [f"{h:02d}:00" for h in sorted({t["hour"] for t in truth})]


def test_an_empty_day_has_an_empty_recap(central):
    body = requests.get(
        f"{central.url}/v1/reports/daily", params={"date": "2026-01-01"}, headers=central.boss, timeout=10
    ).json()
    assert body["total"]["taken"] == 0 and body["total"]["median_wait_min"] is None and body["services"] == []
    bad = requests.get(f"{central.url}/v1/reports/daily", params={"date": "x" * 500}, headers=central.boss, timeout=10)
    assert bad.status_code == 422 and "x" * 300 not in bad.text
