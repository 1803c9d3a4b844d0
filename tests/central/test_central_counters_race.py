"""Counters pressing Call at the same instant never get the same ticket, and none is skipped.

In one central (threads, both engines) and in 4 central worker processes on one PostgreSQL: every
counter loops call-next -> done until no one waits; afterwards every confirmed ticket was called
exactly once, by one counter, and the calls table agrees."""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import requests

from central.catalog_file import load_catalog_file
from central.cli import DEFAULT_CATALOG
from central.counters.desk import CallDesk
from central.counters.staff import StaffDirectory
from central.store import migrate, open_store
from kiosk.api import CentralClient, CentralSettings
from kiosk.contract import TicketReserveRequest
from tests.central.central_process import CentralProcess
from tests.central.counters_helpers import (
    PASSWORD,
    confirmed_ticket,
    open_counter,
    staff_session,
)

SERVICES = ["kartu-keluarga", "ktp-el"]


def _drain(
    url: str,
    headers: dict[str, str],
    counter_id: str,
    start: threading.Barrier,
    called: list,
    errors: list,
    latencies: list,
) -> None:
    try:
        with requests.Session() as http:
            start.wait(timeout=60)
            while True:
                sent = time.perf_counter()
                answer = http.post(f"{url}/v1/counters/{counter_id}/call-next", headers=headers, timeout=30)
                latencies.append(time.perf_counter() - sent)
                if answer.status_code != 200:
                    errors.append(f"call-next {answer.status_code}: {answer.text[:200]}")
                    return
                ticket = answer.json()["ticket"]
                if ticket is None:
                    return
                called.append((ticket["id"], counter_id))
                done = http.post(f"{url}/v1/tickets/{ticket['id']}/done", headers=headers, timeout=30)
                if done.status_code != 200:
                    errors.append(f"done {done.status_code}: {done.text[:200]}")
                    return
    except BaseException as exc:
        errors.append(f"{type(exc).__name__}: {exc}")


def _race(url: str, counters: list[tuple[str, dict[str, str]]]) -> tuple[list, list]:
    called: list = []
    errors: list = []
    latencies: list = []
    start = threading.Barrier(len(counters))
    threads = [
        threading.Thread(target=_drain, args=(url, headers, cid, start, called, errors, latencies))
        for cid, headers in counters
    ]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    took = time.perf_counter() - began
    latencies.sort()
    if latencies:
        print(
            f"{len(counters)} counters: {len(called)} calls in {took:.1f} s; call-next p50 "
            f"{latencies[len(latencies) // 2] * 1000:.0f} ms, p99 {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms"
        )
    return called, errors


def _assert_each_called_once(called: list, confirmed: set[str], store) -> None:
    per_ticket = Counter(tid for tid, _ in called)
    assert [tid for tid, n in per_ticket.items() if n > 1] == []  # never one ticket at two counters
    assert set(per_ticket) == confirmed  # none skipped, none outside the confirmed ones
    with store.read() as conn:
        rows = conn.execute("SELECT ticket_id, COUNT(*) FROM calls GROUP BY ticket_id").fetchall()
        (left,) = conn.execute(
            "SELECT COUNT(*) FROM tickets WHERE call_state='waiting' AND status IN ('confirmed', 'virtual')"
        ).fetchone()
    assert {r[0]: r[1] for r in rows} == {tid: 1 for tid in confirmed}
    assert left == 0


@pytest.mark.timeout(240)
def test_eight_counters_at_once_in_one_central(make_central, client_factory):
    central = make_central()
    client = client_factory(central)
    counters = []
    for i in range(8):
        headers = staff_session(central, f"staff{i}")
        counters.append((open_counter(central, headers, str(i + 1), SERVICES), headers))
    confirmed = {confirmed_ticket(client, SERVICES[i % 2]).id for i in range(60)}
    called, errors = _race(central.url, counters)
    assert errors == []
    _assert_each_called_once(called, confirmed, central.app.state.store)


@pytest.mark.timeout(300)
def test_twenty_counters_on_four_worker_processes_postgresql(postgres_server, tmp_path):
    db = postgres_server.create_database()
    store = open_store(db)
    migrate(store)
    catalog = load_catalog_file(DEFAULT_CATALOG)
    site = catalog.catalog.site.id
    now = lambda: datetime.now(UTC)
    staff, desk = StaffDirectory(store, site, now), CallDesk(store, catalog, now)
    counter_ids = []
    for i in range(20):
        staff.add(f"staff{i}", PASSWORD, "counter_staff")
        counter_ids.append(desk.add_counter(str(i + 1), "A", SERVICES).counter.id)
    terminals = {f"kiosk-race-{i:02d}": f"token-race-{i:02d}-0123456789" for i in range(10)}
    with CentralProcess(db, tmp_path, terminals, workers=4).wait_ready() as central:

        def issue(item: tuple[str, str]) -> list[str]:
            terminal, token = item
            settings = CentralSettings(base_url=central.url, terminal_id=terminal, backoff_s=0.01, read_timeout_s=20)
            with CentralClient(settings, token) as client:
                out = []
                for n in range(20):
                    ticket = client.reserve_ticket(TicketReserveRequest(service_id=SERVICES[n % 2]), str(uuid.uuid4()))
                    if n % 5 == 4:
                        client.fail_ticket(ticket.id, "printer_error")  # never callable
                    else:
                        out.append(client.confirm_ticket(ticket.id, "printed").id)
                return out

        with ThreadPoolExecutor(10) as pool:
            confirmed = {tid for batch in pool.map(issue, terminals.items()) for tid in batch}
        assert len(confirmed) == 160
        counters = []
        for i, cid in enumerate(counter_ids):
            login = requests.post(
                f"{central.url}/v1/staff/login", json={"username": f"staff{i}", "password": PASSWORD}, timeout=30
            )
            headers = {"Authorization": f"Bearer {login.json()['token']}"}
            assert (
                requests.post(f"{central.url}/v1/counters/{cid}/sign-in", headers=headers, timeout=30).status_code
                == 200
            )
            counters.append((cid, headers))
        called, errors = _race(central.url, counters)
        assert errors == []
        _assert_each_called_once(called, confirmed, store)
        assert len({cid for _, cid in called}) > 1  # the calls really were spread over counters
    store.close()
