"""Runs the headless kiosk (kiosk_driver.py) as a real subprocess and checks the money invariants
from the central's database and the kiosk's journal."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.journal import Journal

DRIVER = Path(__file__).with_name("kiosk_driver.py")
FEE_SERVICES = {"paspor-biasa", "e-paspor", "skck-baru", "skck-perpanjang", "cek-sertifikat"}


@dataclass
class Kiosk:
    """One kiosk's files and the central it talks to."""

    base_url: str
    token: str
    workdir: Path
    central_db: Path

    @property
    def config_file(self) -> Path:
        path = self.workdir / "driver.json"
        if not path.exists():
            from central.faults import FAULT_TOKENS  # the driver is another process: hand it over

            path.write_text(
                json.dumps(
                    {
                        "base_url": self.base_url,
                        "token": self.token,
                        "faults_token": FAULT_TOKENS.get(self.base_url),
                        "data_dir": str(self.workdir / "kiosk"),
                    }
                )
            )
        return path

    @property
    def journal_file(self) -> Path:
        return self.workdir / "kiosk" / "journal.sqlite3"

    def run(self, *args: str, timeout: float = 90) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(DRIVER), str(self.config_file), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=_env(),
        )

    def spawn(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, str(DRIVER), str(self.config_file), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=_env(),
        )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    return env


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL the driver we started (by its pid) and reap it."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    if proc.stdout:
        proc.stdout.close()


@dataclass
class Report:
    entries: int = 0
    paid: int = 0
    tickets_confirmed: int = 0
    refunds: int = 0
    closed_unpaid: int = 0
    problems: list[str] = field(default_factory=list)


def check_invariants(kiosk: Kiosk) -> Report:
    """After a reconciliation with the central up: every invariant of issue 5, with counts."""
    report = Report()
    journal = Journal(kiosk.journal_file)
    try:
        if not journal.integrity_ok():
            report.problems.append("journal integrity_check failed")
        entries = {e.id: e for e in journal.entries()}
    finally:
        journal.close()
    central = sqlite3.connect(f"file:{kiosk.central_db}?mode=ro", uri=True)
    central.row_factory = sqlite3.Row
    payments = central.execute("SELECT * FROM payments").fetchall()
    tickets = {r["id"]: r for r in central.execute("SELECT * FROM tickets").fetchall()}
    central.close()
    report.entries = len(entries)
    by_key: dict[str, list] = {}
    for p in payments:
        by_key.setdefault(p["idem_key"], []).append(p)
        if p["idem_key"] not in entries:
            report.problems.append(f"payment {p['id']} has no journal entry")
    for entry in entries.values():
        mine = by_key.get(entry.id, [])
        if len(mine) > 1:
            report.problems.append(f"double charge: {len(mine)} payments for entry {entry.id}")
        if entry.outcome is None:
            report.problems.append(f"entry {entry.id} unfinished at {entry.step.value}")
            continue
        status = mine[0]["status"] if mine else None
        if status == "pending":
            report.problems.append(f"payment of {entry.id} still pending")
        if entry.outcome == "confirmed":
            ticket = tickets.get(entry.ticket_id or "")
            if status != "paid":
                report.problems.append(f"ticket confirmed for entry {entry.id} whose payment is {status}")
            if ticket is None or ticket["status"] not in ("confirmed", "virtual"):
                report.problems.append(f"paid entry {entry.id}: ticket not confirmed at the central")
            report.paid += 1
            report.tickets_confirmed += 1
        elif entry.outcome == "refund_flagged":
            if status != "refund_requested":
                report.problems.append(f"entry {entry.id} refund_flagged but the central has {status}")
            ticket = tickets.get(entry.ticket_id or "")
            if ticket is not None and ticket["status"] in ("confirmed", "virtual"):
                report.problems.append(f"refunded entry {entry.id} also has a confirmed ticket")
            report.paid += 1
            report.refunds += 1
        elif entry.outcome == "closed":
            if status in ("paid", "refund_requested"):
                report.problems.append(f"lost payment: entry {entry.id} closed but the money is {status}")
            report.closed_unpaid += 1
    # No ghost ticket: a number in the queue for a fee service belongs to a paid, confirmed entry.
    confirmed_ids = {e.ticket_id for e in entries.values() if e.outcome == "confirmed"}
    for tid, t in tickets.items():
        if t["service_id"] in FEE_SERVICES and t["status"] in ("confirmed", "virtual") and tid not in confirmed_ids:
            report.problems.append(f"ghost ticket {t['id']} ({t['status']}) without a paid journal entry")
    for p in payments:
        if p["status"] == "paid" and not any(
            e.id == p["idem_key"] and e.outcome == "confirmed" for e in entries.values()
        ):
            report.problems.append(f"lost payment {p['id']}: paid, no confirmed ticket, no refund")
    return report
