"""The fleet page: every terminal's last heartbeat on one plain HTML page (GET /fleet).

For the people looking after the kiosks of a hall: which terminal, when it was last heard from,
its paper and card reader state. Reads the heartbeats table kept by ``central.telemetry``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from central.db import Database, from_us
from kiosk.contract import Heartbeat

STALE_AFTER = timedelta(minutes=3)  # three missed heartbeats


def fleet_rows(db: Database) -> list[tuple[str, datetime, Heartbeat]]:
    with db.read() as conn:
        rows = conn.execute("SELECT terminal_id, received_us, body FROM heartbeats ORDER BY terminal_id").fetchall()
    return [(r["terminal_id"], from_us(r["received_us"]), Heartbeat.model_validate_json(r["body"])) for r in rows]


def _device(hb: Heartbeat, name: str) -> str:
    health = hb.devices.get(name)
    if health is None:
        return "—"
    return f"{health.state}" + (f": {health.detail}" if health.detail else "")


def render_fleet(rows: list[tuple[str, datetime, Heartbeat]], now: datetime) -> str:
    body = []
    for terminal_id, seen, hb in rows:
        stale = now - seen > STALE_AFTER
        ago = int((now - seen).total_seconds())
        state = "silent" if stale else ("open" if hb.open_for_citizens else "closed")
        body.append(
            f'<tr class="{"stale" if stale else ""}"><td>{escape(terminal_id)}</td>'
            f"<td>{seen:%Y-%m-%d %H:%M:%S} UTC ({ago} s ago)</td><td>{escape(state)}</td>"
            f"<td>{escape(_device(hb, 'printer'))}</td><td>{escape(_device(hb, 'card_reader'))}</td>"
            f"<td>{hb.journal_backlog}</td><td>{escape(hb.app_version)}</td></tr>"
        )
    rows_html = "\n".join(body) or '<tr><td colspan="7">No heartbeat received yet.</td></tr>'
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="30">
<title>Anjungan fleet</title>
<style>body{{font-family:sans-serif;margin:1.5rem;color:#111}} table{{border-collapse:collapse}}
td,th{{border:1px solid #888;padding:.4rem .7rem;text-align:left}} tr.stale td{{background:#fde2e2}}</style>
</head><body>
<h1>Fleet / Armada anjungan</h1>
<table><thead><tr><th>Terminal</th><th>Last seen</th><th>State</th><th>Printer (paper)</th>
<th>Card reader</th><th>Journal backlog</th><th>Version</th></tr></thead>
<tbody>
{rows_html}
</tbody></table>
<p>Rows in red have sent no heartbeat for {int(STALE_AFTER.total_seconds() // 60)} minutes.</p>
</body></html>
"""


def fleet_router(db: Database, clock: Callable[[], datetime]) -> APIRouter:
    router = APIRouter()

    @router.get("/fleet", response_class=HTMLResponse, include_in_schema=False)
    def fleet() -> HTMLResponse:
        return HTMLResponse(render_fleet(fleet_rows(db), clock()))

    return router
