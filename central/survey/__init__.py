"""The satisfaction survey (SKM, issue 18): citizens rate a served ticket once, at the kiosk or on
the phone page; supervisors get the hall's IKM per period. ``install(app, …)`` is the one line
the app needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from central.catalog_file import CatalogFile
from central.store import Store


def install(
    app: Any,
    db: Store,
    catalog_file: CatalogFile,
    authenticate_terminal: Callable[[str | None, str | None, str], str],
    clock: Callable[[], datetime],
) -> None:
    """After the counters (it uses their staff directory for the supervisor's report)."""
    from central.survey.api import survey_router
    from central.survey.ratings import RatingBook

    staff = app.state.staff
    app.state.ratings = RatingBook(db, catalog_file, staff.site, clock)
    app.include_router(survey_router(app.state.ratings, staff, catalog_file, authenticate_terminal, clock))
