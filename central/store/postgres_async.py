"""The PostgreSQL database again, through psycopg's asyncio pool, for the few calls every ticket
makes (the terminal's authentication, reserve, confirm).

Why a second way in: a sync call from an async server is handed to a worker thread and its answer
handed back, and under a hall's load those hand-offs (queue, condition, GIL) were a quarter of the
central's CPU per request (bench central_fleet, profiled). Run on the event loop as one statement
each, in autocommit (one round trip, no BEGIN/COMMIT), these calls skip that. Everything else keeps
the sync store: it is not hot, and one code path is easier to keep correct.

The pool belongs to the event loop it was opened in (the app's lifespan opens it in the loop that
serves requests). ``usable()`` is False anywhere else (before the lifespan ran, in another loop):
callers then take the sync path, which gives the same answers.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Iterable
from typing import Any

import psycopg
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from central.metrics import RETRIES
from central.store.base import MAX_ATTEMPTS, StoreUnavailable
from central.store.postgres import RETRY_ERRORS, Row, connection_kwargs, translate

log = logging.getLogger(__name__)


class AsyncPg:
    def __init__(self, url: str, *, pool_max: int, pool_wait_s: float, app_name: str = "anjungan-central") -> None:
        self.url = url
        self.pool_max = pool_max
        self.pool_wait_s = pool_wait_s
        self.app_name = app_name
        self.pool: AsyncConnectionPool | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    async def open(self) -> None:
        """Open the pool in the running loop; its connections are made in the background."""
        if self.pool is not None:
            return
        self.pool = AsyncConnectionPool(
            self.url,
            # All connections made at start (in the background): a pool growing one connection at
            # a time under a hall's first burst made its first seconds' requests wait (p99 ×3).
            min_size=self.pool_max,
            max_size=self.pool_max,
            timeout=self.pool_wait_s,
            open=False,
            # Statements prepared on first use, not after 5 plans: 40 fresh connections planning
            # the hot statements 5 times each were most of a run's slow first second.
            kwargs={**connection_kwargs(self.app_name), "prepare_threshold": 0},
            name="central-async",
        )
        await self.pool.open(wait=False)
        self.loop = asyncio.get_running_loop()

    async def close(self) -> None:
        pool, self.pool, self.loop = self.pool, None, None
        if pool is not None:
            await pool.close(timeout=5)

    def usable(self) -> bool:
        """True in the loop the pool was opened in."""
        if self.pool is None:
            return False
        try:
            return asyncio.get_running_loop() is self.loop
        except RuntimeError:
            return False

    async def fetch_one(self, sql: str, params: Iterable[Any] = (), *, attempts: int = MAX_ATTEMPTS) -> Row | None:
        """The first row of one statement, run on its own (autocommit: atomic by itself). Run
        again, bounded and with jittered backoff, when PostgreSQL reports a lost race (unique key,
        deadlock, serialization); a lost connection is tried once more; no connection -> 503."""
        assert self.pool is not None, "AsyncPg.open() first"
        query, args = translate(sql), tuple(params)
        delay = 0.002
        for attempt in range(1, attempts + 1):
            try:
                async with self.pool.connection() as conn:
                    cursor = await conn.execute(query, args)  # type: ignore[arg-type]
                    # pgresult, not description: that builds a Column object per column.
                    result = cursor.pgresult
                    return await cursor.fetchone() if result is not None and result.nfields else None
            except RETRY_ERRORS as exc:
                if attempt == attempts:
                    log.warning("statement gave up after %d attempts: %s", attempt, type(exc).__name__)
                    raise StoreUnavailable("the database is busy; retry later") from exc
                RETRIES.labels(kind=type(exc).__name__).inc()
            except PoolTimeout as exc:
                raise StoreUnavailable("no database connection free; retry later") from exc
            except psycopg.OperationalError as exc:
                if attempt >= 2:
                    raise StoreUnavailable("the database is unreachable; retry later") from exc
            await asyncio.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 0.1)
        raise AssertionError("unreachable")  # pragma: no cover
