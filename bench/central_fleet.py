"""A hall's fleet against the central: 50 terminals reserving and confirming tickets for 30 s,
first on PostgreSQL with 4 worker processes (then paced at 400 tickets/s, then with 2 workers,
one per core, for comparison), then on SQLite with 1 worker.

Prints, per engine: tickets/s (reserve + confirm done), reserve p50/p99 as the terminal sees it,
and duplicates and gaps in the numbers the database issued (per prefix and day; every reservation
here is confirmed, so the protocol allows no gap). The central runs as real processes
(``python -m central --workers N``); PostgreSQL is Debian's, started in a temporary folder with
commits waiting for the disk (fsync on, as in production). The load comes from 2 processes of 25
terminals each (asyncio tasks on keep-alive HTTP/1.1 connections, see ``_Http``), so that the
client's own Python takes as little as possible of the CPU the central is measured on.
Targets (issue 13, 2-core machine): PostgreSQL >= 500 tickets/s, reserve p99 <= 100 ms,
0 duplicates, 0 gaps. The back-to-back runs saturate the machine by construction (each terminal
asks again the moment it is answered), so their latency is queueing; the paced run shows the
latency below saturation.

The PostgreSQL 4-worker run is made BENCH_FLEET_REPEATS times (3); each run's figures are printed
(``postgresql_4w_runN``) and their medians under ``postgresql_4w``, the figures to judge.

Run: python -m bench central_fleet   (BENCH_FLEET_SECONDS=5 BENCH_FLEET_REPEATS=1 for a quick look)
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import random
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from bench.stats import figure, median, percentile

TERMINALS = 50
LOAD_PROCESSES = 2
SECONDS = float(os.environ.get("BENCH_FLEET_SECONDS", "30"))


def _enrol_terminals(db: str, url: str) -> dict[str, str]:
    """The fleet's terminals, enrolled as a hall's kiosks are (a one-time code each, then
    POST /v1/terminals/enrol): id -> token. Why not pre-shared tokens: those are checked in the
    central's memory, while an enrolled kiosk's token is checked in the database on every call,
    which is what a deployed hall pays."""
    import requests

    from central.store import open_store
    from central.terminal_admin import issue_code

    store = open_store(db if "://" in db else Path(db), pool_max=1)
    try:
        codes = {
            f"kiosk-fleet-{i:02d}": issue_code(store, terminal_id=f"kiosk-fleet-{i:02d}") for i in range(TERMINALS)
        }
    finally:
        store.close()
    tokens = {}
    with requests.Session() as http:
        for terminal, code in codes.items():
            r = http.post(f"{url}/v1/terminals/enrol", json={"code": code, "terminal_id": terminal}, timeout=10)
            r.raise_for_status()
            tokens[terminal] = r.json()["token"]
    return tokens


def _services() -> list[str]:
    from central.catalog_file import load_catalog_file
    from central.cli import DEFAULT_CATALOG

    return [s.id for s in load_catalog_file(DEFAULT_CATALOG).catalog.services if s.enabled]


class _Http:
    """One terminal's keep-alive HTTP/1.1 connection, speaking just enough of the protocol for
    this bench (Content-Length bodies). Why not http.client in threads: on this 2-core machine the
    client's own CPU is taken from the central it measures, and 50 threads of http.client cost
    about as much per ticket as the central itself (measured: ~0.8 of a core at 300 tickets/s)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def post(self, path: str, headers: str, body: bytes) -> tuple[int, bytes]:
        self.writer.write(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Content-Length: {len(body)}\r\n\r\n".encode() + body
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        return status, await self.reader.readexactly(length)


async def _terminal(
    port: int, terminal: str, token: str, service: str, until: float, out: list, every_s: float | None = None
) -> None:
    """Reserve + confirm until ``until``: back to back, or one ticket every ``every_s`` (paced)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    # Paced terminals start at a phase of their own: not 50 requests in the same millisecond.
    next_at = time.monotonic() + (random.Random(terminal).uniform(0, every_s) if every_s else 0.0)
    http = _Http(reader, writer)
    base = f"Authorization: Bearer {token}\r\nX-Terminal-Id: {terminal}\r\nContent-Type: application/json\r\n"
    body = json.dumps({"service_id": service}).encode()
    confirm = b'{"mode": "printed"}'
    while time.monotonic() < until:
        if every_s is not None:
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            next_at += every_s
        t0 = time.perf_counter()
        status, raw = await http.post("/v1/tickets", f"{base}Idempotency-Key: {uuid.uuid4()}\r\n", body)
        reserve_ms = (time.perf_counter() - t0) * 1000
        ticket = json.loads(raw)
        if status != 200:
            out.append(("error", status, ticket.get("code")))
            continue
        c_status, _ = await http.post(f"/v1/tickets/{ticket['id']}/confirm", base, confirm)
        out.append(("ok", reserve_ms, ticket["number"], ticket["business_date"], c_status))
    writer.close()


def _load_process(
    port: int, assignments: list[tuple[str, str, str]], start_at: float, seconds: float, every_s: float | None = None
) -> tuple[list, float]:
    """One load process: an asyncio task per terminal; (every outcome, CPU seconds it used)."""
    out: list = []

    async def main() -> None:
        while time.time() < start_at:
            await asyncio.sleep(0.005)
        until = time.monotonic() + seconds
        await asyncio.gather(*(_terminal(port, t, tok, svc, until, out, every_s) for t, tok, svc in assignments))

    cpu0 = time.process_time()
    asyncio.run(main())
    return out, time.process_time() - cpu0


def _cpu_s(pids: list[int]) -> float:
    """User + system CPU seconds used so far by these processes (those still running)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / tick


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            pass
    return out


def _db_check(db: str) -> tuple[int, int, int]:
    """(tickets, duplicates, gaps) over every (prefix, day) counter, from the database itself."""
    from central.store import open_store

    store = open_store(db if "://" in db else Path(db), pool_max=1)
    try:
        with store.read() as conn:
            rows = conn.execute("SELECT prefix, business_date, sequence FROM tickets").fetchall()
            last = {
                (r[0], r[1]): r[2]
                for r in conn.execute("SELECT prefix, business_date, last_seq FROM sequences").fetchall()
            }
    finally:
        store.close()
    seen: dict[tuple[str, str], list[int]] = {}
    for prefix, day, seq in rows:
        seen.setdefault((prefix, day), []).append(seq)
    dupes = sum(c - 1 for seqs in seen.values() for c in Counter(seqs).values() if c > 1)
    gaps = sum(n - len(set(seen.get(k, []))) for k, n in last.items())  # numbers issued without a ticket
    return len(rows), dupes, gaps


def _drive(
    engine: str, db: str, workers: int, workdir: Path, pg_pid: int | None = None, paced_tps: float | None = None
) -> list[dict]:
    """One run; ``paced_tps``: the fleet issues that many tickets a second in all (each terminal
    on its own clock) instead of as many as the central answers."""
    from tests.central.central_process import CentralProcess

    services = _services()
    with CentralProcess(db, workdir, {}, workers=workers) as central:
        port = central.port
        terminals = _enrol_terminals(db, central.url)
        assignments = [(t, tok, services[i % len(services)]) for i, (t, tok) in enumerate(terminals.items())]
        ctx = multiprocessing.get_context("spawn")
        start_at = time.time() + 2.0  # every load process up before the clock starts
        chunks = [assignments[i::LOAD_PROCESSES] for i in range(LOAD_PROCESSES)]
        with ctx.Pool(LOAD_PROCESSES) as pool:
            every_s = None if paced_tps is None else TERMINALS / paced_tps
            pending = pool.starmap_async(_load_process, [(port, chunk, start_at, SECONDS, every_s) for chunk in chunks])
            # CPU spent by the central's processes and the database during the timed window.
            time.sleep(max(0.0, start_at - time.time()))
            central_pids, db_pids = _tree(central.proc.pid), _tree(pg_pid) if pg_pid else []
            cpu0 = (_cpu_s(central_pids), _cpu_s(db_pids))
            time.sleep(SECONDS)
            # The trees again: server processes started during the window (a pool growing under
            # load forks PostgreSQL backends) count too; they were at 0 when it began.
            central_pids, db_pids = _tree(central.proc.pid), _tree(pg_pid) if pg_pid else []
            cpu1 = (_cpu_s(central_pids), _cpu_s(db_pids))
            results = pending.get(SECONDS + 120)
            load_avg = os.getloadavg()[0]
    outcomes = [o for part, _ in results for o in part]
    load_cpu_s = sum(cpu for _, cpu in results)
    ok = [o for o in outcomes if o[0] == "ok" and o[4] == 200]
    errors = len(outcomes) - len(ok)
    reserve = [o[1] for o in ok]
    seen = Counter((o[2], o[3]) for o in ok)
    client_dupes = sum(c - 1 for c in seen.values() if c > 1)
    tickets, db_dupes, gaps = _db_check(db)
    tag = f"central_fleet.{engine}_{workers}w" + ("" if paced_tps is None else f"_paced_{paced_tps:g}")
    target = 500.0 if engine == "postgresql" and paced_tps is None else None
    return [
        figure(f"{tag}.tickets_per_s", len(ok) / SECONDS, "tickets/s", target, "higher"),
        figure(f"{tag}.reserve_p50", median(reserve) if reserve else 0.0, "ms"),
        figure(f"{tag}.reserve_p99", percentile(reserve, 0.99) if reserve else 0.0, "ms", 100.0),
        figure(f"{tag}.duplicates", max(client_dupes, db_dupes), "numbers", 0.0),
        figure(f"{tag}.gaps", gaps, "numbers", 0.0),
        figure(f"{tag}.errors", errors, "requests", 0.0),
        figure(f"{tag}.tickets_in_db", tickets, "tickets", None, "higher"),
        figure(f"{tag}.central_cpu_per_ticket", (cpu1[0] - cpu0[0]) * 1000 / max(1, len(ok)), "ms"),
        figure(f"{tag}.postgres_cpu_per_ticket", (cpu1[1] - cpu0[1]) * 1000 / max(1, len(ok)), "ms"),
        figure(f"{tag}.load_generator_cpu_per_ticket", load_cpu_s * 1000 / max(1, len(ok)), "ms"),
        figure(f"{tag}.machine_load_avg_1min", load_avg, "runnable", None),
    ]


REPEATS = int(os.environ.get("BENCH_FLEET_REPEATS", "3"))


def _median_of_runs(runs: list[list[dict]]) -> list[dict]:
    """Each figure's median over repeated runs, under the runs' common name (``..._run1`` -> ``...``).
    Why: this shared 2-core machine's speed drifts between runs (the load generator, the same code
    every time, used 0.21 to 0.69 ms of CPU per ticket on one afternoon), so one run can land in
    a slow stretch."""
    out = []
    for figures in zip(*runs, strict=True):
        first = figures[0]
        name = first["metric"].replace("_run1.", ".")
        value = median([f["value"] for f in figures])
        out.append(figure(name, value, first["unit"], first["target"], first["better"]))
    return out


def run() -> list[dict]:
    from tests.pg import LocalPostgres

    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp:
        work = Path(tmp)
        with LocalPostgres(durable=True, max_connections=150) as pg:
            runs = []
            for n in range(1, REPEATS + 1):
                figures = _drive("postgresql", pg.create_database(f"fleet{n}"), 4, work, pg.proc.pid)
                for f in figures:
                    f["metric"] = f["metric"].replace("postgresql_4w.", f"postgresql_4w_run{n}.")
                runs.append(figures)
                results += figures
            results += _median_of_runs(runs)  # the figures to judge against the targets
            # The same fleet paced at 400 tickets/s, below what the machine can answer: the
            # latency a hall sees when its central is not saturated (the runs above are).
            results += _drive("postgresql", pg.create_database("fleet_paced"), 4, work, pg.proc.pid, paced_tps=400)
            # One worker per core, for comparison.
            results += _drive("postgresql", pg.create_database("fleet_2w"), 2, work, pg.proc.pid)
        results += _drive("sqlite", str(work / "fleet.sqlite3"), 1, work)
    return results


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
