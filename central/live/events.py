"""Queue events: appended in the transaction of the change, read back by id.

A row says what a display or a phone needs and nothing personal: ticket numbers, counter labels,
service ids, waiting counts, and the caller's sentence. ``ticket_id`` is kept only for the staff
stream; the public one drops it (a ticket id is what opens a citizen's phone page).

A reader that saw id 12 must not skip an 11 committed after it. SQLite's single writer commits
ids in order. On PostgreSQL a BIGSERIAL id is taken at INSERT but becomes visible at COMMIT, so
concurrent writers can commit out of order; rather than serialise every writer of the site (an
advisory lock cost a third of the ticket throughput with fsync on), the reader holds back at a gap:
``horizon`` is the last id before the first missing one, and a missing id is given up as rolled
back (a retried transaction burns its sequence value) after GAP_GRACE_S.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from central.store import to_us
from kiosk.contract.tickets import ticket_number

KEEP_S = 6 * 3600  # a display away longer than this gets a snapshot instead of the backlog
PUBLIC_KEYS = (
    *("number", "service_id", "counter", "waiting", "announcement", "state"),
    *("counters", "serving", "recent", "services", "now_us"),  # a snapshot: public by construction
)


def append(conn: Any, site: str, zone: str, kind: str, at: datetime, payload: dict[str, Any]) -> None:
    """Record one queue change; call it last in the change's transaction."""
    conn.execute(
        "INSERT INTO queue_events (site, zone, kind, at_us, payload) VALUES (?,?,?,?,?)",
        (site, zone, kind, to_us(at), json.dumps(payload, separators=(",", ":"))),
    )


def waiting_counts(
    conn: Any, day: str, services: list[str], pretend: Mapping[str, int] | None = None, *, site: str
) -> dict[str, int]:
    """People waiting (not yet called) per service of the site today, for the event's payload;
    ``pretend`` is the demo catalogue's made-up queue, added as /v1/queues adds it, so the TV and
    the kiosk agree."""
    out = {}
    for service in services:
        (n,) = conn.execute(
            "SELECT COUNT(*) FROM tickets WHERE site=? AND service_id=? AND business_date=?"
            " AND status IN ('confirmed','virtual') AND call_state='waiting'",
            (site, service, day),
        ).fetchone()
        out[service] = n + (pretend or {}).get(service, 0)
    return out


GAP_GRACE_S = 2.0  # far longer than a queue change's transaction takes to commit
SCAN = 500
FORGET_GAP_S = 60.0
READ_LIMIT = 200


class GapWatch:
    """When each missing id was first noticed (per process), to tell in-flight from rolled back."""

    def __init__(self) -> None:
        self.first_seen: dict[int, float] = {}

    def horizon(self, conn: Any, site: str, after: int) -> int:
        """The highest id up to which every id after ``after`` is committed or given up. Ids of
        every site count: the ids are one sequence, so another site's event is no gap."""
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM queue_events WHERE id > ? ORDER BY id LIMIT ?", (after, SCAN)
            ).fetchall()
        ]
        now = time.monotonic()
        for gap in [g for g, t in self.first_seen.items() if now - t > FORGET_GAP_S]:
            del self.first_seen[gap]  # long settled; a reader far behind waits GAP_GRACE_S once more
        expected = after + 1
        for event_id in ids:
            if event_id != expected:  # expected..event_id-1 not visible: in flight, or rolled back
                seen = self.first_seen.setdefault(expected, now)
                if now - seen < GAP_GRACE_S:
                    return expected - 1
            expected = event_id + 1
        return expected - 1


def append_joined(
    conn: Any, row: Any, at: datetime, pretend: Mapping[str, int] | None = None, *, offline: bool = False
) -> None:
    """The hall's live stream learns of a ticket that joined its line (site-wide: no counter yet),
    with the service's waiting count after it. ``row``: the ticket's row; ``offline``: issued by a
    kiosk from its lease while the central was away."""
    payload: dict[str, Any] = {
        "ticket_id": row["id"],
        "number": ticket_number(row["prefix"], row["sequence"]),
        "service_id": row["service_id"],
        "state": "waiting",
    }
    if offline:
        payload["offline"] = True
    payload["waiting"] = waiting_counts(conn, row["business_date"], [row["service_id"]], pretend, site=row["site"])
    append(conn, row["site"], "", "joined", at, payload)


