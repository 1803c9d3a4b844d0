"""The kiosk's durable record of its leases and of every ticket it issued from them (issue 16).

Tables live in the kiosk's journal file (kiosk/journal: WAL, synchronous=FULL), beside the money
journal. Taking a number is ONE transaction that moves the lease's ``next_seq`` on and inserts
the ticket row, committed to disk before anything is printed. So a kiosk killed at any instant
either has the number recorded (it is then in the outbox, and never taken again) or not (nothing
was printed with it, and the next ticket takes it). A number is never reused and a recorded one
never lost.

Only ids, numbers, services and times are stored: nothing about the citizen.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.contract.leases import Lease
from kiosk.contract.tickets import ticket_number

Clock = Callable[[], datetime]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS offline_leases (
    id TEXT PRIMARY KEY, service_id TEXT NOT NULL, prefix TEXT NOT NULL, business_date TEXT NOT NULL,
    first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,
    next_seq INTEGER NOT NULL,          -- the next number to issue; > last_seq when used up
    granted_at REAL NOT NULL, expires_at REAL NOT NULL,
    released INTEGER NOT NULL DEFAULT 0 -- 1: the central knows the rest is void
);
-- A grant asked for and not yet answered: its key is reused until it is, so a grant whose answer
-- was lost (or a kiosk killed while asking) gets the same lease, never a second one.
CREATE TABLE IF NOT EXISTS offline_lease_requests (
    service_id TEXT PRIMARY KEY, idem_key TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS offline_tickets (
    issue_order INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE, lease_id TEXT NOT NULL REFERENCES offline_leases(id),
    sequence INTEGER NOT NULL, number TEXT NOT NULL, service_id TEXT NOT NULL,
    priority TEXT NOT NULL, language TEXT NOT NULL,
    issued_at REAL NOT NULL,            -- kiosk clock
    clock_skew_s REAL NOT NULL,         -- central minus kiosk, as last measured
    delivery TEXT,                      -- printed / virtual / failed; NULL: not known yet
    sync TEXT NOT NULL DEFAULT 'pending', -- pending / synced / refused
    refusal TEXT,
    UNIQUE (lease_id, sequence)
);
CREATE INDEX IF NOT EXISTS offline_tickets_outbox ON offline_tickets (sync, issue_order);
CREATE TABLE IF NOT EXISTS offline_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
"""


@dataclass(frozen=True)
class HeldLease:
    id: str
    service_id: str
    prefix: str
    business_date: str
    first_seq: int
    last_seq: int
    next_seq: int
    granted_at: datetime
    expires_at: datetime
    released: bool

    @property
    def remaining(self) -> int:
        return max(0, self.last_seq - self.next_seq + 1)

    @property
    def size(self) -> int:
        return self.last_seq - self.first_seq + 1


@dataclass(frozen=True)
class OfflineRecord:
    issue_order: int
    id: str
    lease_id: str
    sequence: int
    number: str
    service_id: str
    priority: str
    language: str
    issued_at: datetime
    clock_skew_s: float
    delivery: str | None
    sync: str
    refusal: str | None


class NoLeasedNumber(RuntimeError):
    """No usable lease holds a number for this service now."""


