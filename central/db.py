"""SQLite schema and connections for the reference central.

One short-lived connection per operation (sqlite3 connections must not hop threads and FastAPI
runs sync endpoints on a thread pool). WAL lets readers run while a reservation holds the write
lock; ``BEGIN IMMEDIATE`` takes that lock up front so two reservations can never read the same
"last sequence".
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sequences (
    prefix TEXT NOT NULL, business_date TEXT NOT NULL, last_seq INTEGER NOT NULL,
    PRIMARY KEY (prefix, business_date)
);
CREATE TABLE IF NOT EXISTS tickets (
    id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    service_id TEXT NOT NULL,
    prefix TEXT NOT NULL,
    business_date TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    priority TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    reserved_us INTEGER NOT NULL,
    expires_us INTEGER NOT NULL,
    confirmed_us INTEGER,
    failure_reason TEXT,
    UNIQUE (terminal_id, idem_key),
    UNIQUE (prefix, business_date, sequence)
);
CREATE INDEX IF NOT EXISTS tickets_queue ON tickets (service_id, business_date, status, sequence);
CREATE INDEX IF NOT EXISTS tickets_reserved ON tickets (status, expires_us);
CREATE TABLE IF NOT EXISTS citizens (
    nik TEXT PRIMARY KEY, card_uid TEXT UNIQUE, name TEXT NOT NULL, birth_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrolment_codes (
    code_hash TEXT PRIMARY KEY, used_by TEXT, used_us INTEGER
);
CREATE TABLE IF NOT EXISTS terminals (
    terminal_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, enrolled_us INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS staff_cards (
    uid_hash TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL
);
"""


def to_us(dt: datetime) -> int:
    """Microseconds since the epoch (exact, unlike float timestamps)."""
    return (dt - EPOCH) // timedelta(microseconds=1)


def from_us(us: int) -> datetime:
    return EPOCH + timedelta(microseconds=us)


class Database:
    """Opens connections to one SQLite file with the pragmas the central relies on."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)

    def connect(self) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN ourselves; timeout = busy wait for the write lock.
        conn = sqlite3.connect(self.path, timeout=15.0, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        conn = self.connect()
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding SQLite's write lock from the start (BEGIN IMMEDIATE)."""
        conn = self.connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()
