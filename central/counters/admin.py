"""Administrator commands for counters (``python main.py central add-staff|add-counter|seed-demo``).

Passwords are read from the terminal (or one line of stdin with ``--password-stdin``), never from
the command line, where ``ps`` would show them. ``seed-demo`` creates the demo's accounts and
counters with known passwords, at every site served: for the demo and training only, never a
real site. The same usernames exist at each demo site with the site's own passwords, so the counter
page's login (no site picker) finds the account by its password.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from central.counters.desk import CallDesk
from central.counters.staff import ROLES, StaffDirectory
from central.sites import SiteConfig, load_sites
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


def demo_zone(zone_text: str) -> str:
    """The zone a demo counter stands in: the word after "Zona" in the catalogue's zone text
    ("Zona A · Loket 1–4" -> A, "Zona Dukcapil · Loket 1–2" -> Dukcapil), because that is what a
    hall TV asks for (``/display?zone=`` takes letters, digits, space, ``._-`` only)."""
    found = re.search(r"Zona ([A-Za-z0-9]+)", zone_text)
    return found.group(1) if found else "A"


def demo_password(site: SiteConfig, index: int, password: str) -> str:
    """The default (first) site keeps the passwords the docs print; every other site its own."""
    return password if index == 0 else f"{site.id}-{password.removeprefix('demo-')}"


def main(argv: list[str], *, default_db: Path, default_catalogs: tuple[Path, ...]) -> int:
    p = argparse.ArgumentParser(prog=f"central {argv[0]}")
    p.add_argument("--db", default=str(default_db), help="SQLite file or database URL")
    p.add_argument(
        "--catalog",
        type=Path,
        action="append",
        default=None,
        help="a site's catalogue TOML, once per site as for `central` (default: the demo sites)",
    )
    if argv[0] != "seed-demo":
        p.add_argument("--site", default=None, help="the site (default: the first catalogue's)")
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
    sites = load_sites(args.catalog or default_catalogs)
    store = open_store(args.db if "://" in str(args.db) else Path(args.db))
    try:
        migrate(store)
        staff = StaffDirectory(store, sites.default.id, _now)
        desk = CallDesk(store, sites, _now)
        site = getattr(args, "site", None)
        if site is not None and site not in sites:
            raise ValueError(f"no site {site[:64]!r} among the catalogues ({', '.join(sites.ids)})")
        if argv[0] == "add-staff":
            member = staff.add(args.username, _password(args.password_stdin), args.role, args.name, site=site)
            print(f"staff account {member.username} ({member.role}) created at site {member.site}")
        elif argv[0] == "add-counter":
            counter = desk.add_counter(args.label, args.zone, args.service, site=site)
            print(f"counter {counter.counter.label} created: {counter.counter.id}")
        else:
            for index, hall in enumerate(sites):
                _seed_demo(staff, desk, hall, index)
    except ValueError as exc:
        raise SystemExit(f"central {argv[0]}: {exc}") from None
    finally:
        store.close()
    return 0


def _seed_demo(staff: StaffDirectory, desk: CallDesk, site: SiteConfig, index: int) -> None:
    """Demo accounts and one counter per agency at ``site``; what exists already is left alone."""
    print(f"site {site.id} ({site.catalog.site.name}, {site.catalog.site.timezone}):")
    for username, password, role in DEMO_STAFF:
        password = demo_password(site, index, password)
        try:
            staff.add(username, password, role, site=site.id)
            print(f"demo account {username} / {password} ({role})")
        except ValueError as exc:
            print(f"demo account {username}: left as it is ({exc})")
    for n, agency in enumerate(site.catalog.agencies, start=1):
        services = [s for s in site.catalog.services if s.agency_id == agency.id]
        if not services:
            continue
        try:
            desk.add_counter(str(n), demo_zone(services[0].zone.get("id")), [s.id for s in services], site=site.id)
            print(f"demo counter {n}: {', '.join(s.id for s in services)}")
        except ValueError as exc:
            print(f"demo counter {n}: left as it is ({exc})")
