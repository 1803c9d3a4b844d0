"""The daily recap (rekap harian) of a site: tickets taken, served, no-shows, median and p90 wait,
median service time; per service and per hour, and for the whole day.

Definitions (what the hall's monthly report needs to be able to say):
- taken: tickets that reached a citizen that day (printed or virtual), by the hour they were taken;
- served: tickets whose service finished (``done``); no-shows: tickets left as no-show;
- wait: from taking the ticket to its first call (tickets never called have none);
- service time: from the call that ended ``done`` to its end;
- a ticket counts under its service at the end of the day (after any transfer);
- p90 is the nearest-rank percentile (the smallest value with at least 90 % at or below it).
``recap`` is a pure function of the facts, so the test can check it against the tickets it made.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from central.store import Store, from_us

COLUMNS = (
    "group",
    "taken",
    "served",
    "no_show",
    "median_wait_min",
    "p90_wait_min",
    "median_service_min",
)


@dataclass(frozen=True)
class TicketFacts:
    """One ticket of the day, as the recap counts it."""

    service_id: str
    taken_at: datetime  # local time of the site
    outcome: str  # the ticket's call state: waiting / called / serving / done / no_show
    wait_s: float | None
    service_s: float | None


@dataclass(frozen=True)
class RecapRow:
    group: str  # a service id, an hour "08:00", or "all"
    taken: int
    served: int
    no_show: int
    median_wait_min: float | None
    p90_wait_min: float | None
    median_service_min: float | None

    def as_list(self) -> list[Any]:
        return [getattr(self, c) for c in COLUMNS]


@dataclass(frozen=True)
class Recap:
    site: str
    day: date
    total: RecapRow
    services: list[RecapRow]
    hours: list[RecapRow]
    service_names: dict[str, str]

    def as_dict(self) -> dict[str, Any]:
        def row(r: RecapRow) -> dict[str, Any]:
            return dict(zip(COLUMNS, r.as_list(), strict=True))

        return {
            "site": self.site,
            "date": self.day.isoformat(),
            "total": row(self.total),
            "services": [{**row(r), "name": self.service_names.get(r.group, r.group)} for r in self.services],
            "hours": [row(r) for r in self.hours],
        }


def nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60.0, 1)


def _row(group: str, facts: list[TicketFacts]) -> RecapRow:
    waits = [f.wait_s for f in facts if f.wait_s is not None]
    services = [f.service_s for f in facts if f.service_s is not None]
    return RecapRow(
        group=group,
        taken=len(facts),
        served=sum(1 for f in facts if f.outcome == "done"),
        no_show=sum(1 for f in facts if f.outcome == "no_show"),
        median_wait_min=_minutes(statistics.median(waits)) if waits else None,
        p90_wait_min=_minutes(nearest_rank(waits, 0.9)) if waits else None,
        median_service_min=_minutes(statistics.median(services)) if services else None,
    )


def recap(site: str, day: date, facts: Iterable[TicketFacts], service_names: dict[str, str]) -> Recap:
    """Group the day's tickets by service (in catalogue order) and by hour taken."""
    all_facts = list(facts)
    by_service: dict[str, list[TicketFacts]] = {}
    by_hour: dict[int, list[TicketFacts]] = {}
    for f in all_facts:
        by_service.setdefault(f.service_id, []).append(f)
        by_hour.setdefault(f.taken_at.hour, []).append(f)
    order = {sid: i for i, sid in enumerate(service_names)}
    return Recap(
        site=site,
        day=day,
        total=_row("all", all_facts),
        services=[
            _row(sid, by_service[sid]) for sid in sorted(by_service, key=lambda s: (order.get(s, len(order)), s))
        ],
        hours=[_row(f"{h:02d}:00", by_hour[h]) for h in sorted(by_hour)],
        service_names=service_names,
    )


_FACTS = (
    "SELECT t.service_id, t.reserved_us, t.call_state,"
    " (SELECT MIN(k.called_us) FROM calls k WHERE k.ticket_id = t.id AND k.leg = 0) AS first_call_us,"
    " (SELECT MAX(k.ended_us - k.called_us) FROM calls k WHERE k.ticket_id = t.id AND k.outcome = 'done')"
    " AS service_us"
    " FROM tickets t WHERE t.site = ? AND t.business_date = ? AND t.status IN ('confirmed', 'virtual')"
)


def read_facts(db: Store, site: str, day: date, tz: ZoneInfo, services: set[str]) -> list[TicketFacts]:
    """The day's tickets of the site's services (a ticket's business day is the site's date)."""
    rows = db.run_read(lambda conn: conn.execute(_FACTS, (site, day.isoformat())).fetchall())
    out = []
    for r in rows:
        if r["service_id"] not in services:
            continue
        first = r["first_call_us"]
        out.append(
            TicketFacts(
                service_id=r["service_id"],
                taken_at=from_us(r["reserved_us"]).astimezone(tz),
                outcome=r["call_state"],
                wait_s=(first - r["reserved_us"]) / 1e6 if first is not None else None,
                service_s=r["service_us"] / 1e6 if r["service_us"] is not None else None,
            )
        )
    return out
