"""Journal backlog: work written locally that the central has not acknowledged yet.

Pluggable: each journal registers a ``BacklogSource`` (a name and a function counting its
unfinished rows from the data folder). The pending-confirmations DB of ``kiosk.tickets`` and the
money journal of ``kiosk.journal`` are registered here; another journal adds itself with
``register_backlog``.
Databases are opened read-only so a check never creates or locks a journal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.diagnostics.result import CheckResult

BACKLOG_WARN = 20


@dataclass(frozen=True)
class BacklogSource:
    name: str
    count: Callable[[Path], int | None]  # data folder -> unfinished entries (None: no journal yet)


_SOURCES: dict[str, BacklogSource] = {}


def register_backlog(source: BacklogSource) -> None:
    _SOURCES[source.name] = source


def sources() -> list[BacklogSource]:
    return list(_SOURCES.values())


def count_rows(db: Path, table: str, where: str = "") -> int | None:
    """Rows of ``table`` in the SQLite file ``db`` (read-only); None when the file does not exist."""
    if not db.exists():
        return None
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table} {where}").fetchone()[0])
    except sqlite3.OperationalError:
        return None  # table not created yet
    finally:
        conn.close()


register_backlog(
    BacklogSource(
        "ticket_confirmations",
        lambda data_dir: count_rows(data_dir / "pending-confirmations.sqlite3", "pending_confirmations"),
    )
)
# The money journal (kiosk/journal): entries without an outcome are not reconciled yet.
register_backlog(
    BacklogSource(
        "payments",
        lambda data_dir: count_rows(data_dir / "journal.sqlite3", "entries", "WHERE outcome IS NULL"),
    )
)


def total_backlog(data_dir: Path) -> dict[str, int | None]:
    counts = {}
    for source in sources():
        try:
            counts[source.name] = source.count(data_dir)
        except Exception:
            counts[source.name] = -1
    return counts


def check_backlog(data_dir: Path) -> CheckResult:
    counts = total_backlog(data_dir)
    broken = [name for name, n in counts.items() if n == -1]
    waiting = sum(n for n in counts.values() if n and n > 0)
    details = {"journals": counts, "waiting": waiting}
    if broken:
        return CheckResult(
            "journal",
            "FAIL",
            f"cannot read journal(s): {', '.join(broken)}",
            "do not delete it: export logs and call the technician team",
            details,
        )
    if waiting >= BACKLOG_WARN:
        return CheckResult(
            "journal",
            "WARN",
            f"{waiting} entries not yet sent to the central",
            "check the central connection; entries are re-sent automatically",
            details,
        )
    return CheckResult("journal", "OK", f"{waiting} entries waiting for the central", details=details)
