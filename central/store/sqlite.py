"""The embedded engine: one SQLite file (demo, tests, one small hall).

Connections are pooled per process (opening one costs the pragmas); each is used by one thread at a
time. WAL lets readers run while a writer holds the lock; ``BEGIN IMMEDIATE`` takes the write lock
up front, so a read-decide-write step never races another, in this process or any other one on the
same file. A busy database (another process holding the lock past the busy timeout) is retried by
``Store.transact``.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from central.store.base import Store

BUSY_TIMEOUT_S = 15.0


class SqliteConn:
    """sqlite3 already speaks ``?`` and returns rows readable by name and position."""

    dialect = "sqlite"
    for_update = ""  # the whole database is write-locked by BEGIN IMMEDIATE

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.raw.execute(sql, tuple(params))


class SqliteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: Path, *, pool_size: int = 8) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=pool_size)
        self._in_use = 0
        self._count_lock = threading.Lock()
        # Writers of this process queue here before BEGIN IMMEDIATE. Correctness does not rest on
        # it (the file lock serialises writers of every process); it spares them SQLite's busy
        # handler, which sleeps in growing steps and made the reserve p99 seconds long under load.
        self._writers = threading.Lock()
        conn = self._open()
        conn.execute("PRAGMA journal_mode=WAL")
        self._release(conn)

    def _open(self) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN ourselves; timeout = busy wait for the write lock.
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def _take(self) -> sqlite3.Connection:
        with self._count_lock:
            self._in_use += 1
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self._open()

    def _release(self, conn: sqlite3.Connection) -> None:
        with self._count_lock:
            self._in_use = max(0, self._in_use - 1)
        if conn.in_transaction:
            conn.close()  # never hand on a connection in an unknown state
            return
        try:
            self._idle.put_nowait(conn)
        except queue.Full:
            conn.close()

    def connect(self) -> sqlite3.Connection:
        """A fresh raw connection (callers close it); kept for code written against db.Database."""
        return self._open()

    @contextmanager
    def read(self) -> Iterator[SqliteConn]:
        conn = self._take()
        try:
            yield SqliteConn(conn)
        finally:
            self._release(conn)

    @contextmanager
    def write(self) -> Iterator[SqliteConn]:
        """One write transaction holding SQLite's write lock from the start (BEGIN IMMEDIATE)."""
        if not self._writers.acquire(timeout=BUSY_TIMEOUT_S):
            raise sqlite3.OperationalError("database is locked (writers of this process queued too long)")
        try:
            conn = self._take()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield SqliteConn(conn)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                self._release(conn)
        finally:
            self._writers.release()

    def classify(self, exc: BaseException) -> str | None:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return "retry"
        return None

    def pool_stats(self) -> dict[str, int]:
        return {"in_use": self._in_use, "idle": self._idle.qsize(), "max": self._idle.maxsize}

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
