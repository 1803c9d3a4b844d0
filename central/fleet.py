"""The kiosks of a site as their last heartbeats tell: which terminal, when it was last heard
from, open or not, its printer and card reader, its journal backlog and software version. Shown
to the site's supervisor (``/v1/supervisor/overview``, the "Kiosks" list of ``/supervisor``).

This used to be a page of its own, ``GET /fleet``, open to anyone and listing every site's
terminals; their states and versions are for the hall's staff, so it now asks for the supervisor's
sign-in and shows the account's site only. ``/fleet`` sends a browser to ``/supervisor``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from central.store import Store, to_us
from central.supervisor.alerts import OFFLINE_AFTER_S
from central.supervisor.labels import kiosk_number, terminal_label
from kiosk.contract import Heartbeat


def _device(hb: Heartbeat, name: str) -> dict[str, str] | None:
    health = hb.devices.get(name)
    return None if health is None else {"state": health.state, "detail": health.detail or ""}


def _state(silent: bool, hb: Heartbeat | None) -> str:
    if silent:
        return "silent"
    if hb is None:
        return "unknown"
    return "open" if hb.open_for_citizens else "closed"


def site_kiosks(db: Store, site_of: Callable[[str, str | None], str], site: str, now: datetime) -> list[dict[str, Any]]:
    """Each kiosk of ``site`` that ever sent a heartbeat (revoked ones left out), by terminal id.
    ``site_of`` is ``TerminalRegistry.site_of``: pre-shared terminals have no row to say it."""
    rows = db.run_read(
        lambda conn: conn.execute(
            "SELECT h.terminal_id, h.received_us, h.body, t.site_id FROM heartbeats h"
            " LEFT JOIN terminals t ON t.terminal_id = h.terminal_id"
            " WHERE t.revoked_us IS NULL AND (t.site_id = ? OR t.site_id IS NULL)",
            (site,),
        ).fetchall()
    )
    now_us = to_us(now)
    kiosks = []
    for row in rows:
        if site_of(row["terminal_id"], row["site_id"]) != site:
            continue
        ago_s = max(0, (now_us - row["received_us"]) // 1_000_000)
        try:
            hb: Heartbeat | None = Heartbeat.model_validate_json(row["body"])
        except ValidationError:  # stored by an older central: still show when it was heard from
            hb = None
        silent = ago_s > OFFLINE_AFTER_S
        kiosks.append(
            {
                "terminal_id": row["terminal_id"],
                "terminal": terminal_label(row["terminal_id"]),
                "last_seen_us": row["received_us"],
                "seconds_ago": ago_s,
                "state": _state(silent, hb),
                "printer": None if hb is None else _device(hb, "printer"),
                "card_reader": None if hb is None else _device(hb, "card_reader"),
                "journal_backlog": None if hb is None else hb.journal_backlog,
                "app_version": None if hb is None else hb.app_version,
            }
        )
    # In the hall's own numbering ("Anjungan 2" before "Anjungan 10"), then by id.
    return sorted(kiosks, key=lambda k: (_in_numbering(k["terminal_id"]), k["terminal_id"]))


def _in_numbering(terminal_id: str) -> float:
    number = kiosk_number(terminal_id)
    return math.inf if number is None else number


def fleet_router() -> APIRouter:
    router = APIRouter()

    @router.get("/fleet", include_in_schema=False)
    def fleet() -> RedirectResponse:
        """The old fleet page's address: the list is on the supervisor's page now."""
        return RedirectResponse("/supervisor", status_code=302)

    return router
