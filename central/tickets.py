"""Ticket numbering and life cycle for the reference central.

Numbers are per site, prefix and business day in the SITE's time zone, so a kiosk in Makassar
(WITA) restarts at 1 at local midnight, not at UTC midnight, and two halls on one central number
their "A" tickets independently. Every operation names the site (the terminal's, or the row's). A reserved number is spent even if
it lapses or fails: numbers are never reused (no duplicates), and lapsed/failed ones are never
called (no ghost tickets).
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from starlette.concurrency import run_in_threadpool

from central.catalog_file import CatalogFile
from central.errors import ApiProblem
from central.live import events
from central.metrics import TICKETS_ISSUED
from central.sites import SiteConfig, Sites, as_sites
from central.store import Store, from_us, to_us
from central.terminals import GUARD_SQL, HotCaller
from kiosk.contract import (
    ConfirmMode,
    QueuesResponse,
    QueueStatus,
    Service,
    Ticket,
    TicketReserveRequest,
)
from kiosk.contract.tickets import ticket_number

Clock = Callable[[], datetime]
_IN_QUEUE = ("confirmed", "virtual")


def _ahead_of(alias: str) -> str:
    """People ahead of the row being changed, computed by the same statement (one round trip less)."""
    return (
        f"(SELECT COUNT(*) FROM tickets q WHERE q.site = {alias}.site AND q.service_id = {alias}.service_id"
        f" AND q.business_date = {alias}.business_date AND q.status IN ('confirmed', 'virtual')"
        f" AND q.call_state = 'waiting' AND q.sequence < {alias}.sequence) AS ahead"
    )


def _ahead_by_counter(alias: str) -> str:
    """The same figure from the line's kept count (migration 10's ``queue_waiting``), less those
    at or behind the row: a key lookup and a short index range instead of the whole line. Exact,
    because the count and the tickets are read in one statement's snapshot and the triggers keep
    the count in every ticket change's own transaction."""
    return (
        f"(COALESCE((SELECT w.waiting FROM queue_waiting w WHERE w.site = {alias}.site"
        f" AND w.service_id = {alias}.service_id AND w.business_date = {alias}.business_date), 0)"
        f" - (SELECT COUNT(*) FROM tickets q WHERE q.site = {alias}.site AND q.service_id = {alias}.service_id"
        f" AND q.business_date = {alias}.business_date AND q.status IN ('confirmed', 'virtual')"
        f" AND q.call_state = 'waiting' AND q.sequence >= {alias}.sequence)) AS ahead"
    )


