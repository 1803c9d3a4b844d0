"""The hall today, for the supervisor: per service waiting / at a counter / served / no-show and the
longest wait now, and every counter's state. Real figures only (the demo catalogue's made-up
queue that the kiosk and the TV add is left out: a supervisor counts people)."""

from __future__ import annotations

from typing import Any

from central.catalog_file import CatalogFile
from kiosk.contract.tickets import ticket_number

_BY_STATE = (
    "SELECT service_id, call_state, COUNT(*) AS n, MIN(COALESCE(queued_us, reserved_us)) AS oldest_us"
    " FROM tickets WHERE site=? AND business_date=? AND status IN ('confirmed','virtual')"
    " GROUP BY service_id, call_state"
)


def hall_today(conn: Any, catalog_file: CatalogFile, day: str, now_us: int) -> dict[str, Any]:
    catalog = catalog_file.catalog
    figures: dict[str, dict[str, Any]] = {
        s.id: {
            "service_id": s.id,
            "name": s.name.model_dump(),
            "prefix": s.prefix,
            "waiting": 0,
            "at_counter": 0,
            "served": 0,
            "no_show": 0,
            "longest_wait_s": None,
        }
        for s in catalog.services
    }
    for r in conn.execute(_BY_STATE, (catalog.site.id, day)).fetchall():
        f = figures.get(r["service_id"])
        if f is None:
            continue
        state = r["call_state"]
        if state == "waiting":
            f["waiting"] += r["n"]
            f["longest_wait_s"] = max(0, (now_us - r["oldest_us"]) // 1_000_000)
        elif state in ("called", "serving"):
            f["at_counter"] += r["n"]
        elif state == "done":
            f["served"] += r["n"]
        elif state == "no_show":
            f["no_show"] += r["n"]
    counters = []
    for c in conn.execute(
        "SELECT c.id, c.label, c.zone, c.state, s.display_name FROM counters c"
        " LEFT JOIN staff s ON s.id = c.staff_id WHERE c.site=? ORDER BY c.label",
        (catalog.site.id,),
    ).fetchall():
        current = conn.execute(
            "SELECT prefix, sequence, call_state FROM tickets WHERE counter_id=? AND call_state IN ('called','serving')"
            " ORDER BY call_state_us DESC LIMIT 1",
            (c["id"],),
        ).fetchone()
        counters.append(
            {
                "label": c["label"],
                "zone": c["zone"],
                "state": c["state"],
                "staff": c["display_name"] if c["state"] != "closed" else None,
                "current": ticket_number(current["prefix"], current["sequence"]) if current else None,
            }
        )
    services = [f for f in figures.values() if any(f[k] for k in ("waiting", "at_counter", "served", "no_show"))]
    longest = [f["longest_wait_s"] for f in figures.values() if f["longest_wait_s"] is not None]
    return {
        "site": {"id": catalog.site.id, "name": catalog.site.name, "timezone": catalog.site.timezone},
        "day": day,
        "now_us": now_us,
        "services": services,  # those with tickets today
        "totals": {k: sum(f[k] for f in figures.values()) for k in ("waiting", "at_counter", "served", "no_show")},
        "longest_wait_s": max(longest) if longest else None,
        "counters_open": sum(1 for c in counters if c["state"] == "open"),
        "counters": counters,
    }
