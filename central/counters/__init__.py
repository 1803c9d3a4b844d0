"""Counters call tickets (issue 14): staff accounts and sessions, counters, the call actions, and
the wait figures they make true. ``install(app, …)`` is the one line the app needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from central.catalog_file import CatalogFile
from central.counters.api import counters_router
from central.counters.desk import CallDesk
from central.counters.staff import StaffDirectory
from central.counters.waits import WaitFigures
from central.sites import Sites, as_sites
from central.store import Store


def install(app: Any, db: Store, sites: Sites | CatalogFile, ticket_desk: Any, clock: Callable[[], datetime]) -> None:
    sites = as_sites(sites)
    waits = {site.id: WaitFigures(db, site.id, clock) for site in sites}

    def minutes(site: str, service_id: str, people_ahead: int) -> int | None:
        figures = waits.get(site)
        return figures.minutes(service_id, people_ahead) if figures is not None else None

    def invalidate() -> None:
        for figures in waits.values():
            figures.invalidate()

    ticket_desk.wait_model = minutes
    app.state.wait_figures = waits  # per site
    ticket_desk.wait_figures_due = lambda site: site in waits and waits[site].stale()
    ticket_desk.read_wait_figures = lambda site: waits[site].refresh_if_stale()
    app.state.calls = CallDesk(db, sites, clock, on_change=invalidate)
    app.state.staff = StaffDirectory(db, sites.default.id, clock)
    app.include_router(counters_router(app.state.calls, app.state.staff))
