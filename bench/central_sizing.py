"""Sizing: what one central worker (one core) serves on PostgreSQL. The fleet benchmark's load
(50 terminals reserving + confirming, bench/central_fleet.py) against ``--workers 1``; besides
tickets/s it prints the CPU each ticket costs the central and the database, from which the
tickets/s one core can serve follows (1000 / ms per ticket), independent of how busy the shared
machine was. docs/central-operations.md quotes the figures.

Run: python -m bench central_sizing   (BENCH_FLEET_SECONDS=10 for a quick look)
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.central_fleet import _drive
from bench.stats import figure


def run() -> list[dict]:
    from tests.pg import LocalPostgres

    with tempfile.TemporaryDirectory(prefix="bench-sizing-") as tmp:
        with LocalPostgres(durable=True, max_connections=50) as pg:
            rows = _drive("postgresql", pg.create_database("sizing"), 1, Path(tmp), pg.proc.pid)
    cpu = {r["metric"].rsplit(".", 1)[1]: r["value"] for r in rows}
    central_ms, pg_ms = cpu["central_cpu_per_ticket"], cpu["postgres_cpu_per_ticket"]
    return [
        *rows,
        figure(
            "central_sizing.tickets_per_core_central_only", 1000 / max(central_ms, 0.001), "tickets/s", None, "higher"
        ),
        figure(
            "central_sizing.tickets_per_core_central_and_db",
            1000 / max(central_ms + pg_ms, 0.001),
            "tickets/s",
            None,
            "higher",
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