_AHEAD = _ahead_of("tickets")
_NEW_TICKET_COLUMNS = (
    "id, site, terminal_id, idem_key, request_hash, service_id, prefix, business_date, sequence, priority,"
    " language, status, reserved_us, expires_us"
)
# PostgreSQL's reservation as ONE statement (atomic by itself, so it runs in autocommit: one round
# trip, no BEGIN/COMMIT): the terminal's earlier ticket for this Idempotency-Key if there is one,
# else bump the (site, prefix, day) counter and insert the ticket. The counter's upsert takes its
# row lock; a concurrent request with the same key makes the ticket insert fail on its unique
# constraint, the whole statement (bump included) rolls back, and the retry finds the winner's
# ticket: no duplicate, no gap. ``replayed`` tells the two answers apart.
# Both hot statements start with the caller's guard (central.terminals.GUARD_SQL): when its token
# is no longer live they change nothing and answer no row.
_PG_RESERVE = (
    f"WITH auth AS (SELECT {GUARD_SQL} AS ok),"
    " existing AS (SELECT * FROM tickets WHERE terminal_id=? AND idem_key=? AND (SELECT ok FROM auth)),"
    " seq AS (INSERT INTO sequences (site, prefix, business_date, last_seq)"
    " SELECT ?, ?, ?, 1 WHERE NOT EXISTS (SELECT 1 FROM existing) AND (SELECT ok FROM auth)"
    " ON CONFLICT (site, prefix, business_date) DO UPDATE SET last_seq = sequences.last_seq + 1"
    " RETURNING last_seq),"
    f" made AS (INSERT INTO tickets ({_NEW_TICKET_COLUMNS})"
    " SELECT ?,?,?,?,?,?,?,?, seq.last_seq, ?,?,'reserved',?,? FROM seq RETURNING *)"
    f" SELECT made.*, {_ahead_by_counter('made')}, FALSE AS replayed FROM made"
    f" UNION ALL SELECT existing.*, {_ahead_by_counter('existing')}, TRUE AS replayed FROM existing"
)
# PostgreSQL's confirmation of a live reservation as ONE statement: the conditional update, the
# hall's "joined" event (the same payload as _joined_event builds; the count seen by the statement
# is from before it, so the ticket itself is added) and the people ahead. No row: not a live
# reservation of this terminal; the sync path then says why (repeat, lapsed, failed, not yours).
_PG_CONFIRM = (
    f"WITH auth AS (SELECT {GUARD_SQL} AS ok),"
    " done AS (UPDATE tickets SET status=?, confirmed_us=? WHERE id=? AND site=? AND terminal_id=?"
    " AND status='reserved' AND expires_us > ? AND (SELECT ok FROM auth) RETURNING *),"
    " waiting AS (SELECT COALESCE((SELECT w.waiting FROM queue_waiting w WHERE w.site = done.site"
    " AND w.service_id = done.service_id AND w.business_date = done.business_date), 0) AS n FROM done),"
    " joined AS (INSERT INTO queue_events (site, zone, kind, at_us, payload)"
    " SELECT done.site, '', 'joined', ?, json_build_object('ticket_id', done.id,"
    " 'number', done.prefix || '-' || lpad(done.sequence::text, greatest(3, length(done.sequence::text)), '0'),"
    " 'service_id', done.service_id, 'state', 'waiting', 'waiting', json_build_object(done.service_id,"
    " waiting.n + 1 + COALESCE((?::jsonb ->> done.service_id)::int, 0)))::text FROM done, waiting)"
    f" SELECT done.*, {_ahead_by_counter('done')} FROM done"
)
SWEEP_EVERY_US = 1_000_000
# The guard of a request authenticated in full by its own statement just before (the sync path).
AUTHENTICATED = (True, "", "")


@dataclass(frozen=True)
class _ReservePlan:
    """A reservation decided before the database: what a new ticket's row would hold."""

    request_hash: str
    service_id: str
    refusal: ApiProblem | None  # why no NEW ticket may be issued now (a replay is still answered)
    counter: tuple[str, str, str]  # (site, prefix, business date)
    head: tuple[Any, ...]  # the new row's columns before its sequence
    tail: tuple[Any, ...]  # and after

    def pg_params(self, guard: tuple[bool, str, str]) -> tuple[Any, ...]:
        terminal_id, idem_key = self.head[2], self.head[3]
        return (*guard, terminal_id, idem_key, *self.counter, *self.head, *self.tail)


# Persist lapses of expired reservations. SKIP LOCKED (PostgreSQL): rows another transaction is
# touching are left for the next sweep instead of waited for, so concurrent sweeps never block or
# deadlock each other. Views compute "lapsed" from the expiry anyway, so a late sweep is harmless.
_LAPSE = {
    "sqlite": "UPDATE tickets SET status='lapsed' WHERE status='reserved' AND expires_us <= ?",
    "postgresql": "UPDATE tickets SET status='lapsed' WHERE id IN (SELECT id FROM tickets"
    " WHERE status='reserved' AND expires_us <= ? FOR UPDATE SKIP LOCKED)",
}


