"""Backup and restore times of the central's database (central/ops/backup.py) at the size of a
busy hall's year: ``TICKETS`` tickets (default 600 000: 2 000 a day, 300 days), on PostgreSQL
(pg_dump custom format / pg_restore, fsync on) and SQLite (online backup API). Prints seconds
and backup sizes; docs/central-operations.md quotes them.

Run: python -m bench central_backup   (BENCH_BACKUP_TICKETS=100000 for a quick look)
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from bench.stats import figure

TICKETS = int(os.environ.get("BENCH_BACKUP_TICKETS", "600000"))

_COLUMNS = (
    "id, terminal_id, idem_key, request_hash, service_id, prefix, business_date, sequence, priority,"
    " language, status, reserved_us, expires_us, confirmed_us"
)


def _fill(db: Path | str) -> None:
    """TICKETS confirmed tickets, 2 000 a day, in one statement per engine."""
    from central.store import migrate, open_store

    store = open_store(db, pool_max=1)
    migrate(store)
    if store.dialect == "postgresql":
        source = (
            "SELECT md5(g::text), 'kiosk-' || (g % 30), md5(g::text || 'k'), md5(g::text || 'h'), 'ktp-el', 'A',"
            " to_char(date '2026-01-01' + (g / 2000)::int, 'YYYY-MM-DD'), g % 2000 + 1, 'none', 'id', 'confirmed',"
            " 1767225600000000 + g * 1000000, 1767225600000000 + g * 1000000 + 120000000,"
            " 1767225600000000 + g * 1000000 + 5000000 FROM generate_series(0::bigint, ?::bigint - 1) g"
        )
    else:
        source = (
            "WITH RECURSIVE n(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM n WHERE g + 1 < ?)"
            " SELECT hex(randomblob(16)), 'kiosk-' || (g % 30), hex(randomblob(16)), hex(randomblob(32)), 'ktp-el',"
            " 'A', date('2026-01-01', '+' || (g / 2000) || ' days'), g % 2000 + 1, 'none', 'id', 'confirmed',"
            " 1767225600000000 + g * 1000000, 1767225600000000 + g * 1000000 + 120000000,"
            " 1767225600000000 + g * 1000000 + 5000000 FROM n"
        )
    store.transact(lambda conn: conn.execute(f"INSERT INTO tickets ({_COLUMNS}) {source}", (TICKETS,)))
    store.close()


def _time(engine: str, db: Path | str, fresh: Path | str, out: Path) -> list[dict]:
    from central.ops.backup import backup, restore

    _fill(db)
    t0 = time.perf_counter()
    result = backup(db, out)
    t1 = time.perf_counter()
    restored = restore(fresh, out)
    t2 = time.perf_counter()
    assert restored.tickets == TICKETS, restored.tickets
    tag = f"central_backup.{engine}_{TICKETS}_tickets"
    return [
        figure(f"{tag}.backup_s", t1 - t0, "s"),
        figure(f"{tag}.restore_s", t2 - t1, "s"),
        figure(f"{tag}.backup_mb", result.size_bytes / 1e6, "MB"),
    ]


def run() -> list[dict]:
    from tests.pg import LocalPostgres

    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        work = Path(tmp)
        with LocalPostgres(durable=True) as pg:
            results += _time("postgresql", pg.create_database("a"), pg.create_database("b"), work / "pg.backup")
        results += _time("sqlite", work / "a.sqlite3", work / "b.sqlite3", work / "sqlite.backup")
    return results


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
