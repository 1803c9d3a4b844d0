"""The end-to-end test of issue 16: three kiosks (the kiosk core) against the real central as its
own process. The central is stopped for a simulated 30 minutes of peak traffic (its clock and the
kiosks' are injected, so it takes seconds), the kiosks keep issuing from their leases, the
central is started again: every offline ticket is synced exactly once, no number is issued twice,
and each service's queue is in the order the tickets were issued. One kiosk's clock is 5 minutes
fast and one 5 minutes slow."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from kiosk.api.errors import CentralUnavailable
from tests.offline.helpers import Kiosk

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)  # 10:00 WIB
TERMINALS = {f"kiosk-hall-{i}": f"token-hall-{i}-0123456789" for i in range(3)}
SKEWS = [0, 300, -300]  # kiosk clock minus true time, seconds
OUTAGE = timedelta(minutes=30)
TICKETS = 60  # over the outage, spread at random over the three kiosks (the bench issues more)


class Hall:
    """The simulated time (one file the central reads) and the central process."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.clock_file = workdir / "now.txt"
        self.set(START)
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def set(self, when: datetime) -> None:
        tmp = self.clock_file.with_suffix(".tmp")
        tmp.write_text(when.isoformat())
        tmp.replace(self.clock_file)  # atomic: the central never reads half a time
        self.now = when

    def start_central(self) -> None:
        args = [str(self.workdir / "central.sqlite3"), str(self.port), json.dumps(TERMINALS), str(self.clock_file)]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.offline.central_runner", *args],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / "central.log", "ab"),
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, (self.workdir / "central.log").read_text()[-2000:]
            try:
                if requests.get(self.url + "/v1/time", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        self.stop_central()  # the fixture's teardown never runs when its setup raises
        raise AssertionError("central did not start")

    def stop_central(self) -> None:
        assert self.proc is not None
        self.proc.kill()  # the uplink is gone: no goodbye
        self.proc.wait(10)

    def db(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.workdir / "central.sqlite3")
        conn.row_factory = sqlite3.Row
        return conn


@pytest.fixture
def hall(tmp_path):
    h = Hall(tmp_path)
    h.start_central()
    yield h
    if h.proc is not None and h.proc.poll() is None:
        h.stop_central()


def test_three_kiosks_issue_through_a_30_minute_outage_and_sync_exactly_once(hall, tmp_path):
    kiosks = [
        Kiosk(hall.url, tmp_path / name, lambda skew=skew: hall.now + timedelta(seconds=skew), name, token)
        for (name, token), skew in zip(TERMINALS.items(), SKEWS, strict=True)
    ]
    rng = random.Random(16)
    try:
        for k in kiosks:
            k.keeper.run_once()  # skew measured, a lease per walk-in service
            assert abs(k.ledger.skew_s() + SKEWS[kiosks.index(k)]) < 1
        online = [k.issue(k.services[0].id).ticket for k in kiosks]  # the hall was busy before
        assert not any(t.issued_offline for t in online)

        hall.stop_central()
        for k in kiosks:
            with pytest.raises(CentralUnavailable):
                k.client.get_queues()  # the catalogue sync's next poll fails: offline
            assert not k.monitor.online

        issued = []  # (true issue time, kiosk index, ticket)
        for i in range(TICKETS):
            hall.set(START + timedelta(minutes=1) + OUTAGE * (i / TICKETS))
            n = rng.randrange(len(kiosks))
            k = kiosks[n]
            choices = [s.id for s in k.services if k.leases.can_issue(s.id)]
            outcome = k.issue(rng.choice(choices))
            assert outcome.ticket.issued_offline and outcome.delivery == "printed"
            issued.append((hall.now, n, outcome.ticket))

        hall.set(START + timedelta(minutes=32))
        hall.start_central()
        for k in kiosks:
            k.keeper.run_once()  # back online: the outbox goes first, then leases are topped up
            assert k.monitor.online and k.ledger.unsent_count() == 0
        after = [k.issue(k.services[0].id).ticket for k in kiosks]
        assert not any(t.issued_offline for t in after)
    finally:
        for k in kiosks:
            k.close()

    with hall.db() as conn:
        rows = conn.execute(
            "SELECT id, prefix, business_date, sequence, service_id, lease_id, queued_us FROM tickets"
        ).fetchall()
        joined = {
            json.loads(r["payload"])["ticket_id"]
            for r in conn.execute("SELECT payload FROM queue_events WHERE kind='joined'").fetchall()
        }
    offline_rows = {r["id"]: r for r in rows if r["lease_id"] is not None}
    # Every offline ticket exactly once, under the number it was printed with.
    assert len(offline_rows) == TICKETS
    assert {r["id"]: f"{r['prefix']}-{r['sequence']:03d}" for r in offline_rows.values()} == {
        t.id: t.number for _, _, t in issued
    }
    # No number twice, online or offline, across the three kiosks and the central.
    keys = [(r["prefix"], r["business_date"], r["sequence"]) for r in rows]
    assert len(keys) == len(set(keys))
    # Counters and displays saw each one arrive.
    assert set(offline_rows) <= joined
    # Each service's line is in the order the tickets were truly issued, whichever kiosk and clock.
    for service in {t.service_id for _, _, t in issued}:
        by_queue = sorted(
            (r for r in offline_rows.values() if r["service_id"] == service),
            key=lambda r: (r["queued_us"], r["sequence"]),
        )
        by_issue = [t.id for _, _, t in sorted(issued, key=lambda x: x[0]) if t.service_id == service]
        assert [r["id"] for r in by_queue] == by_issue
        for r in by_queue:
            truth = next(when for when, _, t in issued if t.id == r["id"])
            assert abs(r["queued_us"] / 1e6 - truth.timestamp()) < 2  # skew corrected
