"""The supervisor sees the hall (issue 15): kiosks' help requests, kiosk alerts from heartbeats,
the supervisor view and the daily recap. ``install(app, …)`` is the one line the app needs."""

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
    clock: Callable[[], datetime],
    terminal: Callable[..., Any],
    site_of: Callable[[str, str | None], str],
) -> None:
    """After the counters (it uses their staff sessions); ``terminal`` is the app's terminal-token
    dependency (the kiosk's side of a help request, answering its principal); ``site_of`` names a
    silent terminal's site (``TerminalRegistry.site_of``)."""
    from central.supervisor.alerts import AlertDesk
    from central.supervisor.api import supervisor_router
    from central.supervisor.help import HelpDesk

    app.state.help = HelpDesk(db, clock)
    app.state.alerts = AlertDesk(db, site_of, clock)

    def on_heartbeat(conn: Any, site: str, terminal_id: str, hb: Any, now: datetime) -> None:
        app.state.alerts.on_heartbeat(conn, site, terminal_id, hb, now)

    app.state.telemetry.on_heartbeat = on_heartbeat
    app.include_router(
        supervisor_router(db, as_sites(sites), clock, app.state.staff, app.state.help, app.state.alerts, terminal)
    )
