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
from central.store import Store


def install(app: Any, db: Store, catalog_file: CatalogFile, ticket_desk: Any, clock: Callable[[], datetime]) -> None:
    site = catalog_file.catalog.site.id
    waits = WaitFigures(db, site, clock)
    ticket_desk.wait_model = waits.minutes
    app.state.calls = CallDesk(db, catalog_file, clock, on_change=waits.invalidate)
    app.state.staff = StaffDirectory(db, site, clock)
    app.include_router(counters_router(app.state.calls, app.state.staff))
