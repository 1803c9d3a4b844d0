"""Heartbeats (last one per terminal) and the event outbox (deduplicated by event id)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from central.db import Database, to_us
from kiosk.contract import EventBatch, EventsAck, Heartbeat, HeartbeatAck


class Telemetry:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock
        # Run in each heartbeat's transaction (the supervisor's alerts: raised and cleared with it).
        # Called with (conn, site, terminal_id, heartbeat, now).
        self.on_heartbeat: Callable[[Any, str, str, Heartbeat, datetime], None] | None = None

    def heartbeat(self, terminal_id: str, hb: Heartbeat, site: str = "") -> HeartbeatAck:
        """``site``: the terminal's (from its principal), for what the hook raises."""
        now = self.clock()
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO heartbeats (terminal_id, received_us, body) VALUES (?,?,?) "
                "ON CONFLICT (terminal_id) DO UPDATE SET received_us=excluded.received_us, body=excluded.body",
                (terminal_id, to_us(now), hb.model_dump_json()),
            )
            if self.on_heartbeat is not None:
                self.on_heartbeat(conn, site, terminal_id, hb, now)
        return HeartbeatAck(received_at=now, clock_skew_s=(hb.sent_at - now).total_seconds())

    def events(self, terminal_id: str, batch: EventBatch) -> EventsAck:
        now = self.clock()
        accepted = 0
        with self.db.write() as conn:
            for ev in batch.events:
                cur = conn.execute(
                    "INSERT INTO events (id, terminal_id, kind, at_us, data, received_us) VALUES (?,?,?,?,?,?)"
                    " ON CONFLICT (id) DO NOTHING",
                    (ev.id, terminal_id, ev.kind, to_us(ev.at), json.dumps(ev.data), to_us(now)),
                )
                accepted += cur.rowcount
        return EventsAck(accepted=accepted, duplicates=len(batch.events) - accepted)

    def last_heartbeat(self, terminal_id: str) -> Heartbeat | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT body FROM heartbeats WHERE terminal_id=?", (terminal_id,)).fetchone()
        return Heartbeat.model_validate_json(row["body"]) if row else None
