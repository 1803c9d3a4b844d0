"""``main.py central backup | restore | retention``: the operator's commands (run by hand, by the
restore drill and by the systemd timers in deploy/central/). Exit status 0 on success, 1 with one
line on stderr when the operation cannot be done as asked."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

COMMANDS = ("backup", "restore", "retention")


def main(argv: list[str], *, default_db: Path) -> int:
    from central.logs import configure
    from central.ops.backup import OpsError

    p = argparse.ArgumentParser(prog="central", description="Operations of the central (docs/central-operations.md).")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("backup", help="consistent backup while the central runs (pg_dump / SQLite backup API)")
    b.add_argument("--db", default=str(default_db), help="SQLite file or database URL")
    b.add_argument("--out", type=Path, required=True, help="backup file to write (0600; replaced atomically)")
    r = sub.add_parser("restore", help="restore a backup into an empty database, then migrate it to the head")
    r.add_argument("--db", default=str(default_db), help="SQLite file or database URL to restore into")
    r.add_argument("--from", dest="source", type=Path, required=True, help="backup file")
    r.add_argument("--force", action="store_true", help="replace what the target database holds")
    r.add_argument(
        "--advance-numbers",
        type=int,
        default=0,
        metavar="N",
        help="move today's counters on by N (numbers issued after the backup are in citizens' hands)",
    )
    t = sub.add_parser("retention", help="delete or null personal data older than --days")
    t.add_argument("--db", default=str(default_db), help="SQLite file or database URL")
    t.add_argument("--days", type=int, required=True, help="keep personal data this many days (>= 1)")
    t.add_argument("--dry-run", action="store_true", help="only print how many rows are due")
    args = p.parse_args(argv)
    configure("text")
    try:
        if args.command == "backup":
            return _backup(args)
        if args.command == "restore":
            return _restore(args)
        return _retention(args)
    except (OpsError, ValueError) as exc:
        print(f"central {args.command}: {exc}", file=sys.stderr)
        return 1


def _backup(args: argparse.Namespace) -> int:
    from central.ops.backup import backup

    result = backup(args.db, args.out)
    tickets = f", {result.tickets} tickets" if result.tickets is not None else ""
    print(
        f"central backup: {result.engine} -> {result.path} ({result.size_bytes} bytes, "
        f"schema {result.schema_version}{tickets})"
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    from central.ops.backup import restore

    if args.advance_numbers < 0:
        raise ValueError("--advance-numbers cannot be negative")
    result = restore(args.db, args.source, force=args.force, advance_numbers=args.advance_numbers)
    migrated = f"migrated {result.migrated}" if result.migrated else "schema current"
    advanced = (
        f", {result.advanced_counters} counters moved on by {args.advance_numbers}" if args.advance_numbers else ""
    )
    print(
        f"central restore: {result.engine}: {result.tickets} tickets, {migrated} "
        f"(schema at {result.schema_version}){advanced}"
    )
    return 0


def _retention(args: argparse.Namespace) -> int:
    from central.ops.backup import OpsError, engine_of
    from central.ops.retention import apply_retention
    from central.store import open_store

    engine, target = engine_of(args.db)
    if engine == "sqlite" and not Path(target).is_file():
        raise OpsError(f"no SQLite database at {target}")
    store = open_store(target, pool_max=2)
    try:
        verb = "due" if args.dry_run else "done"
        counts = apply_retention(
            store,
            args.days,
            now=datetime.now(UTC),
            dry_run=args.dry_run,
            progress=lambda name, n: print(f"central retention ({verb}, older than {args.days} days): {n} {name}"),
        )
    finally:
        store.close()
    print(f"central retention: {sum(counts.values())} rows {'due' if args.dry_run else 'changed'}")
    return 0
