"""``main.py central issue-code --terminal T | --site S`` and ``main.py central revoke T``.

Argument parsing only imports argparse, so ``main.py`` can offer these commands without loading
the server (the kiosk's start-up time); the work is in ``central.terminal_admin``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path


def add_admin_commands(parser: argparse.ArgumentParser) -> None:
    """``issue-code`` and ``revoke`` under ``parser`` (``main.py central`` and ``python -m central``)."""
    sub = parser.add_subparsers(dest="admin_command", metavar="{issue-code,revoke}")
    issue = sub.add_parser("issue-code", help="print a new one-time enrolment code (stored as a hash only)")
    issue.add_argument("--terminal", metavar="T", help="for this terminal id only")
    issue.add_argument(
        "--site",
        metavar="S",
        help="for one new terminal of this site (a catalogue's site id); with --terminal: that terminal, "
        "enrolled to this site (default: the first catalogue's site)",
    )
    issue.add_argument("--valid-hours", type=float, default=72.0, help="expires after this many hours (default 72)")
    revoke = sub.add_parser("revoke", help="invalidate a terminal's token now; it may then be enrolled again")
    revoke.add_argument("terminal", metavar="T")
    for command in (issue, revoke):
        # Also accepted after the command; SUPPRESS keeps the parent's value when not given here.
        command.add_argument("--db", default=argparse.SUPPRESS, help="the central's SQLite file or database URL")
        command.add_argument(
            "--catalog",
            type=Path,
            action="append",
            default=argparse.SUPPRESS,
            help="a site's catalogue TOML, once per site as for `central` (the site ids)",
        )


def run_admin(args: argparse.Namespace) -> int:
    """Run ``args.admin_command`` against ``args.db``; 0 done, 1 refused (reason on stderr)."""
    from central.cli import DEMO_CATALOGS
    from central.sites import load_sites
    from central.store import migrate, open_store, redact_url
    from central.terminal_admin import TerminalAdminError, issue_code, revoke

    target = str(args.db)
    db = open_store(target if "://" in target else Path(target), pool_max=2)
    try:
        migrate(db)  # the auth columns are migration steps; a no-op on a current schema
        if args.admin_command == "revoke":
            if not revoke(db, args.terminal):
                raise TerminalAdminError(
                    f"no enrolled terminal {args.terminal!r} in {redact_url(target)} "
                    "(terminals configured in the catalogue are removed there)"
                )
            print(f"terminal {args.terminal} revoked: its token no longer works; issue a code to enrol it again")
            return 0
        if args.terminal is None and args.site is None:
            raise TerminalAdminError("give --terminal T, --site S or both")
        if args.site is not None:
            served = load_sites(args.catalog or DEMO_CATALOGS).ids
            if args.site not in served:
                raise TerminalAdminError(f"this central serves sites {', '.join(served)}, not {args.site[:64]!r}")
        if not 0 < args.valid_hours <= 24 * 30:
            raise TerminalAdminError("--valid-hours must be between 0 and 720")
        code = issue_code(db, terminal_id=args.terminal, site_id=args.site, valid_for=timedelta(hours=args.valid_hours))
    except TerminalAdminError as exc:
        print(f"central: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    bound = f"terminal {args.terminal}" if args.terminal else "a new terminal"
    bound += f" of site {args.site}" if args.site else ""
    print(f"one-time enrolment code for {bound}, valid {args.valid_hours:g} h (shown only now):\n{code}")
    return 0
