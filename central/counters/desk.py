"""Counters call tickets: the store side of the domain's rules (central/domain).

Every action is one write transaction that reads the rows, asks the pure rule (``choose_next``,
``apply``, ``transfer``, ``apply_counter``) what happens, and writes the outcome with a conditional
UPDATE. Two counters pressing Call at once never get one ticket: the claim is
``UPDATE tickets SET call_state='called' … WHERE id=? AND call_state='waiting'``; on PostgreSQL the
loser's UPDATE waits for the winner's commit, matches 0 rows, and the loser chooses again without
that ticket; on SQLite the write transaction (BEGIN IMMEDIATE) serialises the callers outright.
Only confirmed tickets (printed or virtual) are callable; reserved, failed and lapsed never are.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from central.catalog_file import CatalogFile
from central.counters.staff import StaffMember
from central.domain import (
    BadCounterLabel,
    CallKind,
    CallRecord,
    Counter,
    CounterAction,
    CounterState,
    IllegalTransition,
    QueuePolicy,
    QueueTicket,
    TicketAction,
    TicketState,
    apply,
    apply_counter,
    call_text,
    choose_next_with_kind,
    transfer,
)
from central.domain.announce import counter_label_words
from central.errors import ApiProblem
from central.live import events
from central.sites import SiteConfig, Sites, as_sites
from central.store import Store, from_us, to_us
from kiosk.contract.tickets import ticket_number

CALLABLE_STATUS = ("confirmed", "virtual")
HISTORY = 40  # recent calls of a counter the priority ratio looks at (far more than any ratio's cycle)
_TICKET_SELECT = (
    "SELECT t.*, b.slot_start_us AS slot_us FROM tickets t"
    " LEFT JOIN bookings b ON b.ticket_id = t.id AND t.leg = 0"  # a slot holds for the first service only
)


@dataclass(frozen=True)
class CounterRow:
    counter: Counter
    zone: str
    all_services: tuple[str, ...]
    staff_id: str | None


def queue_ticket(row: Any) -> QueueTicket:
    state_us = row["call_state_us"]
    return QueueTicket(
        id=row["id"],
        number=ticket_number(row["prefix"], row["sequence"]),
        service_id=row["service_id"],
        queued_at=from_us(row["queued_us"] if row["queued_us"] is not None else row["reserved_us"]),
        priority=row["priority"] != "none",
        appointment_slot=from_us(row["slot_us"]) if row["slot_us"] is not None else None,
        state=TicketState(row["call_state"]),
        state_since=from_us(state_us) if state_us is not None else None,
        counter_id=row["counter_id"],
        announcements=row["announcements"],
        leg=row["leg"],
    )


def _counter_row(row: Any) -> CounterRow:
    services = tuple(json.loads(row["services"]))
    picked = json.loads(row["picked"]) if row["picked"] else services
    return CounterRow(
        Counter(row["id"], row["label"], frozenset(picked), CounterState(row["state"])),
        row["zone"],
        services,
        row["staff_id"],
    )


class CallDesk:
    """Counters and the ticket actions their staff take, each in the staff member's site under
    that site's queue policy (its catalogue's [settings])."""

    def __init__(
        self,
        db: Store,
        sites: Sites | CatalogFile,
        clock: Callable[[], datetime],
        *,
        policy: QueuePolicy | None = None,
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.db = db
        self.sites = as_sites(sites)
        self.site = self.sites.default.id  # where add_counter puts a counter without a site
        self.clock = clock
        self._policy = policy  # tests: one policy for every site instead of each site's settings
        self.on_change = on_change  # the wait figures re-read after a call changed the queue

    def hall(self, site: str | None) -> SiteConfig:
        try:
            return self.sites.get(site)
        except KeyError:
            raise ApiProblem(404, "unknown_site", "this central does not serve that site") from None

    def policy(self, site: str | None) -> QueuePolicy:
        return self._policy or self.hall(site).settings.policy

    # -- counters -----------------------------------------------------------------------------------

    def add_counter(self, label: str, zone: str, services: list[str], site: str | None = None) -> CounterRow:
        """Create a counter (admin CLI, demo seed); ValueError for an unsayable label, unknown service or site."""
        try:
            counter_label_words(label, "id")
        except BadCounterLabel as exc:
            raise ValueError(str(exc)) from None
        try:
            hall = self.sites.get(site)
        except KeyError:
            raise ValueError(f"this central does not serve a site {site!r}") from None
        known = {s.id for s in hall.catalog.services}
        unknown = [s for s in services if s not in known]
        if not services or unknown:
            raise ValueError(f"a counter serves services of the catalogue; unknown: {', '.join(unknown)[:200]}")
        counter_id = str(uuid.uuid4())

        def step(conn: Any) -> Any:
            if conn.execute("SELECT 1 FROM counters WHERE site=? AND label=?", (hall.id, label)).fetchone():
                raise ValueError(f"there is already a counter {label!r} at this site")
            conn.execute(
                "INSERT INTO counters (id, site, label, zone, services, state) VALUES (?,?,?,?,?,?)",
                (counter_id, hall.id, label, zone, json.dumps(services), "closed"),
            )
            return conn.execute("SELECT * FROM counters WHERE id=?", (counter_id,)).fetchone()

        return _counter_row(self.db.transact(step))

    def counters(self, site: str | None = None) -> list[CounterRow]:
        site = self.hall(site).id
        rows = self.db.run_read(
            lambda conn: conn.execute("SELECT * FROM counters WHERE site=? ORDER BY label", (site,)).fetchall()
        )
        return [_counter_row(r) for r in rows]

    def _lock_counter(self, conn: Any, counter_id: str, site: str) -> CounterRow:
        lock = " FOR UPDATE" if conn.dialect == "postgresql" else ""
        row = conn.execute(f"SELECT * FROM counters WHERE id=? AND site=?{lock}", (counter_id, site)).fetchone()
        if row is None:
            raise ApiProblem(404, "counter_not_found", "no such counter at this site")
        return _counter_row(row)

    @staticmethod
    def _must_hold(counter: CounterRow, staff: StaffMember) -> None:
        if staff.role != "supervisor" and counter.staff_id != staff.id:
            raise ApiProblem(403, "not_your_counter", "sign in to this counter first")

    def sign_in(self, counter_id: str, staff: StaffMember, services: list[str] | None) -> CounterRow:
        """The staff member takes the counter (opening it) and picks the services it calls for."""

        def step(conn: Any) -> Any:
            counter = self._lock_counter(conn, counter_id, staff.site)
            if counter.staff_id not in (None, staff.id) and staff.role != "supervisor":
                raise ApiProblem(409, "counter_taken", "another staff member is signed in at this counter")
            picked = list(services) if services else list(counter.all_services)
            if not set(picked) <= set(counter.all_services):
                raise ApiProblem(422, "service_not_at_counter", "pick services this counter serves")
            state = counter.counter.state
            if state is CounterState.CLOSED:
                state = apply_counter(counter.counter, CounterAction.OPEN).state
            conn.execute(
                "UPDATE counters SET staff_id=?, picked=?, state=? WHERE id=?",
                (staff.id, json.dumps(sorted(set(picked))), state.value, counter_id),
            )
            self._counter_event(conn, counter, state, staff.site)
            return conn.execute("SELECT * FROM counters WHERE id=?", (counter_id,)).fetchone()

        return self._counter_change(step)

    def sign_out(self, counter_id: str, staff: StaffMember) -> CounterRow:
        def step(conn: Any) -> Any:
            counter = self._lock_counter(conn, counter_id, staff.site)
            self._must_hold(counter, staff)
            state = counter.counter.state
            if state is not CounterState.CLOSED:
                state = apply_counter(counter.counter, CounterAction.CLOSE).state
            conn.execute(
                "UPDATE counters SET staff_id=NULL, picked=NULL, state=? WHERE id=?", (state.value, counter_id)
            )
            self._counter_event(conn, counter, state, staff.site)
            return conn.execute("SELECT * FROM counters WHERE id=?", (counter_id,)).fetchone()

        return self._counter_change(step)

    def pause_resume(self, counter_id: str, staff: StaffMember, action: CounterAction) -> CounterRow:
        def step(conn: Any) -> Any:
            counter = self._lock_counter(conn, counter_id, staff.site)
            self._must_hold(counter, staff)
            changed = apply_counter(counter.counter, action)
            conn.execute("UPDATE counters SET state=? WHERE id=?", (changed.state.value, counter_id))
            self._counter_event(conn, counter, changed.state, staff.site)
            return conn.execute("SELECT * FROM counters WHERE id=?", (counter_id,)).fetchone()

        return self._counter_change(step)

    def _counter_change(self, step: Callable[[Any], Any]) -> CounterRow:
        try:
            row = self.db.transact(step)
        except IllegalTransition as exc:
            raise ApiProblem(409, "illegal_transition", str(exc)[:200]) from None
        self.on_change()
        return _counter_row(row)

    # -- calling ------------------------------------------------------------------------------------

    def call_next(self, counter_id: str, staff: StaffMember) -> tuple[QueueTicket, CounterRow] | None:
        """Claim the ticket the rules choose for this counter; None when no one is waiting for it."""
        now = self.clock()
        hall = self.hall(staff.site)
        policy = self.policy(hall.id)
        day = now.astimezone(hall.tz).date().isoformat()

        def step(conn: Any) -> Any:
            counter = self._lock_counter(conn, counter_id, staff.site)
            self._must_hold(counter, staff)
            if not counter.counter.calling:
                raise ApiProblem(
                    409, "counter_not_open", f"the counter is {counter.counter.state.value}; resume it first"
                )
            if conn.execute(
                "SELECT 1 FROM tickets WHERE counter_id=? AND call_state IN ('called','serving')", (counter_id,)
            ).fetchone():
                raise ApiProblem(409, "counter_busy", "finish the current ticket first (done, no-show or transfer)")
            services = sorted(counter.counter.services)
            marks = ",".join("?" * len(services))
            rows = conn.execute(
                f"{_TICKET_SELECT} WHERE t.site=? AND t.business_date=? AND t.call_state='waiting'"
                f" AND t.status IN (?,?) AND t.service_id IN ({marks})",
                (hall.id, day, *CALLABLE_STATUS, *services),
            ).fetchall()
            waiting = {r["id"]: queue_ticket(r) for r in rows}
            recent = conn.execute(
                "SELECT kind, called_us, counter_seq FROM calls WHERE counter_id=? ORDER BY counter_seq DESC LIMIT ?",
                (counter_id, HISTORY),
            ).fetchall()  # by the counter's own order: two calls can share a time
            history = [CallRecord(CallKind(r["kind"]), from_us(r["called_us"])) for r in reversed(recent)]
            next_seq = recent[0]["counter_seq"] + 1 if recent else 1
            while True:
                chosen = choose_next_with_kind(waiting.values(), counter.counter, history, now, policy)
                if chosen is None:
                    return None
                ticket, kind = chosen
                called = apply(ticket, TicketAction.CALL, max(now, ticket.since), policy, counter_id=counter_id)
                claimed = conn.execute(
                    "UPDATE tickets SET call_state='called', counter_id=?, call_state_us=?, announcements=1"
                    " WHERE id=? AND leg=? AND call_state='waiting' AND status IN (?,?) RETURNING id",
                    (counter_id, to_us(called.since), ticket.id, ticket.leg, *CALLABLE_STATUS),
                ).fetchone()
                if claimed is None:  # another counter took it since we read: choose again without it
                    del waiting[ticket.id]
                    continue
                conn.execute(
                    "INSERT INTO calls (id, ticket_id, leg, counter_id, counter_seq, service_id, kind, called_us)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    (
                        str(uuid.uuid4()),
                        ticket.id,
                        ticket.leg,
                        counter_id,
                        next_seq,
                        ticket.service_id,
                        kind.value,
                        to_us(called.since),
                    ),
                )
                self._ticket_event(conn, hall, "called", called, counter, day)
                return called, counter

        try:
            answer = self.db.transact(step)
        except IllegalTransition as exc:
            raise ApiProblem(409, "illegal_transition", str(exc)[:200]) from None
        self.on_change()
        return answer

    # -- actions on a called ticket -----------------------------------------------------------------

    def act(
        self, ticket_id: str, staff: StaffMember, action: TicketAction, to_service: str | None = None
    ) -> tuple[QueueTicket, CounterRow | None]:
        """recall / serve / done / no_show / restore / transfer, as the ticket table allows."""
        now = self.clock()
        hall = self.hall(staff.site)
        policy = self.policy(hall.id)
        if to_service is not None and to_service not in {s.id for s in hall.catalog.services}:
            raise ApiProblem(404, "unknown_service", "no such service in the catalogue")

        def step(conn: Any) -> Any:
            lock = " FOR UPDATE OF t" if conn.dialect == "postgresql" else ""
            row = conn.execute(
                f"{_TICKET_SELECT} WHERE t.id=? AND t.site=?{lock}", (ticket_id[:64], hall.id)
            ).fetchone()
            if row is None or row["status"] not in CALLABLE_STATUS:
                raise ApiProblem(404, "ticket_not_found", "no ticket in the queue with this id")
            ticket = queue_ticket(row)
            counter = None
            if ticket.counter_id is not None:
                counter = self._lock_counter(conn, ticket.counter_id, staff.site)
                if action is not TicketAction.RESTORE:
                    self._must_hold(counter, staff)
            at = max(now, ticket.since)
            if action is TicketAction.TRANSFER:
                closed, changed = transfer(ticket, to_service or "", at, policy)
            elif action is TicketAction.DONE and ticket.state is TicketState.CALLED:
                closed = changed = apply(
                    apply(ticket, TicketAction.SERVE, at, policy), TicketAction.DONE, at, policy
                )  # Done straight after the call
            else:
                closed = changed = apply(ticket, action, at, policy)
            updated = conn.execute(
                "UPDATE tickets SET service_id=?, call_state=?, call_state_us=?, counter_id=?, announcements=?,"
                " queued_us=?, leg=? WHERE id=? AND leg=? AND call_state=? RETURNING id",
                (
                    changed.service_id,
                    changed.state.value,
                    to_us(changed.since),
                    changed.counter_id,
                    changed.announcements,
                    to_us(changed.queued_at),
                    changed.leg,
                    ticket.id,
                    ticket.leg,
                    ticket.state.value,
                ),
            ).fetchone()
            if updated is None:
                raise ApiProblem(409, "ticket_changed", "the ticket changed meanwhile; reload it")
            if closed.state in (TicketState.DONE, TicketState.NO_SHOW, TicketState.TRANSFERRED):
                # the call's end: its called->ended time is a measured service time
                conn.execute(
                    "UPDATE calls SET ended_us=?, outcome=? WHERE ticket_id=? AND leg=? AND ended_us IS NULL",
                    (to_us(at), closed.state.value, ticket.id, ticket.leg),
                )
            kind = "transferred" if action is TicketAction.TRANSFER else closed.state.value
            if action in (TicketAction.RECALL, TicketAction.RESTORE):
                kind = {TicketAction.RECALL: "recalled", TicketAction.RESTORE: "restored"}[action]
            self._ticket_event(conn, hall, kind, changed, counter, row["business_date"], from_service=ticket.service_id)
            return changed, counter

        try:
            answer = self.db.transact(step)
        except IllegalTransition as exc:
            raise ApiProblem(409, "illegal_transition", str(exc)[:200]) from None
        self.on_change()
        return answer

    # -- live events (central/live), in the change's own transaction -------------------------------

    def _counter_event(self, conn: Any, counter: CounterRow, state: CounterState, site: str) -> None:
        payload = {"counter": counter.counter.label, "state": state.value}
        events.append(conn, site, counter.zone, "counter", self.clock(), payload)

    def _ticket_event(
        self,
        conn: Any,
        hall: SiteConfig,
        kind: str,
        ticket: QueueTicket,
        counter: CounterRow | None,
        day: str,
        from_service: str = "",
    ) -> None:
        services = sorted({ticket.service_id, from_service or ticket.service_id})
        payload: dict[str, Any] = {
            "ticket_id": ticket.id,
            "number": ticket.number,
            "service_id": ticket.service_id,
            "state": ticket.state.value,
            "counter": counter.counter.label if counter else None,
            "waiting": events.waiting_counts(conn, day, services, hall.demo_waiting, site=hall.id),
        }
        if kind in ("called", "recalled"):
            payload["announcement"] = self.announcement(ticket, counter, hall.id)
        events.append(conn, hall.id, counter.zone if counter else "", kind, self.clock(), payload)

    def announcement(
        self, ticket: QueueTicket, counter: CounterRow | None, site: str | None = None
    ) -> dict[str, str] | None:
        """The caller's sentence in each language the site announces in (its [settings])."""
        if counter is None or ticket.state is not TicketState.CALLED:
            return None
        languages = self.hall(site).settings.announce_languages
        return {lang: call_text(ticket.number, counter.counter.label, lang) for lang in languages}