class OfflineLedger:
    """Thread-safe; every method is one short transaction on a private connection.

    ``on_step(name, ticket_id)`` is the crash harness's hook, called where a kill is worth testing:
    "taking" (inside the transaction, before COMMIT) and "recorded"/"delivered" (after COMMIT)."""

    def __init__(
        self, path: Path, clock: Clock | None = None, on_step: Callable[[str, str], None] | None = None
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self._on_step = on_step
        self._lock = threading.Lock()
        self._live: set[str] = set()  # tickets this process is still printing
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _tx(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = fn(self._db)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return result

    # ---- clock skew --------------------------------------------------------------------------
    def set_skew(self, seconds: float) -> None:
        self._tx(
            lambda db: db.execute("INSERT OR REPLACE INTO offline_meta VALUES ('clock_skew_s', ?)", (repr(seconds),))
        )

    def skew_s(self) -> float:
        with self._lock:
            row = self._db.execute("SELECT value FROM offline_meta WHERE key='clock_skew_s'").fetchone()
        return float(row[0]) if row else 0.0

    def track_base(self) -> str | None:
        """The central's public address for following a ticket, from the last lease that said."""
        with self._lock:
            row = self._db.execute("SELECT value FROM offline_meta WHERE key='track_base'").fetchone()
        return str(row[0]) if row else None

    def central_now(self) -> datetime:
        """The central's time as this kiosk best knows it."""
        return self.clock() + timedelta(seconds=self.skew_s())

    # ---- leases ------------------------------------------------------------------------------
    def grant_key(self, service_id: str) -> str:
        """The Idempotency-Key for the next grant of ``service_id``: written down before it is used."""

        def step(db: sqlite3.Connection) -> str:
            row = db.execute("SELECT idem_key FROM offline_lease_requests WHERE service_id=?", (service_id,)).fetchone()
            if row:
                return str(row[0])
            key = str(uuid.uuid4())
            db.execute("INSERT INTO offline_lease_requests VALUES (?,?,?)", (service_id, key, self.clock().timestamp()))
            return key

        return str(self._tx(step))

    def add_lease(self, lease: Lease) -> None:
        """Keep a granted lease and retire the request key that asked for it (one transaction)."""

        def step(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR IGNORE INTO offline_leases (id, service_id, prefix, business_date, first_seq, last_seq,"
                " next_seq, granted_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    lease.id,
                    lease.service_id,
                    lease.prefix,
                    lease.business_date.isoformat(),
                    lease.first_sequence,
                    lease.last_sequence,
                    lease.first_sequence,
                    lease.granted_at.timestamp(),
                    lease.expires_at.timestamp(),
                ),
            )
            db.execute("DELETE FROM offline_lease_requests WHERE service_id=?", (lease.service_id,))
            if lease.track_base:
                db.execute("INSERT OR REPLACE INTO offline_meta VALUES ('track_base', ?)", (lease.track_base,))

        self._tx(step)

    def leases(self, service_id: str | None = None) -> list[HeldLease]:
        sql, args = "SELECT * FROM offline_leases", tuple[str, ...]()
        if service_id is not None:
            sql, args = sql + " WHERE service_id=?", (service_id,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY business_date, first_seq", args).fetchall()
        return [_lease(r) for r in rows]

    def usable(self, service_id: str) -> list[HeldLease]:
        """Leases of ``service_id`` with numbers left that are still valid now (central time)."""
        now = self.central_now()
        return [
            lease
            for lease in self.leases(service_id)
            if not lease.released and lease.remaining and now < lease.expires_at
        ]

    def numbers_left(self, service_id: str) -> int:
        return sum(lease.remaining for lease in self.usable(service_id))

    def mark_released(self, lease_id: str) -> None:
        self._tx(lambda db: db.execute("UPDATE offline_leases SET released=1 WHERE id=?", (lease_id,)))

    # ---- issuing -----------------------------------------------------------------------------
    def take(self, service_id: str, priority: str, language: str) -> tuple[OfflineRecord, HeldLease]:
        """Record the next leased number of ``service_id`` as issued, durably, and return it."""
        for lease in self.usable(service_id):  # the oldest first: lower numbers are called first
            try:
                return self._take_from(lease, priority, language)
            except NoLeasedNumber:
                continue  # another thread used it up meanwhile
        raise NoLeasedNumber(f"no leased number left for {service_id}")

    def _take_from(self, lease: HeldLease, priority: str, language: str) -> tuple[OfflineRecord, HeldLease]:
        service_id = lease.service_id
        ticket_id, issued, skew = str(uuid.uuid4()), self.clock(), self.skew_s()

        def step(db: sqlite3.Connection) -> int:
            # Read again inside the write lock: another thread may have taken a number meanwhile.
            row = db.execute("SELECT next_seq, last_seq FROM offline_leases WHERE id=?", (lease.id,)).fetchone()
            seq = int(row["next_seq"])
            if seq > row["last_seq"]:
                raise NoLeasedNumber(f"lease of {service_id} used up")
            db.execute("UPDATE offline_leases SET next_seq=? WHERE id=? AND next_seq=?", (seq + 1, lease.id, seq))
            db.execute(
                "INSERT INTO offline_tickets (id, lease_id, sequence, number, service_id, priority, language,"
                " issued_at, clock_skew_s) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    ticket_id,
                    lease.id,
                    seq,
                    ticket_number(lease.prefix, seq),
                    service_id,
                    priority,
                    language,
                    issued.timestamp(),
                    skew,
                ),
            )
            self._step("taking", ticket_id)
            return seq

        with self._lock:
            self._live.add(ticket_id)
        try:
            self._tx(step)
        except BaseException:
            with self._lock:
                self._live.discard(ticket_id)
            raise
        self._step("recorded", ticket_id)
        return self.get(ticket_id), lease

    def deliver(self, ticket_id: str, delivery: str) -> None:
        """How the ticket reached the citizen (or that it did not: "failed")."""
        if delivery not in ("printed", "virtual", "failed"):
            raise ValueError(f"unknown delivery {delivery!r}")
        self._tx(
            lambda db: db.execute(
                "UPDATE offline_tickets SET delivery=? WHERE id=? AND delivery IS NULL", (delivery, ticket_id)
            )
        )
        with self._lock:
            self._live.discard(ticket_id)
        self._step("delivered", ticket_id)

    def owns(self, ticket_id: str) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM offline_tickets WHERE id=?", (ticket_id,)).fetchone() is not None

    def get(self, ticket_id: str) -> OfflineRecord:
        with self._lock:
            row = self._db.execute("SELECT * FROM offline_tickets WHERE id=?", (ticket_id,)).fetchone()
        if row is None:
            raise KeyError(ticket_id)
        return _record(row)

    def records(self) -> list[OfflineRecord]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM offline_tickets ORDER BY issue_order").fetchall()
        return [_record(r) for r in rows]

    def unsent_count(self, service_id: str | None = None) -> int:
        sql, args = "SELECT COUNT(*) FROM offline_tickets WHERE sync='pending'", tuple[str, ...]()
        if service_id is not None:
            sql, args = sql + " AND service_id=?", (service_id,)
        with self._lock:
            (n,) = self._db.execute(sql, args).fetchone()
        return int(n)

    # ---- outbox ------------------------------------------------------------------------------
    def outbox(self, limit: int) -> list[OfflineRecord]:
        """The oldest unsent tickets, in issue order, stopping at one this process is still
        printing (it goes once its delivery is known, and nothing overtakes it)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM offline_tickets WHERE sync='pending' ORDER BY issue_order LIMIT ?", (limit,)
            ).fetchall()
            live = set(self._live)
        out = []
        for row in rows:
            if row["id"] in live:
                break
            out.append(_record(row))
        return out

    def mark_sent(self, outcomes: dict[str, str | None]) -> None:
        """``{ticket id: None (synced) or the refusal code}``, in one transaction."""

        def step(db: sqlite3.Connection) -> None:
            for ticket_id, refusal in outcomes.items():
                db.execute(
                    "UPDATE offline_tickets SET sync=?, refusal=? WHERE id=? AND sync='pending'",
                    ("synced" if refusal is None else "refused", refusal, ticket_id),
                )

        self._tx(step)

    def _step(self, name: str, ticket_id: str) -> None:
        if self._on_step is not None:
            self._on_step(name, ticket_id)


def _ts(value: float) -> datetime:
    return datetime.fromtimestamp(value, UTC)


def _lease(row: sqlite3.Row) -> HeldLease:
    return HeldLease(
        id=row["id"],
        service_id=row["service_id"],
        prefix=row["prefix"],
        business_date=row["business_date"],
        first_seq=row["first_seq"],
        last_seq=row["last_seq"],
        next_seq=row["next_seq"],
        granted_at=_ts(row["granted_at"]),
        expires_at=_ts(row["expires_at"]),
        released=bool(row["released"]),
    )


def _record(row: sqlite3.Row) -> OfflineRecord:
    return OfflineRecord(
        issue_order=row["issue_order"],
        id=row["id"],
        lease_id=row["lease_id"],
        sequence=row["sequence"],
        number=row["number"],
        service_id=row["service_id"],
        priority=row["priority"],
        language=row["language"],
        issued_at=_ts(row["issued_at"]),
        clock_skew_s=row["clock_skew_s"],
        delivery=row["delivery"],
        sync=row["sync"],
        refusal=row["refusal"],
    )
