"""The supervisor sees the hall (issue 15): kiosks' help requests, kiosk alerts from heartbeats,
the supervisor view and the daily recap. ``install(app, …)`` is the one line the app needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from central.catalog_file import CatalogFile
from central.store import Store


def install(
    app: Any, db: Store, catalog_file: CatalogFile, clock: Callable[[], datetime], terminal: Callable[..., str]
) -> None:
    """After the counters (it uses their staff sessions); ``terminal`` is the app's terminal-token
    dependency (the kiosk's side of a help request)."""
    from central.supervisor.alerts import AlertDesk
    from central.supervisor.api import supervisor_router
    from central.supervisor.help import HelpDesk

    site = catalog_file.catalog.site.id
    app.state.help = HelpDesk(db, site, clock)
    app.state.alerts = AlertDesk(db, site, clock)

    def on_heartbeat(conn: Any, terminal_id: str, hb: Any, now: datetime) -> None:
        app.state.alerts.on_heartbeat(conn, terminal_id, hb, now)

    app.state.telemetry.on_heartbeat = on_heartbeat
    app.include_router(
        supervisor_router(db, catalog_file, clock, app.state.staff, app.state.help, app.state.alerts, terminal)
    )
