"""Queue events: appended in the transaction of the change, read back by id.

A row says what a display or a phone needs and nothing personal: ticket numbers, counter labels,
service ids, waiting counts, and the caller's sentence. ``ticket_id`` is kept only for the staff
stream; the public one drops it (a ticket id is what opens a citizen's phone page).

Ids must become visible in increasing order, or a reader that saw id 12 would never see an 11
committed after it. SQLite's single writer gives that for free. On PostgreSQL a BIGSERIAL id is
taken at INSERT but becomes visible at COMMIT, so concurrent writers could commit out of order;
``append`` therefore takes a transaction-scoped advisory lock first, so event writers of a site
commit one after another (held only from the event's insert, the last statement, to commit).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from central.store import to_us

KEEP_S = 6 * 3600  # a display away longer than this gets a snapshot instead of the backlog
PUBLIC_KEYS = (
    *("number", "service_id", "counter", "waiting", "announcement", "state"),
    *("counters", "serving", "recent", "services", "now_us"),  # a snapshot: public by construction
)


def append(conn: Any, site: str, zone: str, kind: str, at: datetime, payload: dict[str, Any]) -> None:
    """Record one queue change; call it last in the change's transaction."""
    if conn.dialect == "postgresql":
        conn.execute("SELECT pg_advisory_xact_lock(?)", (zlib.crc32(f"events:{site}".encode()),))
    conn.execute(
        "INSERT INTO queue_events (site, zone, kind, at_us, payload) VALUES (?,?,?,?,?)",
        (site, zone, kind, to_us(at), json.dumps(payload, separators=(",", ":"))),
    )


def waiting_counts(
    conn: Any, day: str, services: list[str], pretend: Mapping[str, int] | None = None
) -> dict[str, int]:
    """People waiting (not yet called) per service today, for the event's payload; ``pretend`` is
    the demo catalogue's made-up queue, added as /v1/queues adds it, so the TV and the kiosk agree."""
    out = {}
    for service in services:
        (n,) = conn.execute(
            "SELECT COUNT(*) FROM tickets WHERE service_id=? AND business_date=? AND status IN ('confirmed','virtual')"
            " AND call_state='waiting'",
            (service, day),
        ).fetchone()
        out[service] = n + (pretend or {}).get(service, 0)
    return out


def read_after(conn: Any, site: str, zone: str | None, after: int, limit: int = 200) -> list[dict[str, Any]]:
    """Events after ``after`` for a zone (and the site-wide ones), oldest first; None = every zone."""
    if zone is None:
        rows = conn.execute(
            "SELECT id, zone, kind, at_us, payload FROM queue_events WHERE site=? AND id > ? ORDER BY id LIMIT ?",
            (site, after, limit),
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT id, zone, kind, at_us, payload FROM queue_events WHERE site=? AND zone IN (?, '') AND id > ?"
            " ORDER BY id LIMIT ?",
            (site, zone, after, limit),
        ).fetchall()
    return [
        {"id": r["id"], "zone": r["zone"], "kind": r["kind"], "at_us": r["at_us"], **json.loads(r["payload"])}
        for r in rows
    ]


def bounds(conn: Any, site: str) -> tuple[int, int]:
    """(oldest kept id, newest id) of the site, (0, 0) with none."""
    row = conn.execute("SELECT MIN(id), MAX(id) FROM queue_events WHERE site=?", (site,)).fetchone()
    return (row[0] or 0, row[1] or 0)


def prune(conn: Any, site: str, now: datetime) -> int:
    """Drop events older than KEEP_S but never the newest (it keeps the ids' high-water mark)."""
    cur = conn.execute(
        "DELETE FROM queue_events WHERE site=? AND at_us < ? AND id < (SELECT MAX(id) FROM queue_events WHERE site=?)",
        (site, to_us(now) - KEEP_S * 1_000_000, site),
    )
    return int(cur.rowcount or 0)


def public(event: dict[str, Any]) -> dict[str, Any]:
    """What a hall TV or a phone may see: numbers, counters, counts, the caller's sentence."""
    return {k: v for k, v in event.items() if k in ("id", "zone", "kind", "at_us", *PUBLIC_KEYS)}
