"""A busy hall on one central (issue 14): COUNTERS counters calling and serving, DISPLAYS hall TVs
and PHONES phone pages connected to the live stream, TERMINALS kiosks issuing tickets.

Prints: call -> display updated p50/p99 (from call-next answered, and from call-next sent; target
p99 <= 200 ms), phone streams held to the end, the central's RSS, and the central's reads of the
events table per second with every stream open (one shared reader per process). The central runs
in a child process (its RSS is its own); the bench's clients are light: raw-socket SSE readers
on one asyncio loop (a phone only counts its events; a display parses them and stamps the calls),
threads with ``requests`` for the counters and the kiosks.
Run: python -m bench hall   (BENCH_HALL_SECONDS=60 by default)
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import random
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

COUNTERS = 20
DISPLAYS = 10
PHONES = 1000
TERMINALS = 50
SECONDS = float(os.environ.get("BENCH_HALL_SECONDS", "60"))
PASSWORD = "bench-hall-pass-1"
ZONES = ("A", "B")


def _serve(db_path: str, terminals: dict[str, str], counters: int, conn: Any) -> None:
    """The child: a central with the kiosks' tokens, one staff account and counter per counter."""
    from central.cli import DEFAULT_CATALOG
    from central.server import start

    running = start(Path(db_path), DEFAULT_CATALOG, terminals)
    app = running.app
    free = [s.id for s in app.state.desk.cf.catalog.services if s.fee_idr == 0]
    made = []
    for i in range(counters):
        zone = ZONES[i % len(ZONES)]
        services = [free[(i + k) % len(free)] for k in range(3)]
        counter = app.state.calls.add_counter(str(i + 1), zone, services)
        app.state.staff.add(f"loket{i + 1}", PASSWORD, "counter_staff")
        made.append({"id": counter.counter.id, "zone": zone, "services": services, "user": f"loket{i + 1}"})
    conn.send((running.url, made, free))
    try:
        while True:
            command = conn.recv()
            if command == "stop":
                break
            if command == "figures":
                with open("/proc/self/statm", encoding="ascii") as f:
                    rss = int(f.read().split()[1]) * 4096
                conn.send({"rss": rss, "reads": app.state.live_hub.reads, "streams": app.state.live_hub.streams})
    finally:
        running.stop()


