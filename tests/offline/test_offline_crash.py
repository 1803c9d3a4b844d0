"""A kiosk killed with SIGKILL at every step of offline issuing and of sending its outbox, then
started again: it never reuses a number, never loses a recorded one, and every ticket reaches the
real central exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import SettableClock
from kiosk.api import CentralClient, CentralSettings
from kiosk.api.connectivity import ConnectivityMonitor
from kiosk.offline.keeper import LeaseKeeper, OfflineOutbox
from kiosk.offline.ledger import OfflineLedger
from kiosk.offline.numbering import issuable_offline

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)
TERMINAL, TOKEN = "kiosk-crash-01", "token-crash-0123456789"
KILL_STEPS = ["taking", "recorded", "printed", "delivered"]


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    running = start(
        tmp_path_factory.mktemp("central") / "c.sqlite3", DEFAULT_CATALOG, {TERMINAL: TOKEN}, clock=SettableClock(START)
    )
    yield running
    running.stop()


def _child(cfg: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tests.offline.crash_child", json.dumps(cfg)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_killed_at_every_step_it_never_reuses_or_loses_a_number(central, tmp_path):
    settings = CentralSettings(base_url=central.url, terminal_id=TERMINAL, retries=0)
    client = CentralClient(settings, TOKEN)
    catalog = client.get_catalog()
    (tmp_path / "catalog.json").write_text(catalog.model_dump_json())
    service = next(s for s in catalog.services if issuable_offline(s))
    ledger = OfflineLedger(tmp_path / "journal.sqlite3", clock=lambda: START)
    keeper = LeaseKeeper(ledger, client, lambda: [service], ConnectivityMonitor())
    keeper.ensure_lease(service.id)
    [lease] = ledger.leases()
    base = {"data": str(tmp_path), "start": START.isoformat(), "url": central.url, "terminal": TERMINAL}
    base |= {"token": TOKEN, "service": service.id, "mode": "issue"}

    for kill_step in KILL_STEPS:  # one ticket through, then killed at this step of the second
        run = _child({**base, "count": 2, "kill_step": kill_step, "kill_occurrence": 2})
        assert run.returncode == -signal.SIGKILL, (kill_step, run.stderr[-2000:])
    run = _child({**base, "count": 2})  # and a clean run after the last kill
    assert run.returncode == 0, run.stderr[-2000:]

    records = ledger.records()
    sequences = [r.sequence for r in records]
    # "taking" rolled back: that number was never printed and the next run took it. Every other
    # kill left its number recorded. So: contiguous from the lease's first number, each once.
    assert sequences == list(range(lease.first_seq, lease.first_seq + 1 + 2 * (len(KILL_STEPS) - 1) + 2))
    printed = (tmp_path / "printed.log").read_text().split()
    assert len(printed) == len(set(printed))  # no number printed twice
    assert set(printed) <= {r.number for r in records}  # every printed number is recorded
    # Killed after printing but before the delivery was written: unknown, so sent as printed.
    unknown = [r.number for r in records if r.delivery is None]
    assert len(unknown) == 2  # the "recorded" and "printed" kills
    assert ledger.leases()[0].next_seq == lease.first_seq + len(records)

    # Killed after the central took the outbox batch, before marking it sent; then sent again.
    run = _child({**base, "mode": "sync", "kill_step": "answered", "batch": 4})
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    assert ledger.unsent_count() == len(records)
    assert OfflineOutbox(ledger, client).sync() == len(records)
    assert ledger.unsent_count() == 0
    with central.app.state.store.read() as conn:
        rows = conn.execute("SELECT id, sequence FROM tickets WHERE lease_id=?", (lease.id,)).fetchall()
        (dupes,) = conn.execute(
            "SELECT COUNT(*) FROM (SELECT prefix, business_date, sequence FROM tickets"
            " GROUP BY prefix, business_date, sequence HAVING COUNT(*) > 1) d"
        ).fetchone()
    assert sorted(r["sequence"] for r in rows) == sequences  # each exactly once
    assert {r["id"] for r in rows} == {r.id for r in records}
    assert dupes == 0
    client.close(), ledger.close()
