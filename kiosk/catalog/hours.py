"""When a service takes tickets: its catalogue opening windows, in the site's time zone.

The kiosk's clock is only used to know the time of day; the windows come from the central's
catalogue. Pure functions, no Qt, no I/O.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.contract import Catalog, Service


def is_open(catalog: Catalog, service: Service, now: datetime) -> bool:
    """True when ``service`` takes tickets at ``now`` (any aware datetime)."""
    return service.is_open_at(now.astimezone(catalog.site.tz))


def next_opening(catalog: Catalog, service: Service, now: datetime) -> datetime | None:
    """The start of the next opening window after ``now``, in site time; None if it never opens
    within a week (no hours at all)."""
    local = now.astimezone(catalog.site.tz)
    best: datetime | None = None
    for days in range(8):
        day = (local + timedelta(days=days)).date()
        for window in service.hours:
            if window.weekday != day.weekday():
                continue
            start = datetime.combine(day, window.opens, catalog.site.tz)
            if start > local and (best is None or start < best):
                best = start
        if best is not None:
            return best
    return None