class SseClients:
    """Many SSE connections on one asyncio loop (its own thread)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.loop = asyncio.new_event_loop()
        self.held = 0
        self.opened = 0
        self.failed = 0
        self.phone_events = 0
        self.ended_by_server = 0
        self.errors: list[str] = []
        self._futures: list[Any] = []
        self.display_seen: dict[str, float] = {}  # "number@counter" -> first display receipt
        self._thread = threading.Thread(target=self.loop.run_forever, name="sse-clients", daemon=True)
        self._thread.start()

    def open(self, path: str, display: bool) -> None:
        # Kept: asyncio holds tasks weakly, and a collected task closes its coroutine (and socket).
        self._futures.append(asyncio.run_coroutine_threadsafe(self._client(path, display), self.loop))

    async def _client(self, path: str, display: bool) -> None:
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port, limit=1 << 20)
        except OSError as exc:
            self.errors.append(type(exc).__name__)
            self.failed += 1
            return
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: text/event-stream\r\n\r\n".encode())
        try:
            status = await reader.readline()
            if b" 200 " not in status:
                self.errors.append(status[:40].decode("latin-1").strip())
                self.failed += 1
                return
            while (await reader.readline()) not in (b"\r\n", b""):
                pass
            self.opened += 1
            self.held += 1
            try:
                while True:
                    line = await reader.readline()
                    if not line:
                        self.ended_by_server += 1
                        break
                    if not line.startswith(b"data:"):
                        continue  # ids, chunk sizes, heartbeats
                    if not display:
                        self.phone_events += 1
                        continue
                    event = json.loads(line[5:])
                    if event.get("kind") == "called":
                        key = f"{event['number']}@{event['counter']}"
                        self.display_seen.setdefault(key, time.monotonic())
            finally:
                self.held -= 1
        except (OSError, asyncio.IncompleteReadError, ValueError, KeyError) as exc:
            self.errors.append(type(exc).__name__)
            self.failed += 1
        finally:
            writer.close()

    def stop(self) -> None:
        async def close_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close_all(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)


def _counter(
    url: str, counter: dict[str, Any], stop: threading.Event, calls: list[tuple[str, float, float]], refused: list[int]
) -> None:
    """Sign in, then call next, serve a moment, done; again until stopped."""
    session = requests.Session()
    answer = session.post(f"{url}/v1/staff/login", json={"username": counter["user"], "password": PASSWORD}, timeout=30)
    answer.raise_for_status()
    session.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    session.post(f"{url}/v1/counters/{counter['id']}/sign-in", timeout=30).raise_for_status()
    rng = random.Random(counter["id"])
    while not stop.is_set():
        sent = time.monotonic()
        answer = session.post(f"{url}/v1/counters/{counter['id']}/call-next", timeout=30)
        answered = time.monotonic()
        ticket = answer.json().get("ticket") if answer.status_code == 200 else None
        if answer.status_code != 200:
            refused.append(answer.status_code)
        if ticket is None:
            stop.wait(0.5)  # nobody waiting for this counter's services
            continue
        calls.append((f"{ticket['number']}@{ticket['counter_label']}", sent, answered))
        stop.wait(rng.uniform(1.0, 3.0))  # serving
        session.post(f"{url}/v1/tickets/{ticket['id']}/done", timeout=30)
    session.close()


def _terminal(
    url: str, terminal: str, token: str, services: list[str], stop: threading.Event, issued: list[int], seconds: float
) -> None:
    from kiosk.api import CentralClient, CentralSettings
    from kiosk.contract import TicketReserveRequest

    rng = random.Random(terminal)
    with CentralClient(CentralSettings(base_url=url, terminal_id=terminal), token) as client:
        stop.wait(rng.uniform(0, min(5.0, seconds / 4)))
        while not stop.is_set():
            ticket = client.reserve_ticket(TicketReserveRequest(service_id=rng.choice(services)), str(uuid.uuid4()))
            client.confirm_ticket(ticket.id, "printed")
            issued.append(1)
            stop.wait(rng.uniform(5.0, 15.0))  # 50 kiosks: about 5 tickets a second


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def hall(
    workdir: Path,
    counters: int = COUNTERS,
    displays: int = DISPLAYS,
    phones: int = PHONES,
    terminals: int = TERMINALS,
    seconds: float = SECONDS,
) -> dict[str, float]:
    tokens = {f"kiosk-{i:02d}": f"bench-hall-token-{i:02d}-0123456789" for i in range(terminals)}
    ctx = multiprocessing.get_context("spawn")
    ours, theirs = ctx.Pipe()
    child = ctx.Process(target=_serve, args=(str(workdir / "central.sqlite3"), tokens, counters, theirs), daemon=True)
    child.start()
    stop = threading.Event()
    clients: SseClients | None = None
    try:
        if not ours.poll(60):
            raise RuntimeError("the central process did not start")
        url, made, _free = ours.recv()
        served = sorted({s for c in made for s in c["services"]})  # every ticket has a counter
        host, port = url.removeprefix("http://").split(":")
        clients = SseClients(host, int(port))
        for i in range(displays):
            clients.open(f"/v1/live/public?zone={ZONES[i % len(ZONES)]}", display=True)
        for i in range(phones):
            clients.open(f"/v1/live/public?zone={ZONES[i % len(ZONES)]}", display=False)
            if i % 100 == 99:
                time.sleep(0.2)  # phones arrive over a few seconds, not in one instant
        deadline = time.monotonic() + 60
        while clients.opened + clients.failed < displays + phones and time.monotonic() < deadline:
            time.sleep(0.1)
        calls: list[tuple[str, float, float]] = []
        issued: list[int] = []
        refused: list[int] = []
        threads = [
            threading.Thread(target=_terminal, args=(url, t, tok, served, stop, issued, seconds), daemon=True)
            for t, tok in tokens.items()
        ] + [threading.Thread(target=_counter, args=(url, c, stop, calls, refused), daemon=True) for c in made]
        for t in threads:
            t.start()
        ours.send("figures")
        first = ours.recv()
        began = time.monotonic()
        stop.wait(seconds)
        ours.send("figures")
        last = ours.recv()
        elapsed = time.monotonic() - began
        stop.set()
        for t in threads:
            t.join(35)
        time.sleep(0.5)  # the last calls' events reach the displays
        from_answer, from_sent = [], []
        missed = 0
        for key, sent, answered in calls:
            seen = clients.display_seen.get(key)
            if seen is None:
                missed += 1
                continue
            from_answer.append(max(0.0, seen - answered) * 1000)
            from_sent.append((seen - sent) * 1000)
        return {
            "calls": len(calls),
            "tickets_issued": len(issued),
            "call_next_refused": len(refused),
            "calls_not_seen_by_a_display": missed,
            "call_to_display_p50_ms": _percentile(from_answer, 0.5),
            "call_to_display_p99_ms": _percentile(from_answer, 0.99),
            "call_sent_to_display_p50_ms": _percentile(from_sent, 0.5),
            "call_sent_to_display_p99_ms": _percentile(from_sent, 0.99),
            "streams_opened": clients.opened,
            "streams_failed": clients.failed,
            "stream_errors": sorted(set(clients.errors)),
            "streams_held_at_end": clients.held,
            "phone_events_received": clients.phone_events,
            "central_rss_mb": last["rss"] / 1e6,
            "central_event_reads_per_s": (last["reads"] - first["reads"]) / elapsed,
        }
    finally:
        stop.set()
        if clients is not None:
            clients.stop()
        try:
            ours.send("stop")
        except OSError:
            pass
        child.join(20)
        if child.is_alive():
            child.terminate()


def stream_reads(workdir: Path, streams: int = 200, seconds: float = 5.0) -> float:
    """Reads of the events table per second by one central with ``streams`` idle public streams
    open (each read is 4 small indexed queries). Counted at the feed, so it measures any version."""
    from central.cli import DEFAULT_CATALOG
    from central.server import start

    running = start(workdir / "reads.sqlite3", DEFAULT_CATALOG, {})
    feed = running.app.state.live
    reads = [0]
    real = feed.batch

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads[0] += 1
        return real(*args, **kwargs)

    feed.batch = counted
    host, port = running.url.removeprefix("http://").split(":")
    clients = SseClients(host, int(port))
    try:
        for i in range(streams):
            clients.open(f"/v1/live/public?zone={ZONES[i % len(ZONES)]}", display=False)
        deadline = time.monotonic() + 30
        while clients.opened + clients.failed < streams and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # the snapshots are read
        before, began = reads[0], time.monotonic()
        time.sleep(seconds)
        return (reads[0] - before) / (time.monotonic() - began)
    finally:
        clients.stop()
        running.stop()


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        f = hall(Path(tmp))
        f["event_reads_per_s_200_idle_streams"] = stream_reads(Path(tmp))
    targets = {"call_to_display_p99_ms": 200.0, "streams_held_at_end": float(DISPLAYS + PHONES)}
    return [
        {
            "metric": f"hall.{name}",
            "value": round(value, 3),
            "unit": "ms" if name.endswith("_ms") else "MB" if name.endswith("_mb") else "count",
            "target": targets.get(name),
            "better": "higher" if name in ("streams_held_at_end", "calls", "tickets_issued") else "lower",
        }
        for name, value in f.items()
        if not isinstance(value, list)
    ]


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
