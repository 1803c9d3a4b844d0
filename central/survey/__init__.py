"""The satisfaction survey (SKM, issue 18): citizens rate a served ticket once, at the kiosk or on
the phone page; supervisors get the hall's IKM per period. ``install(app, …)`` is the one line
the app needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from central.catalog_file import CatalogFile
from central.sites import Sites, as_sites
from central.store import Store


def install(
    app: Any,
    db: Store,
    sites: Sites | CatalogFile,
    authenticate_terminal: Callable[[str | None, str | None, str], Any],
    clock: Callable[[], datetime],
) -> None:
    """After the counters (it uses their staff directory for the supervisor's report)."""
    from central.survey.api import survey_router
    from central.survey.ratings import RatingBook

    staff = app.state.staff
    app.state.ratings = RatingBook(db, sites, clock)
    app.include_router(survey_router(app.state.ratings, staff, as_sites(sites), authenticate_terminal, clock))
