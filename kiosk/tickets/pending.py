"""Tickets in a citizen's hand whose confirmation has not reached the central service yet.

A printed ticket whose ``/confirm`` is lost would lapse at the central, and its holder would never
be called. So the confirmation is written here first (SQLite, synchronous=FULL, survives a crash
or a restart) and removed only once the central has answered. Only ticket ids and numbers are
stored: nothing about the person.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PendingConfirmation:
    ticket_id: str
    number: str
    mode: str  # "printed" or "virtual"
    since: float  # unix time the ticket was handed out


class PendingConfirmations:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS pending_confirmations ("
            " ticket_id TEXT PRIMARY KEY, number TEXT NOT NULL, mode TEXT NOT NULL, since REAL NOT NULL)"
        )

    def add(self, ticket_id: str, number: str, mode: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO pending_confirmations VALUES (?, ?, ?, ?)",
                (ticket_id, number, mode, time.time()),
            )

    def remove(self, ticket_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM pending_confirmations WHERE ticket_id = ?", (ticket_id,))

    def all(self) -> list[PendingConfirmation]:
        with self._lock:
            rows = self._db.execute(
                "SELECT ticket_id, number, mode, since FROM pending_confirmations ORDER BY since"
            ).fetchall()
        return [PendingConfirmation(*row) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()
