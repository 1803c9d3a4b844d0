"""From the citizen's tap on "take my number" to the last ticket byte handed to the printer.

The real assembly (``KioskRuntime``: flow, issuer, central client, printer service with the
virtual printer's ESC/POS path) against the reference central service on loopback; the Qt shell
is left out (its part is a queued signal). Targets: <= 50 ms median, <= 150 ms p99 over 200.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.stats import figure, median, percentile

TICKETS = 200


def run() -> list[dict]:
    from kiosk.assembly import KioskRuntime
    from kiosk.flow.steps import Step
    from kiosk.runtime.scheduler import ManualScheduler
    from launcher.demo import demo_environment

    to_printer: list[float] = []
    to_screen: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-tap-") as tmp, demo_environment(Path(tmp)) as env:
        sched = ManualScheduler()
        runtime = KioskRuntime(env.config, sched, env.token)
        printed_at: list[float] = []
        transport = runtime.printer.transport
        write = transport.write

        def timed_write(data: bytes, timeout: float) -> None:
            # Instrumentation only: when the job's bytes were handed over (status queries are tiny
            # writes too; the ticket is the write that carries the cut command).
            write(data, timeout)
            if b"\x1dV" in data:
                printed_at.append(time.perf_counter())

        transport.write = timed_write
        runtime.start()
        flow = runtime.flow
        try:
            _wait(sched, lambda: flow.status.catalog is not None and flow.status.printer == "ok")
            # Services a citizen can take without identifying first (identity is the card and NIK
            # benchmarks' business; no QRIS step: payments are off in the demo config).
            services = [s for s in flow.status.catalog.services if s.enabled and s.identity != "required"]
            for i in range(TICKETS):
                service = services[i % len(services)]
                flow.send("take_ticket")
                flow.send("choose_agency", agency_id=service.agency_id)
                flow.send("choose_service", service_id=service.id)
                printed_at.clear()
                t0 = time.perf_counter()
                flow.send("confirm")
                _wait(sched, lambda: flow.step is not Step.ISSUING)
                t_screen = time.perf_counter()
                if flow.step is not Step.TICKET or not printed_at:
                    raise RuntimeError(f"ticket {i} not issued: {flow.step} {flow.session.error_key}")
                to_printer.append(printed_at[0] - t0)
                to_screen.append(t_screen - t0)
                flow.send("done")
        finally:
            runtime.stop()
    ms = 1000.0
    return [
        figure("tap_to_last_printer_byte_median", median(to_printer) * ms, "ms", target=50),
        figure("tap_to_last_printer_byte_p99", percentile(to_printer, 0.99) * ms, "ms", target=150),
        figure("tap_to_ticket_on_screen_median", median(to_screen) * ms, "ms"),
        figure("tap_to_ticket_on_screen_p99", percentile(to_screen, 0.99) * ms, "ms"),
        figure("tickets_issued", float(len(to_printer)), "count", target=float(TICKETS), better="higher"),
    ]


def _wait(sched, predicate, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark step did not finish")
        sched.wait_posted(0.05)


if __name__ == "__main__":
    import json

    for fig in run():
        print(json.dumps(fig))
