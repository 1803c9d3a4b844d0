"""What every engine offers the central's desks: connections that take ``execute(sql, params)``
with ``?`` placeholders and rows readable by column name or position, short transactions, and
``transact(fn)`` which re-runs ``fn`` when the database says the transaction lost a race.

Why ``transact`` takes a function rather than being a ``with`` block: a ``with`` body cannot be
run a second time, and a deadlock, a serialization failure or a unique-constraint race (two
processes inserting the same idempotency key at once) is answered correctly only by running the
whole read-decide-write step again on fresh data.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

from central.metrics import RETRIES

log = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
T = TypeVar("T")
MAX_ATTEMPTS = 6


def to_us(dt: datetime) -> int:
    """Microseconds since the epoch (exact, unlike float timestamps)."""
    return (dt - EPOCH) // timedelta(microseconds=1)


def from_us(us: int) -> datetime:
    return EPOCH + timedelta(microseconds=us)


class StoreUnavailable(Exception):
    """The database cannot be reached, its pool is exhausted, or a transaction kept losing races;
    the app answers 503 so the kiosk retries (its calls are idempotent)."""


class Conn(Protocol):
    dialect: str

    def execute(self, sql: str, params: Iterable[Any] = ...) -> Any: ...


class Store:
    """Base of the SQLite and PostgreSQL engines (see ``central.store.open_store``)."""

    dialect: str = ""
    url: str = ""
    # Driver errors meaning "no database right now", wherever they surface (the app answers them
    # 503 like StoreUnavailable, also from code that uses read()/write() without transact()).
    unavailable_errors: tuple[type[BaseException], ...] = ()
    # PostgreSQL's asyncio access for the hot calls (central.store.postgres_async.AsyncPg); None
    # for engines without one (SQLite), whose callers always take the sync path.
    aio: Any = None

    def read(self) -> AbstractContextManager[Any]:  # pragma: no cover - engines implement
        raise NotImplementedError

    def write(self) -> AbstractContextManager[Any]:  # pragma: no cover
        raise NotImplementedError

    def classify(self, exc: BaseException) -> str | None:
        """ "retry" for lost races, "unavailable" for a lost connection (tried once more),
        "exhausted" for no connection to be had (not retried), else None."""
        raise NotImplementedError

    def pool_stats(self) -> dict[str, int]:
        return {}

    def close(self) -> None:
        pass

    def transact(self, fn: Callable[[Any], T], *, attempts: int = MAX_ATTEMPTS) -> T:
        """Run ``fn(conn)`` in one write transaction; run it again (bounded, with jittered backoff)
        when the engine reports a deadlock, a serialization failure, a unique-key race or a busy
        database. Domain errors (ApiProblem) roll back and propagate at once."""
        delay = 0.002
        for attempt in range(1, attempts + 1):
            try:
                with self.write() as conn:
                    return fn(conn)
            except Exception as exc:
                kind = self.classify(exc)
                if kind is None:
                    raise
                if kind == "exhausted" or (kind == "unavailable" and attempt >= 2) or attempt == attempts:
                    log.warning("transaction gave up after %d attempts: %s", attempt, type(exc).__name__)
                    raise StoreUnavailable("the database is busy or unreachable; retry later") from exc
                RETRIES.labels(kind=type(exc).__name__).inc()
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.1)
        raise AssertionError("unreachable")  # pragma: no cover

    def run_read(self, fn: Callable[[Any], T]) -> T:
        try:
            with self.read() as conn:
                return fn(conn)
        except Exception as exc:
            if self.classify(exc) in ("unavailable", "exhausted"):
                raise StoreUnavailable("the database is unreachable; retry later") from exc
            raise