class TicketDesk:
    """Reserve, confirm, fail and look up tickets; compute queue figures."""

    def __init__(
        self,
        db: Store,
        sites: Sites | CatalogFile,
        *,
        reservation_ttl_s: int,
        public_url: str,
        clock: Clock,
        enforce_hours: bool = False,
    ) -> None:
        self.db = db
        self.sites = as_sites(sites)
        self.ttl = timedelta(seconds=reservation_ttl_s)
        self.public_url = public_url.rstrip("/")
        self.clock = clock
        self.enforce_hours = enforce_hours
        self._swept_us = -SWEEP_EVERY_US  # desk-clock time of this process's last lapse sweep
        # (site, service, people ahead) -> minutes or None; set by central.counters, with whether
        # its figures are due to be read from the database (a sync read) and the read itself
        self.wait_model: Callable[[str, str, int], int | None] | None = None
        self.wait_figures_due: Callable[[str], bool] | None = None
        self.read_wait_figures: Callable[[str], None] | None = None

    @property
    def cf(self) -> CatalogFile:
        """The default site's catalogue file (one-site callers and tests)."""
        return self.sites.default.file

    @cf.setter
    def cf(self, value: CatalogFile) -> None:
        self.sites = Sites([value, *(s.file for s in self.sites if s.id != value.catalog.site.id)])

    def site(self, site_id: str | None) -> SiteConfig:
        try:
            return self.sites.get(site_id)
        except KeyError:
            raise ApiProblem(404, "unknown_site", "this central does not serve that site") from None

    # -- helpers --------------------------------------------------------------------------------

    def now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise RuntimeError("the central's clock must return tz-aware datetimes")
        return now

    def business_date(self, at: datetime, site: str | None = None) -> date:
        return at.astimezone(self.site(site).tz).date()

    def _service(self, site: str, service_id: str) -> Service:
        try:
            return self.site(site).catalog.service(service_id)
        except KeyError:
            raise ApiProblem(404, "unknown_service", f"no service {service_id!r} in the catalogue") from None

    def _lapse_expired(self, conn: Any, now: datetime) -> None:
        """Persist lapses, at most once a second per process: every view and transition already
        treats an expired reservation as lapsed, so the sweep only tidies the stored status and
        need not cost every reservation a statement."""
        us = to_us(now)
        if 0 <= us - self._swept_us < SWEEP_EVERY_US:
            return
        self._swept_us = us
        conn.execute(_LAPSE[conn.dialect], (us,))

    def _people_ahead(self, conn: Any, site: str, service_id: str, day: str, below: int | None) -> int:
        # Waiting means not yet called: called, served and finished tickets are out of the line.
        sql = (
            "SELECT COUNT(*) FROM tickets WHERE site=? AND service_id=? AND business_date=? AND status IN (?,?)"
            " AND call_state='waiting'"
        )
        args: list[object] = [site, service_id, day, *_IN_QUEUE]
        if below is not None:
            sql += " AND sequence < ?"
            args.append(below)
        (count,) = conn.execute(sql, args).fetchone()
        return self.site(site).demo_waiting.get(service_id, 0) + count

    def _wait(self, site: str, people: int, svc: Service) -> int:
        """From the hall's measured service times when there are enough (central.counters.waits),
        else the catalogue's configured figure."""
        measured = self.wait_model(site, svc.id, people) if self.wait_model is not None else None
        if measured is not None:
            return measured
        return math.ceil(people * svc.avg_service_minutes / svc.counters)

    def _ticket(self, conn: Any, row: Any, now: datetime, ahead: int | None = None) -> Ticket:
        site = row["site"]
        svc = self._service(site, row["service_id"])
        status = row["status"]
        if status == "reserved" and row["expires_us"] <= to_us(now):
            status = "lapsed"  # read-only view; the next write persists it
        if ahead is None:
            ahead = self._people_ahead(conn, site, svc.id, row["business_date"], row["sequence"])
        return Ticket(
            id=row["id"],
            number=ticket_number(row["prefix"], row["sequence"]),
            service_id=svc.id,
            sequence=row["sequence"],
            business_date=date.fromisoformat(row["business_date"]),
            status=status,
            reserved_at=from_us(row["reserved_us"]),
            reservation_expires_at=from_us(row["expires_us"]),
            people_ahead=ahead,
            estimated_wait_minutes=self._wait(site, ahead, svc),
            zone=svc.zone,
            track_url=f"{self.public_url}/t/{row['id']}",
            terminal_id=row["terminal_id"],
            priority=row["priority"],
            service_name=svc.name,
            confirmed_at=from_us(row["confirmed_us"]) if row["confirmed_us"] is not None else None,
            failure_reason=row["failure_reason"],
            issued_offline=row["lease_id"] is not None,
        )

    def _row(self, conn: Any, ticket_id: str, site: str | None = None) -> Any:
        """The ticket; 404 also when it is another site's (a terminal sees its own hall only)."""
        row = conn.execute("SELECT * FROM tickets WHERE id=?", (ticket_id,)).fetchone()
        if row is None or (site is not None and row["site"] != site):
            raise ApiProblem(404, "ticket_not_found", f"no ticket {ticket_id[:64]!r}")
        return row

    # -- operations -----------------------------------------------------------------------------

    def reserve(self, site: str, terminal_id: str, idem_key: str, req: TicketReserveRequest) -> Ticket:
        """Reserve the site's next number; the same (terminal, key) returns the same ticket."""
        now = self.now()
        step = self.db.transact(lambda conn: self._reserve_step(conn, site, terminal_id, idem_key, req, now))
        return self._answer(step, now)

    def reserve_in(
        self, conn: Any, site: str, terminal_id: str, idem_key: str, req: TicketReserveRequest, now: datetime
    ) -> Any:
        """The reservation step inside the caller's write transaction (booking check-in shares
        it); returns the ticket row."""
        return self._reserve_step(conn, site, terminal_id, idem_key, req, now)[0]

    def _plan_reserve(
        self, site: str, terminal_id: str, idem_key: str, req: TicketReserveRequest, now: datetime
    ) -> _ReservePlan:
        """Everything a reservation decides before touching the database."""
        hall = self.site(site)
        svc = self._service(site, req.service_id)
        refusal = None
        local = now.astimezone(hall.tz)
        if not svc.enabled:
            refusal = ApiProblem(409, "service_disabled", f"service {svc.id!r} is switched off")
        elif self.enforce_hours and not svc.is_open_at(local):
            refusal = ApiProblem(
                409,
                "service_closed",
                f"service {svc.id!r} is not open at {local:%a %H:%M} ({hall.catalog.site.timezone})",
            )
        day = local.date().isoformat()
        request_hash = hashlib.sha256(req.model_dump_json().encode()).hexdigest()
        return _ReservePlan(
            request_hash=request_hash,
            service_id=svc.id,
            refusal=refusal,
            counter=(hall.id, svc.prefix, day),
            head=(str(uuid.uuid4()), hall.id, terminal_id, idem_key, request_hash, svc.id, svc.prefix, day),
            tail=(req.priority, req.language, to_us(now), to_us(now + self.ttl)),
        )

    def _reserve_step(
        self,
        conn: Any,
        site: str,
        terminal_id: str,
        idem_key: str,
        req: TicketReserveRequest,
        now: datetime,
    ) -> tuple[Any, int | None]:
        """(ticket row, people in the queue ahead of it if counted here, else None). The counter
        row is bumped by the statement that inserts the ticket, the last in the transaction, so
        its lock (held to commit) covers as little work as possible."""
        plan = self._plan_reserve(site, terminal_id, idem_key, req, now)
        self._lapse_expired(conn, now)
        if conn.dialect == "postgresql" and plan.refusal is None:
            return self._reserved(plan, conn.execute(_PG_RESERVE, plan.pg_params(AUTHENTICATED)).fetchone())
        existing = conn.execute(
            "SELECT * FROM tickets WHERE terminal_id=? AND idem_key=?", (terminal_id, idem_key)
        ).fetchone()
        if existing is not None:
            self._check_replay(plan, existing)
            return existing, None
        if plan.refusal is not None:
            raise plan.refusal
        # Atomic: the upsert takes the counter row's lock until commit, so no two transactions
        # (threads or processes) can read the same last_seq; a rollback (e.g. the idempotency-key
        # race below) gives the number back, so no gap either. A concurrent request with the same
        # (terminal, key) makes the ticket insert fail on its unique constraint; Store.transact
        # runs the step again and the SELECT above then finds the winner.
        (seq,) = conn.execute(
            "INSERT INTO sequences (site, prefix, business_date, last_seq) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (site, prefix, business_date) DO UPDATE SET last_seq = sequences.last_seq + 1 "
            "RETURNING last_seq",
            plan.counter,
        ).fetchone()
        row = conn.execute(
            f"INSERT INTO tickets ({_NEW_TICKET_COLUMNS})"
            f" VALUES (?,?,?,?,?,?,?,?,?,?,?,'reserved',?,?) RETURNING *, {_AHEAD}",
            (*plan.head, seq, *plan.tail),
        ).fetchone()
        TICKETS_ISSUED.labels(plan.service_id).inc()
        return row, row["ahead"]

    @staticmethod
    def _check_replay(plan: _ReservePlan, existing: Any) -> None:
        if existing["request_hash"] != plan.request_hash:
            raise ApiProblem(
                409,
                "idempotency_conflict",
                "this Idempotency-Key was already used with a different request body",
            )

    def _reserved(self, plan: _ReservePlan, row: Any) -> tuple[Any, int]:
        """(row, people ahead) from _PG_RESERVE's answer."""
        if row["replayed"]:
            self._check_replay(plan, row)
        else:
            TICKETS_ISSUED.labels(plan.service_id).inc()
        return row, row["ahead"]

    async def reserve_async(self, caller: HotCaller, idem_key: str, req: TicketReserveRequest) -> Ticket | None:
        """``reserve`` on the event loop through PostgreSQL's asyncio pool (central.store.
        postgres_async), in one statement guarded by the caller's token. None: not settled here
        (a refused service, which still answers a replay, or a token no longer live): the caller
        authenticates in full and takes the sync way, which says why."""
        site, terminal_id = caller.principal.site, caller.principal.id
        now = self.now()
        try:
            plan = self._plan_reserve(site, terminal_id, idem_key, req, now)
        except ApiProblem:
            return None  # no such service: said after the full authentication, not to a dead token
        if plan.refusal is not None:
            return None
        us = to_us(now)
        if not 0 <= us - self._swept_us < SWEEP_EVERY_US:
            self._swept_us = us
            await self.db.aio.fetch_one(_LAPSE["postgresql"], (us,))
        row = await self.db.aio.fetch_one(_PG_RESERVE, plan.pg_params(caller.guard))
        if row is None:
            return None
        await self._wait_figures_read(site)
        return self._answer(self._reserved(plan, row), now)

    async def _wait_figures_read(self, site: str) -> None:
        """The answer's wait comes from figures read once a second with a sync query: when they
        are due, read them in a worker thread, not on the event loop (where every request of
        this process would wait for it: a blocked loop once a second set the bench's p99)."""
        if self.wait_figures_due is not None and self.read_wait_figures is not None and self.wait_figures_due(site):
            await run_in_threadpool(self.read_wait_figures, site)

    async def confirm_async(self, caller: HotCaller, ticket_id: str, mode: ConfirmMode) -> Ticket | None:
        """``confirm`` on the event loop, in one statement guarded by the caller's token, for a
        live reservation (the common case). None for anything else (a repeat, a lapse, another
        terminal's, a token no longer live): the caller authenticates in full and takes the sync
        way, which says why."""
        site, terminal_id = caller.principal.site, caller.principal.id
        now = self.now()
        us = to_us(now)
        new = "confirmed" if mode == "printed" else "virtual"
        try:
            pretend = json.dumps(self.site(site).demo_waiting)
        except ApiProblem:
            return None  # a site no longer served: said after the full authentication
        params = (*caller.guard, new, us, ticket_id, site, terminal_id, us, us, pretend)
        row = await self.db.aio.fetch_one(_PG_CONFIRM, params)
        if row is None:
            return None
        await self._wait_figures_read(site)
        return self._answer((row, row["ahead"]), now)

    def view(self, row: Any, now: datetime, ahead: int | None = None) -> Ticket:
        """The Ticket answer for a row, with queue figures read after the write committed
        (unless ``ahead`` was counted inside the reservation)."""
        if ahead is not None:
            return self._ticket(None, row, now, ahead)
        return self.db.run_read(lambda conn: self._ticket(conn, row, now))

    def confirm(self, site: str, terminal_id: str, ticket_id: str, mode: ConfirmMode) -> Ticket:
        """reserved -> confirmed/virtual; a repeat is a no-op; lapsed/failed -> 409."""
        now = self.now()
        new = "confirmed" if mode == "printed" else "virtual"

        def step(conn: Any) -> Any:
            # The transition is one conditional UPDATE: only a live reservation of this terminal
            # changes, whatever any other process does at the same moment.
            done = conn.execute(
                "UPDATE tickets SET status=?, confirmed_us=? WHERE id=? AND site=? AND terminal_id=?"
                f" AND status='reserved' AND expires_us > ? RETURNING *, {_AHEAD}",
                (new, to_us(now), ticket_id, site, terminal_id, to_us(now)),
            ).fetchone()
            if done is not None:
                self._joined_event(conn, done, now)
                return done, done["ahead"]
            row = self._own_row(conn, site, terminal_id, ticket_id)
            status = self._persist_lapse(conn, row, now)
            if status == "lapsed":
                raise ApiProblem(
                    409,
                    "reservation_lapsed",
                    "the reservation was not confirmed in time; its number will not be called. Reserve a new ticket.",
                )
            if status == "failed":
                raise ApiProblem(409, "ticket_failed", "the ticket was already reported as failed")
            return row, None

        return self._answer(self.db.transact(step), now)

    def _joined_event(self, conn: Any, row: Any, now: datetime) -> None:
        """The hall's live stream learns of the new waiting ticket (site-wide: no counter yet)."""
        events.append_joined(conn, row, now, self.site(row["site"]).demo_waiting)

    def fail(self, site: str, terminal_id: str, ticket_id: str, reason: str) -> Ticket:
        """reserved -> failed (never called); repeats and lapsed tickets are no-ops."""
        now = self.now()

        def step(conn: Any) -> Any:
            done = conn.execute(
                "UPDATE tickets SET status='failed', failure_reason=? WHERE id=? AND site=? AND terminal_id=?"
                f" AND status='reserved' AND expires_us > ? RETURNING *, {_AHEAD}",
                (reason, ticket_id, site, terminal_id, to_us(now)),
            ).fetchone()
            if done is not None:
                return done, done["ahead"]
            row = self._own_row(conn, site, terminal_id, ticket_id)
            if self._persist_lapse(conn, row, now) in _IN_QUEUE:
                raise ApiProblem(
                    409,
                    "ticket_confirmed",
                    "the ticket was already confirmed; it cannot be failed afterwards",
                )
            return self._row(conn, ticket_id), None

        return self._answer(self.db.transact(step), now)

    def _answer(self, row_and_ahead: tuple[Any, int | None], now: datetime) -> Ticket:
        row, counted = row_and_ahead
        ahead = None if counted is None else self.site(row["site"]).demo_waiting.get(row["service_id"], 0) + counted
        return self.view(row, now, ahead)

    @staticmethod
    def _persist_lapse(conn: Any, row: Any, now: datetime) -> str:
        """The row's status, after writing "lapsed" if its reservation expired."""
        if row["status"] == "reserved" and row["expires_us"] <= to_us(now):
            conn.execute("UPDATE tickets SET status='lapsed' WHERE id=? AND status='reserved'", (row["id"],))
            return "lapsed"
        return row["status"]

    def _own_row(self, conn: Any, site: str, terminal_id: str, ticket_id: str) -> Any:
        row = self._row(conn, ticket_id, site)
        if row["terminal_id"] != terminal_id:
            raise ApiProblem(403, "not_your_ticket", "only the terminal that reserved a ticket may change it")
        return row

    def get(self, ticket_id: str, site: str | None = None) -> Ticket:
        """The ticket; with ``site``, 404 unless it is that site's (None: any site, the public pages)."""
        now = self.now()
        return self.db.run_read(lambda conn: self._ticket(conn, self._row(conn, ticket_id, site), now))

    def waiting_by_service(self) -> dict[str, int]:
        """People in the queue per service today (for /metrics); other sites' as "site/service"."""
        out: dict[str, int] = {}
        for hall in self.sites:
            prefix = "" if hall is self.sites.default else f"{hall.id}/"
            out.update({prefix + q.service_id: q.waiting for q in self.queues(hall.id).queues})
        return out

    def queues(self, site: str | None = None) -> QueuesResponse:
        now = self.now()
        hall = self.site(site)
        day = self.business_date(now, hall.id).isoformat()

        def read(conn: Any) -> list[QueueStatus]:
            out = []
            for svc in hall.catalog.services:
                waiting = self._people_ahead(conn, hall.id, svc.id, day, None)
                out.append(
                    QueueStatus(
                        service_id=svc.id, waiting=waiting, estimated_wait_minutes=self._wait(hall.id, waiting, svc)
                    )
                )
            return out

        return QueuesResponse(as_of=now, queues=self.db.run_read(read))
