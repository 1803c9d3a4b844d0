"""Administrator commands for counters (``python main.py central add-staff|add-counter|seed-demo``).

Passwords are read from the terminal (or one line of stdin with ``--password-stdin``), never from
the command line, where ``ps`` would show them. ``seed-demo`` creates the demo's accounts and
counters with known passwords: for the demo and training only, never a real site.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path

from central.catalog_file import load_catalog_file
from central.counters.desk import CallDesk
from central.counters.staff import ROLES, StaffDirectory
from central.store import migrate, open_store

DEMO_STAFF = (
    ("loket1", "demo-loket-1", "counter_staff"),
    ("loket2", "demo-loket-2", "counter_staff"),
    ("kepala", "demo-kepala-1", "supervisor"),
)


def _now() -> datetime:
    return datetime.now(UTC)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise SystemExit("the two passwords differ")
    return first


def main(argv: list[str], *, default_db: Path, default_catalog: Path) -> int:
    p = argparse.ArgumentParser(prog=f"central {argv[0]}")
    p.add_argument("--db", default=str(default_db), help="SQLite file or database URL")
    p.add_argument("--catalog", type=Path, default=default_catalog, help="catalogue TOML")
    if argv[0] == "add-staff":
        p.add_argument("username")
        p.add_argument("--role", choices=ROLES, default="counter_staff")
        p.add_argument("--name", default=None, help="name shown at the counter")
        p.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin")
    elif argv[0] == "add-counter":
        p.add_argument("label", help='what the hall calls it, e.g. "5" or "B2"')
        p.add_argument("--zone", required=True)
        p.add_argument("--service", action="append", required=True, help="a service it serves (repeat)")
    args = p.parse_args(argv[1:])
    catalog = load_catalog_file(args.catalog)
    store = open_store(args.db if "://" in str(args.db) else Path(args.db))
    try:
        migrate(store)
        staff = StaffDirectory(store, catalog.catalog.site.id, _now)
        desk = CallDesk(store, catalog, _now)
        if argv[0] == "add-staff":
            member = staff.add(args.username, _password(args.password_stdin), args.role, args.name)
            print(f"staff account {member.username} ({member.role}) created")
        elif argv[0] == "add-counter":
            counter = desk.add_counter(args.label, args.zone, args.service)
            print(f"counter {counter.counter.label} created: {counter.counter.id}")
        else:
            _seed_demo(staff, desk, catalog)
    except ValueError as exc:
        raise SystemExit(f"central {argv[0]}: {exc}") from None
    finally:
        store.close()
    return 0


def _seed_demo(staff: StaffDirectory, desk: CallDesk, catalog) -> None:  # type: ignore[no-untyped-def]
    """Demo accounts and one counter per agency; what exists already is left alone."""
    for username, password, role in DEMO_STAFF:
        try:
            staff.add(username, password, role)
            print(f"demo account {username} / {password} ({role})")
        except ValueError as exc:
            print(f"demo account {username}: left as it is ({exc})")
    for n, agency in enumerate(catalog.catalog.agencies, start=1):
        services = [s for s in catalog.catalog.services if s.agency_id == agency.id]
        if not services:
            continue
        try:
            desk.add_counter(str(n), services[0].zone.get("id"), [s.id for s in services])
            print(f"demo counter {n}: {', '.join(s.id for s in services)}")
        except ValueError as exc:
            print(f"demo counter {n}: left as it is ({exc})")
