"""The production engine: PostgreSQL through psycopg 3 and its connection pool.

Why psycopg 3 + psycopg_pool and not SQLAlchemy: the desks already speak plain SQL through
``conn.execute(sql, params)``; the two dialects differ in a handful of lines (types in the
migrations, ``FOR UPDATE`` / ``SKIP LOCKED``), so a thin adapter keeps every query readable and
portable, and psycopg gives us directly what matters here: a bounded pool, server-side prepared
statements for the hot queries, and the SQLSTATE of every error to decide what to retry.

Connections run in autocommit; ``write()`` opens an explicit transaction (READ COMMITTED). The
correctness of numbering does not depend on the isolation level: the counter row is bumped with
an atomic ``INSERT .. ON CONFLICT DO UPDATE .. RETURNING`` (the row lock serialises concurrent
bumps and is held to commit), and state changes are conditional ``UPDATE .. WHERE status=..``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool, PoolTimeout

from central.store.base import Store

POOL_WAIT_S = 5.0


class Row:
    """A result row readable as ``row["name"]``, ``row[0]`` and by unpacking (like sqlite3.Row)."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: tuple[Any, ...]) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key: str | int) -> Any:
        if isinstance(key, str):
            return self._values[self._names[key]]
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    # Column names straight from the result, the name -> position map cached per column list:
    # cursor.description builds a Column object per column per query (a ticket row has 25).
    result = cursor.pgresult
    fields = tuple(result.fname(i) for i in range(result.nfields)) if result is not None else ()
    names = _names(fields)
    return lambda values: Row(names, values)


@functools.lru_cache(maxsize=256)
def _names(fields: tuple[bytes | None, ...]) -> dict[str, int]:
    return {(name or b"?column?").decode("utf-8"): i for i, name in enumerate(fields)}


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """``?`` placeholders (sqlite style, used by all desks) -> psycopg's ``%s``."""
    return sql.replace("%", "%%").replace("?", "%s")


def connection_kwargs(app_name: str) -> dict[str, Any]:
    """How every pooled connection of the central is made (sync and asyncio pools)."""
    return {
        "autocommit": True,
        "row_factory": _row_factory,
        # The pid lets tests (and pg_stat_activity readers) see which process holds a connection.
        "application_name": f"{app_name}-{os.getpid()}",
        "connect_timeout": 5,
    }


class PgConn:
    dialect = "postgresql"
    for_update = " FOR UPDATE"

    def __init__(self, raw: psycopg.Connection) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Iterable[Any] = ()) -> psycopg.Cursor:
        return self.raw.execute(translate(sql), tuple(params))  # type: ignore[arg-type]


RETRY_ERRORS = (
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    pg_errors.UniqueViolation,
    pg_errors.LockNotAvailable,
)


class PostgresStore(Store):
    dialect = "postgresql"
    unavailable_errors = (PoolTimeout, psycopg.OperationalError)

    def __init__(
        self,
        url: str,
        *,
        pool_min: int = 1,
        pool_max: int = 10,
        hot_pool_max: int = 4,
        pool_wait_s: float = POOL_WAIT_S,
        app_name: str = "anjungan-central",
    ) -> None:
        self.url = url
        self.pool = ConnectionPool(
            url,
            min_size=pool_min,
            max_size=pool_max,
            timeout=pool_wait_s,
            open=False,
            kwargs=connection_kwargs(app_name),
            name="central",
        )
        self.pool.open(wait=False)
        from central.store.postgres_async import AsyncPg

        self.aio = AsyncPg(url, pool_max=hot_pool_max, pool_wait_s=pool_wait_s, app_name=app_name)

    @contextmanager
    def read(self) -> Iterator[PgConn]:
        with self.pool.connection() as raw:
            yield PgConn(raw)

    @contextmanager
    def write(self) -> Iterator[PgConn]:
        with self.pool.connection() as raw:
            with raw.transaction():
                yield PgConn(raw)

    def classify(self, exc: BaseException) -> str | None:
        if isinstance(exc, RETRY_ERRORS):
            return "retry"
        if isinstance(exc, PoolTimeout):
            return "exhausted"  # already waited pool_wait_s: answer now rather than wait again
        if isinstance(exc, psycopg.OperationalError):
            return "unavailable"  # e.g. a pooled connection the server dropped: one more try
        return None

    def pool_stats(self) -> dict[str, int]:
        s = self.pool.get_stats()
        size = s.get("pool_size", 0)
        idle = s.get("pool_available", 0)
        return {"in_use": size - idle, "idle": idle, "max": self.pool.max_size, "waiting": s.get("requests_waiting", 0)}

    def close(self) -> None:
        self.pool.close(timeout=5)
