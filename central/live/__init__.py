"""The live hall (issue 14): queue events, their stream (SSE and a JSON fallback), the hall
display and the citizen's live phone page. ``install(app, …)`` is the one line the app needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from central.catalog_file import CatalogFile
from central.sites import Sites
from central.store import Store


def install(
    app: Any,
    db: Store,
    catalog_file: Sites | CatalogFile,
    clock: Callable[[], datetime],
    terminal: Callable[..., Any] | None = None,
) -> None:
    """``terminal``: the app's kiosk authentication (a FastAPI dependency answering the
    terminal's principal), for the kiosks' stream."""
    from central.live.api import live_router  # here: central.counters imports central.live.events
    from central.live.feed import LiveFeed
    from central.live.hub import SiteHubs

    app.state.live = LiveFeed(db, catalog_file, clock, app.state.desk.get)
    app.state.live_hub = SiteHubs(app.state.live, app.state.live.sites.ids)
    app.include_router(live_router(app.state.live, app.state.live_hub, app.state.staff, terminal))
