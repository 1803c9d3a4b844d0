"""Soak: many citizen sessions through the real window, offscreen, against the reference central.

The central runs in its own process, so the RSS is the kiosk's. Six kinds in turn (walk-in, NIK, paid by QRIS, booking check-in, QRIS cancelled, timed out), by
clicking the window's buttons (``bench/window_driver.py``). Targets (issue 12): RSS growth
<= 10 MB after warm-up over 10,000 sessions, thread and file-descriptor counts flat. Issue 20's
class of defect (a binding that loses a reference per Qt call) aborts such a run within about
sixty sessions, so a finished run is itself a figure.

Run: ``python -m bench.soak [--sessions N]`` (default 10,000; ``BENCH_SOAK_SESSIONS`` for
``python -m bench soak``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.stats import figure

SESSIONS = 10_000
SAMPLE_EVERY = 100
PROGRESS_EVERY = 500  # a line on stderr: a long run can be read while it goes
MIB = 1024 * 1024


def process_figures() -> dict[str, int]:
    """RSS, OS threads (Qt's too), open file descriptors, Python's allocated blocks, GC objects."""
    with open("/proc/self/statm", encoding="ascii") as f:
        rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    with open("/proc/self/status", encoding="ascii") as f:
        threads = next(int(line.split()[1]) for line in f if line.startswith("Threads:"))
    return {
        "rss": rss,
        "threads": threads,
        "python_threads": threading.active_count(),
        "fds": len(os.listdir("/proc/self/fd")),
        "py_blocks": sys.getallocatedblocks(),
        "gc_objects": len(gc.get_objects()),
    }


def slope_per_1000(points: list[tuple[int, float]]) -> float:
    """Least-squares growth per 1,000 sessions."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    den = sum((x - mx) ** 2 for x, _ in points)
    return 0.0 if den == 0 else 1000 * sum((x - mx) * (y - my) for x, y in points) / den


def soak(sessions: int, progress=None) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.central_process import central_process
    from bench.window_driver import FAST_PAYMENTS, Citizen, DriverError
    from kiosk.ui.app import KioskApp

    warmup = min(max(60, sessions // 10), max(1, sessions // 2))
    samples: list[tuple[int, dict]] = []
    errors: dict[str, int] = {}
    done = {kind: 0 for kind in Citizen.KINDS}
    start = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp,
        central_process(Path(tmp), ui={"fullscreen": False}, payments=FAST_PAYMENTS) as (config, token, central),
    ):
        app = KioskApp(config, token)
        app.start()
        try:
            citizen = Citizen(app, central)
            citizen.ready()
            for i in range(sessions):
                kind = Citizen.KINDS[i % len(Citizen.KINDS)]
                try:
                    getattr(citizen, kind)()
                    done[kind] += 1
                except DriverError as exc:
                    errors[kind] = errors.get(kind, 0) + 1
                    if progress:
                        progress(f"session {i} ({kind}) failed: {exc}")
                    citizen.recover()
                if (i + 1) % SAMPLE_EVERY == 0 or i + 1 in (warmup, sessions):
                    gc.collect()
                    samples.append((i + 1, {**process_figures(), "central_rss": central.rss()}))
                    if progress and (i + 1) % PROGRESS_EVERY == 0:
                        base = next((f for n, f in samples if n >= warmup), samples[-1][1])
                        progress(
                            json.dumps(
                                {
                                    "sessions": i + 1,
                                    **samples[-1][1],
                                    "rss_growth_since_warmup_mib": round(
                                        (samples[-1][1]["rss"] - base["rss"]) / MIB, 2
                                    ),
                                    "errors": sum(errors.values()),
                                    "lost_taps": citizen.lost_taps,
                                    "elapsed_s": round(time.monotonic() - start),
                                }
                            )
                        )
        finally:
            app.stop()
    elapsed = time.monotonic() - start
    after = [(n, s) for n, s in samples if n >= warmup]
    first, last = after[0][1], after[-1][1]
    return {
        "sessions": sessions,
        "warmup": warmup,
        "elapsed_s": elapsed,
        "completed": sum(done.values()),
        "done": done,
        "errors": errors,
        "lost_taps": citizen.lost_taps,
        "rss_growth": last["rss"] - first["rss"],
        "rss_slope_per_1000": slope_per_1000([(n, s["rss"]) for n, s in after]),
        "py_blocks_growth": last["py_blocks"] - first["py_blocks"],
        "gc_objects_growth": last["gc_objects"] - first["gc_objects"],
        "threads": (min(s["threads"] for _, s in after), max(s["threads"] for _, s in after)),
        "fds": (min(s["fds"] for _, s in after), max(s["fds"] for _, s in after)),
        "rss_end": last["rss"],
        "central_rss_growth": last["central_rss"] - first["central_rss"],
        "samples": samples,
    }


def figures(result: dict) -> list[dict]:
    threads, fds = result["threads"], result["fds"]
    return [
        figure("soak_sessions_completed", result["completed"], "count", target=result["sessions"], better="higher"),
        figure("soak_session_errors", sum(result["errors"].values()), "count", target=0),
        figure("soak_lost_taps", result["lost_taps"], "count", target=0),
        figure("soak_rss_growth_after_warmup", result["rss_growth"] / MIB, "MiB", target=10),
        figure("soak_rss_slope_per_1000_sessions", result["rss_slope_per_1000"] / MIB, "MiB"),
        figure("soak_python_blocks_growth_after_warmup", result["py_blocks_growth"], "blocks"),
        figure("soak_gc_objects_growth_after_warmup", result["gc_objects_growth"], "objects"),
        figure("soak_threads_spread", threads[1] - threads[0], "threads", target=0),
        figure("soak_fds_spread", fds[1] - fds[0], "fds", target=0),
        figure("soak_rss_end", result["rss_end"] / MIB, "MiB"),
        figure("soak_central_process_rss_growth", result["central_rss_growth"] / MIB, "MiB"),
        figure("soak_sessions_per_second", result["completed"] / result["elapsed_s"], "1/s", better="higher"),
    ]


def run(sessions: int | None = None) -> list[dict]:
    count = sessions or int(os.environ.get("BENCH_SOAK_SESSIONS", SESSIONS))
    return figures(soak(count))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak")
    parser.add_argument("--sessions", type=int, default=int(os.environ.get("BENCH_SOAK_SESSIONS", SESSIONS)))
    parser.add_argument("--samples", type=Path, help="also write every sample (JSON lines) here")
    args = parser.parse_args(argv)
    result = soak(args.sessions, progress=lambda text: print(text, file=sys.stderr, flush=True))
    if args.samples:
        with args.samples.open("w", encoding="utf-8") as f:
            for n, sample in result["samples"]:
                f.write(json.dumps({"sessions": n, **sample}) + "\n")
    for fig in figures(result):
        print(json.dumps({"benchmark": "soak", **fig}), flush=True)
    return 0 if result["completed"] == result["sessions"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