def read_after(
    conn: Any, site: str, zone: str | None, after: int, upto: int, limit: int = READ_LIMIT
) -> list[dict[str, Any]]:
    """Events in (after, upto] for a zone (and the site-wide ones), oldest first; None = every zone."""
    if zone is None:
        rows = conn.execute(
            "SELECT id, zone, kind, at_us, payload FROM queue_events WHERE site=? AND id > ? AND id <= ?"
            " ORDER BY id LIMIT ?",
            (site, after, upto, limit),
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT id, zone, kind, at_us, payload FROM queue_events WHERE site=? AND zone IN (?, '') AND id > ?"
            " AND id <= ? ORDER BY id LIMIT ?",
            (site, zone, after, upto, limit),
        ).fetchall()
    return [
        {"id": r["id"], "zone": r["zone"], "kind": r["kind"], "at_us": r["at_us"], **json.loads(r["payload"])}
        for r in rows
    ]


def bounds(conn: Any, site: str) -> tuple[int, int]:
    """(highest pruned id, newest id) of the site; a reader behind the first gets a snapshot."""
    pruned = conn.execute("SELECT through_id FROM queue_events_pruned WHERE site=?", (site,)).fetchone()
    (newest,) = conn.execute("SELECT MAX(id) FROM queue_events WHERE site=?", (site,)).fetchone()
    return (pruned[0] if pruned else 0, newest or 0)


def prune(conn: Any, site: str, now: datetime) -> int:
    """Drop events older than KEEP_S, and remember up to which id (a reader there needs a snapshot)."""
    (through,) = conn.execute(
        "SELECT MAX(id) FROM queue_events WHERE site=? AND at_us < ?", (site, to_us(now) - KEEP_S * 1_000_000)
    ).fetchone()
    if through is None:
        return 0
    cur = conn.execute("DELETE FROM queue_events WHERE site=? AND id <= ?", (site, through))
    conn.execute(
        "INSERT INTO queue_events_pruned (site, through_id) VALUES (?, ?)"
        " ON CONFLICT (site) DO UPDATE SET through_id = excluded.through_id",
        (site, through),
    )
    return int(cur.rowcount or 0)


def public(event: dict[str, Any]) -> dict[str, Any]:
    """What a hall TV or a phone may see: numbers, counters, counts, the caller's sentence."""
    return {k: v for k, v in event.items() if k in ("id", "zone", "kind", "at_us", *PUBLIC_KEYS)}


# A payment's status change is an event too (kind "payment"), so a kiosk waiting for its QRIS
# payment hears "paid" the moment the central knows it. Its zone is one no client can ask for
# (zones are [A-Za-z0-9 ._-]), and only the terminal that created the payment is sent it.
PAYMENT_ZONE = "~payments"


def append_payment(conn: Any, site: str, at: datetime, payment: dict[str, Any]) -> None:
    """Record a payment's new status for its terminal's stream (its contract ``Payment``)."""
    append(conn, site, PAYMENT_ZONE, "payment", at, {"terminal_id": payment["terminal_id"], "payment": payment})


def for_staff(event: dict[str, Any]) -> dict[str, Any] | None:
    return None if event["zone"] == PAYMENT_ZONE else event


# Staff business (help requests, kiosk alerts) goes on the site-wide zone for the staff streams;
# hall TVs, phones and kiosks are not sent even its stub.
STAFF_ONLY_KINDS = ("help_", "alert_")


def _staff_only(event: dict[str, Any]) -> bool:
    return str(event["kind"]).startswith(STAFF_ONLY_KINDS)


def for_public(event: dict[str, Any]) -> dict[str, Any] | None:
    return None if event["zone"] == PAYMENT_ZONE or _staff_only(event) else public(event)


def for_terminal(terminal_id: str) -> Any:
    """A kiosk's view: the public queue events, and its own payments (no other terminal's)."""

    def view(event: dict[str, Any]) -> dict[str, Any] | None:
        if event["zone"] == PAYMENT_ZONE:
            if event.get("terminal_id") != terminal_id:
                return None
            return {k: event[k] for k in ("id", "zone", "kind", "at_us", "payment")}
        return None if _staff_only(event) else public(event)

    return view
