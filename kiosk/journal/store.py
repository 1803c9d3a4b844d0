"""SQLite journal of paid sessions (lamassu-machine's transaction journal is the model).

One entry per attempt at a paid ticket. Its id is a client-generated UUID and doubles as the
payment's Idempotency-Key; the ticket reservation gets its own key, written down before the
reservation is asked for. Each step is committed (WAL, synchronous=FULL: on disk, not in a
cache) BEFORE the network call it leads to, so a kiosk killed at any instant finds, on restart,
exactly which calls may have reached the central and replays or undoes them (``reconcile``).

Step order of a paid session, and why (docs/payments.md has the full table):

    charge_requested -> charge_created -> paid_seen -> ticket_reserved -> ticket_printed
        -> receipt_printed -> confirmed

The charge comes first and the number second, so no number is ever reserved for someone who has
not paid ("never a ticket without payment"), and a citizen who walks away from the QR code
costs nothing but a cancelled charge. Side exits: ``refund_requested`` (paid, but no ticket could
be given) and the outcome ``closed`` (nothing was paid).

Only ids, numbers, amounts and states are stored: never a name, a NIK or a card number.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any


class JournalStep(StrEnum):
    CHARGE_REQUESTED = "charge_requested"
    CHARGE_CREATED = "charge_created"
    PAID_SEEN = "paid_seen"
    TICKET_RESERVED = "ticket_reserved"
    TICKET_PRINTED = "ticket_printed"
    RECEIPT_PRINTED = "receipt_printed"
    CONFIRMED = "confirmed"
    REFUND_REQUESTED = "refund_requested"
    CLOSED = "closed"


# Outcomes of a finished entry. "confirmed": a paid ticket reached the citizen and the central
# knows; "refund_flagged": paid, no ticket, the central holds a refund request; "closed": no money
# moved (expired, cancelled, never shown).
OUTCOMES = ("confirmed", "refund_flagged", "closed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    amount_idr INTEGER NOT NULL,
    step TEXT NOT NULL,
    outcome TEXT,
    payment_id TEXT,
    reference TEXT,
    ticket_key TEXT NOT NULL,
    ticket_id TEXT,
    ticket_number TEXT,
    delivery TEXT,
    receipt TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS steps (
    entry_id TEXT NOT NULL REFERENCES entries(id),
    seq INTEGER NOT NULL,
    step TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (entry_id, seq)
);
CREATE INDEX IF NOT EXISTS entries_open ON entries(outcome) WHERE outcome IS NULL;
"""

_FIELDS = ("payment_id", "reference", "ticket_id", "ticket_number", "delivery", "receipt")


@dataclass(frozen=True)
class Entry:
    id: str
    service_id: str
    amount_idr: int
    step: JournalStep
    outcome: str | None
    payment_id: str | None
    reference: str | None
    ticket_key: str
    ticket_id: str | None
    ticket_number: str | None
    delivery: str | None
    receipt: str | None
    created: float
    updated: float

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    def charge_id(self) -> str:
        """The central's payment id, which every step from ``charge_created`` on has."""
        if self.payment_id is None:
            raise ValueError(f"journal entry {self.id} at {self.step.value} has no payment id")
        return self.payment_id

    def reserved_ticket_id(self) -> str:
        """The reserved ticket's id, which every step from ``ticket_reserved`` on has."""
        if self.ticket_id is None:
            raise ValueError(f"journal entry {self.id} at {self.step.value} has no ticket id")
        return self.ticket_id


class Journal:
    """Thread-safe; every method is one short transaction on a private connection."""

    def __init__(self, path: Path, on_step: Callable[[str, JournalStep], None] | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._on_step = on_step  # for the crash harness: called after a step is durable
        self._live: set[str] = set()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)

    # ---- writing ---------------------------------------------------------------------------
    def begin(self, service_id: str, amount_idr: int) -> Entry:
        """A new paid session, at ``charge_requested``: its id is the payment's Idempotency-Key."""
        entry_id, now = str(uuid.uuid4()), time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO entries (id, service_id, amount_idr, step, ticket_key, created, updated)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (entry_id, service_id, amount_idr, JournalStep.CHARGE_REQUESTED.value, str(uuid.uuid4()), now, now),
                )
                self._add_step(entry_id, JournalStep.CHARGE_REQUESTED, now)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._live.add(entry_id)
        self._after(entry_id, JournalStep.CHARGE_REQUESTED)
        return self.get(entry_id)

    def record(self, entry_id: str, step: JournalStep, *, outcome: str | None = None, **fields: str | None) -> None:
        """Move an entry to ``step`` (and set ids learnt on the way) in one durable transaction."""
        unknown = set(fields) - set(_FIELDS)
        if unknown:
            raise ValueError(f"not journal fields: {sorted(unknown)}")
        if outcome is not None and outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        now = time.time()
        sets = ", ".join(f"{name}=?" for name in fields)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                cur = self._db.execute(
                    f"UPDATE entries SET step=?, outcome=?, updated=?{', ' + sets if sets else ''} WHERE id=?",
                    (step.value, outcome, now, *fields.values(), entry_id),
                )
                if cur.rowcount != 1:
                    raise KeyError(entry_id)
                self._add_step(entry_id, step, now)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            if outcome is not None:
                self._live.discard(entry_id)
        self._after(entry_id, step)

    def finish(self, entry_id: str, step: JournalStep, outcome: str, **fields: str | None) -> None:
        self.record(entry_id, step, outcome=outcome, **fields)

    def _add_step(self, entry_id: str, step: JournalStep, now: float) -> None:
        (seq,) = self._db.execute("SELECT COUNT(*) FROM steps WHERE entry_id=?", (entry_id,)).fetchone()
        self._db.execute("INSERT INTO steps VALUES (?,?,?,?)", (entry_id, seq, step.value, now))

    def _after(self, entry_id: str, step: JournalStep) -> None:
        if self._on_step is not None:
            self._on_step(entry_id, step)

    # ---- who is handling an entry right now ------------------------------------------------
    def release(self, entry_id: str) -> None:
        """Nobody in this process follows the entry any more: reconciliation may take it."""
        with self._lock:
            self._live.discard(entry_id)

    def is_live(self, entry_id: str) -> bool:
        with self._lock:
            return entry_id in self._live

    # ---- reading ---------------------------------------------------------------------------
    def get(self, entry_id: str) -> Entry:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM entries WHERE id=?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(entry_id)
        return _entry(row)

    def unfinished(self) -> list[Entry]:
        """Entries no one has brought to an outcome, oldest first (live ones included)."""
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM entries WHERE outcome IS NULL ORDER BY created").fetchall()
        return [_entry(r) for r in rows]

    def entries(self) -> list[Entry]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM entries ORDER BY created").fetchall()
        return [_entry(r) for r in rows]

    def steps(self, entry_id: str) -> list[str]:
        with self._lock:
            rows = self._db.execute("SELECT step FROM steps WHERE entry_id=? ORDER BY seq", (entry_id,)).fetchall()
        return [r[0] for r in rows]

    def integrity_ok(self) -> bool:
        with self._lock:
            (result,) = self._db.execute("PRAGMA integrity_check").fetchone()
        return str(result) == "ok"

    def close(self) -> None:
        with self._lock:
            self._db.close()


_COLUMNS = (
    "id, service_id, amount_idr, step, outcome, payment_id, reference, ticket_key, ticket_id,"
    " ticket_number, delivery, receipt, created, updated"
)


def _entry(row: tuple[Any, ...]) -> Entry:  # sqlite3 rows are untyped; the schema above is the type
    values = list(row)
    values[3] = JournalStep(values[3])
    return Entry(*values)
