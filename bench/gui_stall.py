"""GUI stall: the longest time the GUI thread does not turn its event loop during citizen sessions
while the central takes 5 s to answer every call (issue 12; target <= 30 ms).

A 5 ms QTimer heartbeat on the GUI thread of the real window (offscreen); a stall is the gap
between two beats minus the interval. Sessions: walk-in, NIK, and paid by QRIS (the QR code was
drawn on the GUI thread before issue 20's fix: 37-69 ms), with the reference central's "slow"
fault on every /v1/ call and the kiosk's read timeout above it, so the answers do arrive.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import figure, percentile

CENTRAL_DELAY_S = 5.0
BEAT_MS = 5
KINDS = ("walk_in", "with_nik", "paid")


class StallExplainer:
    """Off the GUI thread: when no beat came for ``after_ms``, note where the GUI thread is."""

    def __init__(self, beat: Heartbeat, after_ms: float = 25.0) -> None:
        import threading

        self._beat = beat
        self._after_s = after_ms / 1000
        self._gui = threading.main_thread().ident
        self.stacks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stall-explainer", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        import traceback

        while not self._stop.wait(0.005):
            last = self._beat.last
            if last is None or time.perf_counter() - last < self._after_s:
                continue
            frame = sys._current_frames().get(self._gui)
            if frame is not None:
                where = " <- ".join(
                    f"{Path(f.filename).name}:{f.lineno} {f.name}"
                    for f in reversed(traceback.extract_stack(frame)[-6:])
                )
                self.stacks[where] = self.stacks.get(where, 0) + 1

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(1)


class Heartbeat:
    def __init__(self, flow) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._flow = flow
        self.gaps: list[tuple[float, str]] = []  # (ms beyond the interval, the step then)
        # The GUI thread's own CPU time in each gap: a long gap with little of it was the OS
        # giving the CPU to someone else (2 shared cores), not work done on the GUI thread.
        self.cpu_gaps: list[float] = []
        self.last: float | None = None
        self._last_cpu = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self.last = None
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.last = None

    def _beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self.last is not None:
            self.gaps.append((max(0.0, (now - self.last) * 1000 - BEAT_MS), self._flow.step.value))
            self.cpu_gaps.append((cpu - self._last_cpu) * 1000)
        self.last, self._last_cpu = now, cpu


def measure(explain: bool = False) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.central_process import central_process
    from bench.window_driver import FAST_PAYMENTS, Citizen
    from kiosk.ui.app import KioskApp

    per_kind: dict[str, float] = {}
    with (
        tempfile.TemporaryDirectory(prefix="bench-stall-") as tmp,
        central_process(
            Path(tmp),
            ui={"fullscreen": False},
            payments=FAST_PAYMENTS,
            # The kiosk waits for the slow answers instead of giving up at 3 s.
            central={"read_timeout_s": CENTRAL_DELAY_S + 5, "retries": 0},
        ) as (config, token, central),
    ):
        app = KioskApp(config, token)
        app.start()
        try:
            citizen = Citizen(app, central)
            citizen.ready()
            citizen.walk_in()  # warm: first-use imports and caches are start-up, not a session
            citizen.faults.set("slow", delay_s=CENTRAL_DELAY_S)
            beat = Heartbeat(app.flow)
            explainer = StallExplainer(beat) if explain else None
            for kind in KINDS:
                before = len(beat.gaps)
                beat.start()
                started = time.monotonic()
                getattr(citizen, kind)()
                beat.stop()
                per_kind[kind] = max((g for g, _ in beat.gaps[before:]), default=0.0)
                per_kind[f"{kind}_s"] = time.monotonic() - started
            citizen.faults.set("ok")
            if explainer is not None:
                explainer.stop()
                for where, n in sorted(explainer.stacks.items(), key=lambda kv: -kv[1])[:15]:
                    print(f"{n:4d} x {where}", file=sys.stderr)
        finally:
            app.stop()
    gaps = [g for g, _ in beat.gaps]
    worst = max(beat.gaps, default=(0.0, ""))
    return {"gaps": gaps, "worst": worst, "per_kind": per_kind, "cpu_gaps": beat.cpu_gaps, "load": os.getloadavg()[0]}


def run(explain: bool = False) -> list[dict]:
    result = measure(explain)
    gaps, per_kind = result["gaps"], result["per_kind"]
    out = [
        figure("gui_stall_longest", result["worst"][0], "ms", target=30),
        figure("gui_stall_p99", percentile(gaps, 0.99), "ms"),
        figure("gui_stalls_over_30ms", float(sum(g > 30 for g in gaps)), "count", target=0),
        figure("gui_heartbeats", float(len(gaps)), "count", better="higher"),
        figure("gui_thread_cpu_longest_gap", max(result["cpu_gaps"], default=0.0), "ms"),
        figure("load_average_1min", result["load"], "runnable"),
    ]
    out += [figure(f"gui_stall_longest_{kind}", per_kind[kind], "ms", target=30) for kind in KINDS]
    out += [figure(f"gui_stall_session_{kind}", per_kind[f"{kind}_s"], "s") for kind in KINDS]
    return [*out, {"metric": "gui_stall_longest_step", "value": result["worst"][1], "unit": "step"}]


if __name__ == "__main__":
    # --explain: print to stderr where the GUI thread was during each stall (sampled).
    for fig in run(explain="--explain" in sys.argv[1:]):
        print(json.dumps({"benchmark": "gui_stall", **fig}))
    sys.exit(0)
