"""Reading the live hall from the database: snapshots, resumable event batches, a ticket's view.

Every process reads the events table itself (an indexed ``id > last`` query every POLL_S), so a
display connected to any of several central processes sees every change, whichever process
made it. Why polling and not PostgreSQL's LISTEN/NOTIFY: it works the same on SQLite, needs no
dedicated connection per process outside the pool, cannot lose a notification while a listener
reconnects (the table is the source of truth, the id the cursor), and at 5 small indexed reads a
second per open stream the database does not notice it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from central.catalog_file import CatalogFile
from central.errors import ApiProblem
from central.live import events
from central.sites import SiteConfig, Sites, as_sites
from central.store import Store, to_us
from kiosk.contract import Ticket
from kiosk.contract.tickets import ticket_number

POLL_S = 0.2
HEARTBEAT_S = 15.0
RECENT_CALLS = 8
PRUNE_EVERY_S = 60.0


class LiveFeed:
    def __init__(
        self,
        db: Store,
        sites: Sites | CatalogFile,
        clock: Callable[[], datetime],
        desk_get: Callable[[str], Ticket],
    ) -> None:
        self.db = db
        self.desk_get = desk_get  # the ticket desk's view (people ahead, estimated wait)
        self.sites = as_sites(sites)
        self.clock = clock
        self._pruned_at = 0.0
        self._prune_lock = threading.Lock()
        self._gaps = events.GapWatch()
        self._gaps_lock = threading.Lock()

    def day(self, site: str | None = None) -> str:
        return self.clock().astimezone(self.sites.get(site).tz).date().isoformat()

    def site_for(self, site: str | None, zone: str | None) -> str | None:
        """The site a public page shows: the one it names, else the one whose counters stand in
        ``zone`` (if exactly one does), else the default site. None for a site not served here."""
        if site:
            return site if site in self.sites else None
        if zone and len(self.sites) > 1:
            found = self.db.run_read(
                lambda conn: conn.execute("SELECT DISTINCT site FROM counters WHERE zone=? LIMIT 2", (zone,)).fetchall()
            )
            if len(found) == 1 and found[0]["site"] in self.sites:
                return str(found[0]["site"])
        return self.sites.default.id

    def batch(self, zone: str | None, after: int | None, site: str | None = None) -> tuple[list[dict[str, Any]], int]:
        """Events of the site (None: the default one) after ``after`` (a snapshot when ``after`` is
        None, pruned or unknown) and the id to go on from: past other zones' events too, never past
        an id that may still commit."""
        self._maybe_prune()
        hall = self.sites.get(site)

        def read(conn: Any) -> tuple[list[dict[str, Any]], int]:
            if after is not None:
                pruned_through, newest = events.bounds(conn, hall.id)
                if pruned_through <= after <= newest:
                    with self._gaps_lock:
                        upto = self._gaps.horizon(conn, hall.id, after)
                    found = events.read_after(conn, hall.id, zone, after, upto)
                    if len(found) == events.READ_LIMIT:
                        return found, found[-1]["id"]
                    return found, upto
            snapshot = self._snapshot(conn, zone, hall)
            return [snapshot], snapshot["id"]

        return self.db.run_read(read)

    def snapshot(self, zone: str | None, site: str | None = None) -> dict[str, Any]:
        return self.db.run_read(lambda conn: self._snapshot(conn, zone, self.sites.get(site)))

    def _snapshot(self, conn: Any, zone: str | None, hall: SiteConfig) -> dict[str, Any]:
        _, newest = events.bounds(conn, hall.id)  # first: later changes arrive as events after it
        day = self.day(hall.id)
        where, args = ("c.site=?", [hall.id]) if zone is None else ("c.site=? AND c.zone=?", [hall.id, zone])
        counters = conn.execute(f"SELECT c.* FROM counters c WHERE {where} ORDER BY c.label", args).fetchall()
        services: set[str] = set()
        for c in counters:
            services.update(json.loads(c["services"]))
        if zone is None or not counters:
            services = {s.id for s in hall.catalog.services}
        serving = conn.execute(
            "SELECT t.prefix, t.sequence, t.service_id, t.call_state, c.label FROM tickets t"
            f" JOIN counters c ON c.id = t.counter_id WHERE {where} AND t.call_state IN ('called','serving')"
            " ORDER BY t.call_state_us DESC",
            args,
        ).fetchall()
        recent = conn.execute(
            "SELECT t.prefix, t.sequence, k.service_id, k.called_us, c.label FROM calls k"
            " JOIN tickets t ON t.id = k.ticket_id JOIN counters c ON c.id = k.counter_id"
            f" WHERE {where} ORDER BY k.called_us DESC, k.counter_seq DESC LIMIT ?",
            (*args, RECENT_CALLS),
        ).fetchall()
        return {
            "id": newest,
            "kind": "snapshot",
            "zone": zone or "",
            "now_us": to_us(self.clock()),  # the display's clock offset: a TV's own clock may be wrong
            "serving": [
                {"number": _number(r), "service_id": r["service_id"], "state": r["call_state"], "counter": r["label"]}
                for r in serving
            ],
            "recent": [{"number": _number(r), "counter": r["label"], "at_us": r["called_us"]} for r in recent],
            "waiting": events.waiting_counts(conn, day, sorted(services), hall.demo_waiting, site=hall.id),
            "counters": [{"counter": c["label"], "state": c["state"]} for c in counters],
            "services": {s.id: s.name.model_dump() for s in hall.catalog.services if s.id in services},
        }

    def ticket(self, ticket_id: str) -> dict[str, Any] | None:
        """A phone's view of its ticket: number, place, wait, and the counter once called."""
        try:
            ticket = self.desk_get(ticket_id)
        except ApiProblem:
            return None
        row = self.db.run_read(
            lambda conn: conn.execute(
                "SELECT t.call_state, c.label FROM tickets t LEFT JOIN counters c ON c.id = t.counter_id WHERE t.id=?",
                (ticket_id,),
            ).fetchone()
        )
        in_queue = ticket.status in ("confirmed", "virtual")
        return {
            "number": ticket.number,
            "service_id": ticket.service_id,
            "service_name": ticket.service_name.model_dump() if ticket.service_name else None,
            "zone": ticket.zone.model_dump(),
            "status": ticket.status,
            "state": row["call_state"] if in_queue else ticket.status,
            "counter": row["label"] if in_queue and row["call_state"] in ("called", "serving") else None,
            "people_ahead": ticket.people_ahead,
            "estimated_wait_minutes": ticket.estimated_wait_minutes,
        }

    def _maybe_prune(self) -> None:
        now = time.monotonic()
        if now - self._pruned_at < PRUNE_EVERY_S or not self._prune_lock.acquire(blocking=False):
            return
        try:
            self._pruned_at = now
            for hall in self.sites:
                self.db.transact(lambda conn, site=hall.id: events.prune(conn, site, self.clock()))
        finally:
            self._prune_lock.release()


def _number(row: Any) -> str:
    return ticket_number(row["prefix"], row["sequence"])
