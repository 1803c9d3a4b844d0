"""Kiosk alerts from heartbeats: raised when a condition starts, cleared when it ends, never
repeated with each heartbeat.

A heartbeat says what is wrong now (``conditions``); the terminal's active alerts are compared
with it in the heartbeat's own transaction, and each difference is one row change and one live
event. "Offline" has no heartbeat to say it: ``sweep`` raises it for terminals silent for longer
than ``offline_after_s`` and dates it when the silence passed the limit (last heartbeat + limit),
whenever the sweep happens to run. The sweep runs at most once a second per process, on every
heartbeat and every staff read of the alerts (the supervisor page asks every few seconds), so no
timer thread is needed: a central nobody looks at raises the alert when someone looks, with the
right time. At most one active alert per terminal and kind: a partial unique index, so two
processes raising the same alert insert one row and append one event.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from central.live import events
from central.store import Store, to_us
from central.supervisor.labels import terminal_label
from kiosk.contract import Heartbeat

OFFLINE_AFTER_S = 180.0  # three missed heartbeats (the kiosk sends one a minute), as the kiosk list (central.fleet)
SWEEP_EVERY_S = 1.0
SHOW_CLEARED = timedelta(hours=2)
KINDS = ("offline", "out_of_service", "printer_out", "paper_near_end", "card_reader_missing")


def conditions(hb: Heartbeat) -> dict[str, str]:
    """What is wrong at a kiosk according to its heartbeat: alert kind -> short detail."""
    found: dict[str, str] = {}
    printer = hb.devices.get("printer")
    if printer is not None and printer.state == "fault":
        found["printer_out"] = printer.detail or "printer fault"
    elif printer is not None and printer.state == "degraded":
        found["paper_near_end"] = printer.detail or "paper near end"
    reader = hb.devices.get("card_reader")
    if reader is not None and reader.state == "fault":
        found["card_reader_missing"] = reader.detail or "card reader fault"
    if not hb.open_for_citizens:
        found["out_of_service"] = "closed to citizens"
    return found


def _view(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "terminal_id": row["terminal_id"],
        "terminal": terminal_label(row["terminal_id"]),
        "kind": row["kind"],
        "detail": row["detail"],
        "raised_us": row["raised_us"],
        "cleared_us": row["cleared_us"],
    }


class AlertDesk:
    """Alerts of every site served, each raised for the site of its terminal. ``site_of(terminal_id,
    enrolled_site)``: the site of a terminal that went silent (the registry's answer: a pre-shared
    terminal's, else the enrolled one's, else the default site)."""

    def __init__(
        self,
        db: Store,
        site_of: Callable[[str, str | None], str],
        clock: Callable[[], datetime],
        offline_after_s: float = OFFLINE_AFTER_S,
    ) -> None:
        self.db = db
        self.site_of = site_of
        self.clock = clock
        self.offline_after_s = offline_after_s
        self._swept_at = 0.0
        self._sweep_lock = threading.Lock()

    def _raise(self, conn: Any, site: str, terminal_id: str, kind: str, detail: str, at_us: int) -> None:
        row = conn.execute(
            "INSERT INTO kiosk_alerts (id, site, terminal_id, kind, detail, raised_us) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT DO NOTHING RETURNING *",
            (str(uuid.uuid4()), site, terminal_id, kind, detail[:120], at_us),
        ).fetchone()
        if row is not None:  # else another process raised it first
            events.append(conn, site, "", "alert_raised", self.clock(), {"alert": _view(row)})

    def _clear(self, conn: Any, alert_id: str, at_us: int) -> None:
        row = conn.execute(
            "UPDATE kiosk_alerts SET cleared_us=? WHERE id=? AND cleared_us IS NULL RETURNING *", (at_us, alert_id)
        ).fetchone()
        if row is not None:
            events.append(conn, row["site"], "", "alert_cleared", self.clock(), {"alert": _view(row)})

    def on_heartbeat(self, conn: Any, site: str, terminal_id: str, hb: Heartbeat, now: datetime) -> None:
        """In the heartbeat's transaction: raise what started, clear what ended (and "offline")."""
        wanted = conditions(hb)
        active = {
            r["kind"]: r["id"]
            for r in conn.execute(
                "SELECT id, kind FROM kiosk_alerts WHERE site=? AND terminal_id=? AND cleared_us IS NULL",
                (site, terminal_id),
            ).fetchall()
        }
        now_us = to_us(now)
        for kind, detail in wanted.items():
            if kind not in active:
                self._raise(conn, site, terminal_id, kind, detail, now_us)
        for kind, alert_id in active.items():
            if kind not in wanted:
                self._clear(conn, alert_id, now_us)

    def sweep(self, *, force: bool = False) -> None:
        """Raise "offline" for terminals silent longer than ``offline_after_s`` (rate-limited)."""
        started = time.monotonic()
        if not force and started - self._swept_at < SWEEP_EVERY_S:
            return
        if not self._sweep_lock.acquire(blocking=False):
            return
        try:
            self._swept_at = started
            limit_us = int(self.offline_after_s * 1_000_000)
            cutoff = to_us(self.clock()) - limit_us

            def step(conn: Any) -> None:
                # Every site's terminals at once (terminal ids are unique across sites).
                silent = conn.execute(
                    "SELECT h.terminal_id, h.received_us, t.site_id FROM heartbeats h"
                    " LEFT JOIN terminals t ON t.terminal_id = h.terminal_id WHERE h.received_us < ?"
                    # A revoked terminal will never send another heartbeat: no alert it cannot clear.
                    " AND t.revoked_us IS NULL AND NOT EXISTS"
                    " (SELECT 1 FROM kiosk_alerts a WHERE a.terminal_id=h.terminal_id"
                    " AND a.kind='offline' AND a.cleared_us IS NULL)",
                    (cutoff,),
                ).fetchall()
                for row in silent:
                    seconds = int(self.offline_after_s)
                    self._raise(
                        conn,
                        self.site_of(row["terminal_id"], row["site_id"]),
                        row["terminal_id"],
                        "offline",
                        f"no heartbeat for {seconds} s",
                        row["received_us"] + limit_us,
                    )

            self.db.transact(step)
        finally:
            self._sweep_lock.release()

    def listing(self, site: str) -> list[dict[str, Any]]:
        """Active alerts, then the ones cleared in the last SHOW_CLEARED; newest first within each."""
        self.sweep()
        since = to_us(self.clock() - SHOW_CLEARED)
        rows = self.db.run_read(
            lambda conn: conn.execute(
                "SELECT * FROM kiosk_alerts WHERE site=? AND (cleared_us IS NULL OR cleared_us >= ?)"
                " ORDER BY (cleared_us IS NULL) DESC, raised_us DESC LIMIT 100",
                (site, since),
            ).fetchall()
        )
        return [_view(r) for r in rows]
