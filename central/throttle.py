"""Per-client slow-down after failed enrolments and wrong tokens, kept in the database.

Every central process shares the database, so the state lives there (table ``auth_failures``),
not in a Python dict: a client cannot escape the delay by landing on another worker. A client is
its peer IP address (the reference central does not trust X-Forwarded-For; see
docs/operations.md). Failures are counted per bucket ("enrol", "token") so a kiosk still calling
with a revoked token does not block its own re-enrolment.

The first ``FREE_FAILURES`` failures cost nothing (typos); each further one blocks the client for
1, 2, 4 … s, at most ``MAX_BLOCK``. While blocked every request of that bucket is answered 429 with
Retry-After without being evaluated. The count starts again after ``FORGET_AFTER`` without a failure,
and a success clears it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from central.errors import ApiProblem
from central.store import Store, to_us

FREE_FAILURES = 5
MAX_BLOCK = timedelta(minutes=5)
FORGET_AFTER = timedelta(hours=1)


class RateLimited(ApiProblem):
    """429; the app adds ``Retry-After: retry_after_s``."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(
            429, "rate_limited", f"too many failed attempts from this client; retry after {retry_after_s} s"
        )
        self.retry_after_s = retry_after_s


def block_for(failures: int) -> timedelta:
    """How long the ``failures``-th failure in a row blocks the client."""
    if failures <= FREE_FAILURES:
        return timedelta(0)
    doublings = min(failures - FREE_FAILURES - 1, 30)
    return min(timedelta(seconds=1 << doublings), MAX_BLOCK)


class AuthThrottle:
    def __init__(self, db: Store, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock

    def check(self, bucket: str, client: str, conn: Any = None) -> int:
        """Raise ``RateLimited`` while ``client`` is blocked; else its failures so far. ``conn``:
        an open connection to reuse (one connection per request saves ~0.2 ms)."""
        query = "SELECT failures, blocked_until_us FROM auth_failures WHERE bucket=? AND client=?"
        if conn is None:
            with self.db.read() as own:
                row = own.execute(query, (bucket, client)).fetchone()
        else:
            row = conn.execute(query, (bucket, client)).fetchone()
        return 0 if row is None else self.verdict(row["failures"], row["blocked_until_us"])

    def verdict(self, failures: int | None, blocked_until_us: int | None) -> int:
        """From the client's stored row (None, None: no failures): ``RateLimited`` while blocked,
        else its failures so far."""
        if failures is None or blocked_until_us is None:
            return 0
        wait_us = blocked_until_us - to_us(self.clock())
        if wait_us > 0:
            raise RateLimited(max(1, math.ceil(wait_us / 1_000_000)))
        return int(failures)

    def failed(self, bucket: str, client: str) -> None:
        now = to_us(self.clock())
        forget_us = FORGET_AFTER // timedelta(microseconds=1)
        # The count is bumped by one upsert that reads the row it changes: on PostgreSQL the row
        # lock serialises concurrent failures of one client (a read-then-write would lose counts
        # under READ COMMITTED), and the lock is held to commit, so the block set next is this
        # count's. SQLite's BEGIN IMMEDIATE serialises the whole transaction anyway.
        with self.db.write() as conn:
            (failures,) = conn.execute(
                "INSERT INTO auth_failures (bucket, client, failures, last_us, blocked_until_us) VALUES (?,?,1,?,?) "
                "ON CONFLICT (bucket, client) DO UPDATE SET "
                "failures = CASE WHEN excluded.last_us - auth_failures.last_us > ? THEN 1 "
                "ELSE auth_failures.failures + 1 END, last_us = excluded.last_us "
                "RETURNING failures",
                (bucket, client, now, now, forget_us),
            ).fetchone()
            blocked_until = now + block_for(failures) // timedelta(microseconds=1)
            conn.execute(
                "UPDATE auth_failures SET blocked_until_us=? WHERE bucket=? AND client=?",
                (blocked_until, bucket, client),
            )

    def succeeded(self, bucket: str, client: str) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM auth_failures WHERE bucket=? AND client=?", (bucket, client))
