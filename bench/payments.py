"""QRIS payment figures on loopback: paid (as the central sees it) -> ticket printed, median and
p99, with the default payment settings (the central's live stream says "paid"; status polls only
as the fallback); bench/payment_latency.py runs that part alone, over more payments; the journal's
write cost per step (WAL, synchronous=FULL); and the crash harness at scale: 200 paid sessions
with the kiosk SIGKILLed at random instants, invariant violations counted.
Run: python -m bench.payments
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SESSIONS = 20
JOURNAL_WRITES = 300
CRASH_SESSIONS = 200


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _metric(name: str, value: float, unit: str, target: float | None = None, better: str = "lower") -> dict:
    return {"metric": name, "value": round(value, 3), "unit": unit, "target": target, "better": better}


def paid_to_printed(tmp: Path, sessions: int = SESSIONS, polls: list[int] | None = None) -> list[float]:
    """Paid (the faults switch, as a bank's callback would) -> first print job, per session in ms;
    ``polls`` gets the number of status polls the kiosk made per session."""
    from central.testing import Faults
    from kiosk.assembly import KioskRuntime
    from kiosk.flow.steps import Step
    from kiosk.identification import SessionIdentity
    from kiosk.runtime.scheduler import ManualScheduler
    from launcher.demo import demo_environment

    samples: list[float] = []
    with demo_environment(tmp, payments={"enabled": True}) as env:
        sched = ManualScheduler()
        runtime = KioskRuntime(env.config, sched, env.token)
        printed = threading.Event()
        stamps: list[float] = []
        runtime.printer.add_printed_listener(lambda doc, res: (stamps.append(time.monotonic()), printed.set()))

        def pump(until, timeout=30.0):
            end = time.monotonic() + timeout
            while not until():
                if time.monotonic() > end:
                    raise TimeoutError("bench: flow stuck")
                sched.wait_posted(0.01)

        try:
            runtime.start()
            pump(lambda: runtime.flow.status.catalog is not None)
            faults, flow = Faults(env.central_url), runtime.flow
            runtime.live.wait_connected(5)
            for _ in range(sessions):
                flow.send("take_ticket")
                flow.send("choose_agency", agency_id="polri")
                flow.send("choose_service", service_id="skck-baru")
                flow.send(
                    "identity_found",
                    session_id=flow.session.id,
                    identity=SessionIdentity("nik", "S**", "3273••••••••0003", None),
                )
                flow.send("confirm")
                pump(lambda: flow.session.payment is not None and flow.session.payment.state == "waiting")
                stamps.clear()
                payment_id = flow.session.payment.payment_id
                faults.set("ok", reset_counts=True)
                start = time.monotonic()
                faults.pay(payment_id)
                pump(lambda: bool(stamps))  # the first job after payment is the queue ticket
                samples.append((stamps[0] - start) * 1000)
                if polls is not None:
                    polls.append(faults.requests(f"GET /v1/payments/{payment_id}"))
                pump(lambda: flow.step is Step.TICKET)
                flow.send("done")
        finally:
            runtime.stop()
    return samples


def journal_write_ms(tmp: Path) -> list[float]:
    from kiosk.journal import Journal, JournalStep

    journal = Journal(tmp / "bench-journal.sqlite3")
    samples: list[float] = []
    try:
        for _ in range(JOURNAL_WRITES // 3):
            start = time.perf_counter()
            entry = journal.begin("skck-baru", 30000)
            samples.append((time.perf_counter() - start) * 1000)
            for step in (JournalStep.CHARGE_CREATED, JournalStep.PAID_SEEN):
                start = time.perf_counter()
                journal.record(entry.id, step, payment_id="p")
                samples.append((time.perf_counter() - start) * 1000)
    finally:
        journal.close()
    return samples


def crash_at_random(tmp: Path) -> dict:
    """Kill the headless kiosk at random instants until CRASH_SESSIONS paid sessions were started."""
    sys.path.insert(0, str(ROOT))
    from central.cli import DEFAULT_CATALOG
    from central.server import start
    from tests.payments.harness import Kiosk, check_invariants, kill

    token = "bench-token-0123456789abcdef"
    rng = random.Random(200)
    kills = 0
    with start(tmp / "crash-central.sqlite3", DEFAULT_CATALOG, {"DEMO-01": token}, faults_enabled=True) as central:
        kiosk = Kiosk(central.url, token, tmp, tmp / "crash-central.sqlite3")
        while True:
            from kiosk.journal import Journal

            if kiosk.journal_file.exists():
                j = Journal(kiosk.journal_file)
                started = len(j.entries())
                j.close()
                if started >= CRASH_SESSIONS:
                    break
            proc = kiosk.spawn("--sessions", str(CRASH_SESSIONS))
            proc.stdout.readline()
            time.sleep(rng.uniform(0.0, 3.0))
            kill(proc)
            kills += 1
        kiosk.run()
        report = check_invariants(kiosk)
    return {
        "kills": kills,
        "sessions": report.entries,
        "tickets": report.tickets_confirmed,
        "refunds": report.refunds,
        "closed_unpaid": report.closed_unpaid,
        "violations": len(report.problems),
    }


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        latency = paid_to_printed(tmp_path / "latency")
        writes = journal_write_ms(tmp_path)
        crash = crash_at_random(tmp_path / "crash")
    return [
        _metric("payments.paid_to_ticket_printed_median", statistics.median(latency), "ms", 2000.0),
        _metric("payments.paid_to_ticket_printed_p99", _p99(latency), "ms", 4000.0),
        _metric("payments.journal_write_per_step_median", statistics.median(writes), "ms", 20.0),
        _metric("payments.journal_write_per_step_p99", _p99(writes), "ms"),
        _metric("payments.crash_random_kills", crash["kills"], "count", None, "higher"),
        _metric("payments.crash_random_sessions", crash["sessions"], "count", float(CRASH_SESSIONS), "higher"),
        _metric("payments.crash_random_tickets_confirmed", crash["tickets"], "count", None, "higher"),
        _metric("payments.crash_random_refunds_flagged", crash["refunds"], "count", None, "lower"),
        _metric("payments.crash_random_closed_unpaid", crash["closed_unpaid"], "count", None, "lower"),
        _metric("payments.crash_random_invariant_violations", crash["violations"], "count", 0.0),
    ]


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
