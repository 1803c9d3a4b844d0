"""Granting and releasing leases, and taking in the tickets issued from them.

A lease is a range cut from the same (site, prefix, business date) counter row as online numbers, by one
``UPDATE ... RETURNING`` (upsert): the counter moves past the whole range at once, so no online
number and no other lease can ever fall inside it. Correctness comes from the database, as for
online numbers: the (terminal, Idempotency-Key) of a grant and the (terminal, number) of an
offline ticket are unique keys, and a number is unique per (site, prefix, day) whoever issued it.
A lease and its tickets belong to the site of the terminal that asked (``TerminalPrincipal.site``).
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from central.catalog_file import CatalogFile
from central.errors import ApiProblem
from central.live import events
from central.sites import SiteConfig, Sites, as_sites
from central.store import Store, from_us, to_us
from kiosk.contract.leases import Lease, LeaseRequest, OfflineTicket, OfflineTicketResult
from kiosk.contract.tickets import ticket_number

Clock = Callable[[], datetime]

# Sized to cover RATE_HORIZON of the terminal's issuing at its rate over the last RATE_WINDOW,
# within [MIN_SIZE, MAX_SIZE]: a quiet kiosk does not hoard numbers (released ones leave holes in
# the hall's sequence), a busy one does not run dry in the first minutes of an outage.
RATE_WINDOW = timedelta(hours=1)
RATE_HORIZON = timedelta(minutes=45)
MIN_SIZE = 10
MAX_SIZE = 200


def lease_size(issued_in_window: int) -> int:
    per_window = issued_in_window * (RATE_HORIZON / RATE_WINDOW)
    return max(MIN_SIZE, min(MAX_SIZE, math.ceil(per_window)))


def end_of_business_day(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)


class LeaseDesk:
    """Leases of every site served; each call names the terminal's site first."""

    def __init__(self, db: Store, sites: Sites | CatalogFile, clock: Clock, public_url: str) -> None:
        self.db = db
        self.sites = as_sites(sites)
        self.clock = clock
        self.public_url = public_url.rstrip("/")

    def _hall(self, site: str) -> SiteConfig:
        try:
            return self.sites.get(site)
        except KeyError:  # a terminal of a site no longer served (its catalogue was removed)
            raise ApiProblem(404, "unknown_site", "this central does not serve the terminal's site") from None

    # -- grant ----------------------------------------------------------------------------------

    def grant(self, site: str, terminal_id: str, idem_key: str, req: LeaseRequest) -> Lease:
        now = self.clock()
        hall = self._hall(site)
        return _lease(
            self.db.transact(lambda conn: self._grant(conn, hall, terminal_id, idem_key, req, now)), self.public_url
        )

    def _grant(
        self, conn: Any, hall: SiteConfig, terminal_id: str, idem_key: str, req: LeaseRequest, now: datetime
    ) -> Any:
        request_hash = hashlib.sha256(req.model_dump_json().encode()).hexdigest()
        existing = conn.execute(
            "SELECT * FROM leases WHERE terminal_id=? AND idem_key=?", (terminal_id, idem_key)
        ).fetchone()
        if existing is not None:
            if existing["request_hash"] != request_hash:
                raise ApiProblem(409, "idempotency_conflict", "this Idempotency-Key was used for another service")
            return existing
        try:
            svc = hall.catalog.service(req.service_id)
        except KeyError:
            raise ApiProblem(404, "unknown_service", "no such service in the catalogue") from None
        if not svc.enabled:
            raise ApiProblem(409, "service_disabled", "the service is switched off")
        if svc.fee_idr:
            # A fee is paid by QRIS, which needs the central: such tickets cannot be issued offline.
            raise ApiProblem(409, "service_has_fee", "services with a fee are not issued offline")
        day = now.astimezone(hall.tz).date()
        (recent,) = conn.execute(
            "SELECT COUNT(*) FROM tickets WHERE terminal_id=? AND service_id=? AND reserved_us >= ?",
            (terminal_id, svc.id, to_us(now - RATE_WINDOW)),
        ).fetchone()
        size = lease_size(int(recent))
        (last,) = conn.execute(
            "INSERT INTO sequences (site, prefix, business_date, last_seq) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (site, prefix, business_date) DO UPDATE SET last_seq = sequences.last_seq + ?"
            " RETURNING last_seq",
            (hall.id, svc.prefix, day.isoformat(), size, size),
        ).fetchone()
        return conn.execute(
            "INSERT INTO leases (id, site, terminal_id, idem_key, request_hash, service_id, prefix, business_date,"
            " first_seq, last_seq, granted_us, expires_us) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING *",
            (
                str(uuid.uuid4()),
                hall.id,
                terminal_id,
                idem_key,
                request_hash,
                svc.id,
                svc.prefix,
                day.isoformat(),
                last - size + 1,
                last,
                to_us(now),
                to_us(end_of_business_day(day, hall.tz)),
            ),
        ).fetchone()

    # -- release --------------------------------------------------------------------------------

    def release(self, site: str, terminal_id: str, lease_id: str, first_unused: int) -> Lease:
        now = self.clock()

        def step(conn: Any) -> Any:
            row = self._own(conn, site, terminal_id, lease_id)
            if row["void_from"] is not None:
                if row["void_from"] == first_unused:
                    return row  # a repeat of the same release
                raise ApiProblem(409, "already_released", f"the lease was released from {row['void_from']}")
            if not row["first_seq"] <= first_unused <= row["last_seq"] + 1:
                raise ApiProblem(409, "not_in_lease", "first_unused is outside the lease")
            (used,) = conn.execute("SELECT MAX(sequence) FROM tickets WHERE lease_id=?", (lease_id,)).fetchone()
            if used is not None and used >= first_unused:
                raise ApiProblem(409, "numbers_in_use", f"number {used} of this lease is already in the queue")
            return conn.execute(
                "UPDATE leases SET void_from=?, released_us=? WHERE id=? AND void_from IS NULL RETURNING *",
                (first_unused, to_us(now), lease_id),
            ).fetchone()

        return _lease(self.db.transact(step), self.public_url)

    def _own(self, conn: Any, site: str, terminal_id: str, lease_id: str) -> Any:
        """The terminal's lease, locked until commit on PostgreSQL (see _take)."""
        row = conn.execute("SELECT * FROM leases WHERE id=?" + conn.for_update, (lease_id,)).fetchone()
        if row is None or row["terminal_id"] != terminal_id or row["site"] != site:
            raise ApiProblem(404, "lease_not_found", "no such lease for this terminal")
        return row

    # -- offline tickets ------------------------------------------------------------------------

    def take_offline(self, site: str, terminal_id: str, tickets: list[OfflineTicket]) -> list[OfflineTicketResult]:
        """Queue each ticket by the time it was issued; one transaction per ticket, so a refused
        one does not hold back the others and a batch cut off mid-way is simply sent again."""
        now = self.clock()
        hall = self._hall(site)
        return [self.db.transact(lambda conn, t=t: self._take(conn, hall, terminal_id, t, now)) for t in tickets]

    def _take(
        self, conn: Any, hall: SiteConfig, terminal_id: str, t: OfflineTicket, now: datetime
    ) -> OfflineTicketResult:
        def refused(code: str) -> OfflineTicketResult:
            return OfflineTicketResult(id=t.id, sequence=t.sequence, outcome="refused", code=code)

        # The lease row locked (PostgreSQL) until commit: a release racing this ticket waits, then
        # sees its number in use; checking the range and inserting are one decision.
        lease = conn.execute("SELECT * FROM leases WHERE id=?" + conn.for_update, (t.lease_id,)).fetchone()
        if lease is None or lease["terminal_id"] != terminal_id or lease["site"] != hall.id:
            return refused("lease_not_found")
        number = ticket_number(lease["prefix"], t.sequence)
        idem_key = f"offline:{lease['prefix']}:{lease['business_date']}:{t.sequence}"
        existing = conn.execute(
            "SELECT id, lease_id FROM tickets WHERE terminal_id=? AND idem_key=?", (terminal_id, idem_key)
        ).fetchone()
        if existing is not None:
            return OfflineTicketResult(id=existing["id"], sequence=t.sequence, outcome="duplicate", number=number)
        if lease["service_id"] != t.service_id:
            return refused("wrong_service")
        top = lease["last_seq"] if lease["void_from"] is None else lease["void_from"] - 1
        if not lease["first_seq"] <= t.sequence <= top:
            return refused("not_in_lease")
        if conn.execute("SELECT 1 FROM tickets WHERE id=?", (t.id,)).fetchone() is not None:
            return refused("id_taken")
        # The kiosk's clock corrected by the skew it measured, then held inside the lease's life:
        # a ticket cannot have been issued before its number was granted, nor after the day ended,
        # nor after it reached us (a clock running ahead would put the citizen behind everyone
        # arriving until then).
        issued_us = to_us(t.issued_at) + round(t.clock_skew_s * 1_000_000)
        issued_us = max(lease["granted_us"], min(issued_us, to_us(now), lease["expires_us"] - 1))
        status = {"printed": "confirmed", "virtual": "virtual", "failed": "failed"}[t.delivery]
        request_hash = hashlib.sha256(t.model_dump_json().encode()).hexdigest()
        row = conn.execute(
            "INSERT INTO tickets (id, site, terminal_id, idem_key, request_hash, service_id, prefix, business_date,"
            " sequence, priority, language, status, reserved_us, expires_us, confirmed_us, queued_us, lease_id,"
            " failure_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING *",
            (
                t.id,
                hall.id,
                terminal_id,
                idem_key,
                request_hash,
                t.service_id,
                lease["prefix"],
                lease["business_date"],
                t.sequence,
                t.priority,
                t.language,
                status,
                issued_us,
                issued_us,
                to_us(now),
                issued_us,
                lease["id"],
                "not delivered (offline)" if status == "failed" else None,
            ),
        ).fetchone()
        # A ticket of a day already over (the kiosk came back after closing) is kept for that day's
        # records but joins no queue now: its "joined" would show that day's counts on today's
        # displays and phones, for a number nobody will call.
        today = now.astimezone(hall.tz).date().isoformat()
        if status != "failed" and row["business_date"] == today:
            events.append_joined(conn, row, now, hall.demo_waiting, offline=True)
        return OfflineTicketResult(id=row["id"], sequence=t.sequence, outcome="accepted", number=number)


def _lease(row: Any, track_base: str) -> Lease:
    return Lease(
        id=row["id"],
        service_id=row["service_id"],
        prefix=row["prefix"],
        business_date=date.fromisoformat(row["business_date"]),
        first_sequence=row["first_seq"],
        last_sequence=row["last_seq"],
        granted_at=from_us(row["granted_us"]),
        expires_at=from_us(row["expires_us"]),
        void_from=row["void_from"],
        track_base=track_base or None,
    )
