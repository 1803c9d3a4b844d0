"""A headless kiosk for the crash harness: the real KioskRuntime (no Qt, ManualScheduler pumped
by hand) taking paid tickets against a reference central, until it is killed.

    python tests/payments/kiosk_driver.py CONFIG.json [--sessions N] [--kill-at STEP[:NTH]]

CONFIG.json: {"base_url", "token", "data_dir"}. At start the runtime reconciles its journal (what
a real kiosk does after a crash); "ready <counts>" is printed once that is done. Each session:
fee service -> PAYMENT -> the citizen's bank pays (the central's demo pay switch) -> TICKET.
``--kill-at STEP`` SIGKILLs this process right after that journal step is on disk (the worst
moment: just before the network call the step precedes). Prints one line per finished session.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from central.testing import Faults
from kiosk.flow.steps import Step
from kiosk.identification import SessionIdentity
from kiosk.journal import store
from kiosk.runtime.scheduler import ManualScheduler
from launcher.demo import DEMO_CONFIG, with_changes

SERVICE = ("polri", "skck-baru")


def install_kill(step_spec: str | None) -> None:
    if not step_spec:
        return
    step, _, nth = step_spec.partition(":")
    remaining = [int(nth or 1)]
    original = store.Journal._after

    def after(self, entry_id, journal_step):
        original(self, entry_id, journal_step)
        if journal_step.value == step:
            remaining[0] -= 1
            if remaining[0] == 0:
                sys.stdout.flush()
                os.kill(os.getpid(), signal.SIGKILL)

    store.Journal._after = after


def pump(sched: ManualScheduler, until, timeout_s: float = 20.0) -> None:
    end = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > end:
            raise TimeoutError("driver: condition not reached")
        sched.wait_posted(0.05)


def one_session(runtime, sched, faults: Faults) -> str:
    flow = runtime.flow
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id=SERVICE[0])
    flow.send("choose_service", service_id=SERVICE[1])
    flow.send(
        "identity_found", session_id=flow.session.id, identity=SessionIdentity("nik", "S**", "3273••••••••0003", None)
    )
    flow.send("confirm")
    assert flow.step is Step.PAYMENT, flow.step
    pump(sched, lambda: flow.session.payment is not None and flow.session.payment.state in ("waiting", "failed"))
    payment = flow.session.payment
    if payment.state == "waiting":
        faults.pay(payment.payment_id)  # the citizen's bank app
    pump(sched, lambda: flow.step in (Step.TICKET, Step.ISSUE_FAILED) or flow.session.payment.closed)
    outcome = flow.step.value
    flow.send("done")
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("--sessions", type=int, default=0)
    parser.add_argument("--kill-at")
    args = parser.parse_args()
    conf = json.loads(Path(args.config).read_text())
    install_kill(args.kill_at)
    from kiosk.assembly import KioskRuntime
    from kiosk.config import load_config

    config = with_changes(
        load_config(DEMO_CONFIG),
        central={"base_url": conf["base_url"], "retries": 1, "backoff_s": 0.05},
        data={"directory": Path(conf["data_dir"])},
        payments={"enabled": True},
    )
    sched = ManualScheduler()
    runtime = KioskRuntime(config, sched, conf["token"])
    try:
        runtime.start()
        pump(sched, lambda: runtime.flow.status.catalog is not None and runtime.flow.status.printer != "unknown")
        counts = runtime.reconcile_journal().result(timeout=30)
        print("ready", json.dumps(dict(counts)), flush=True)
        faults = Faults(conf["base_url"], conf.get("faults_token"))
        for _ in range(args.sessions):
            print("session", one_session(runtime, sched, faults), flush=True)
    finally:
        runtime.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
