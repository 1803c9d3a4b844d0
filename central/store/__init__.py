"""The central's storage layer: one interface, two engines (SQLite embedded, PostgreSQL in
production). ``open_store(target)`` takes a path (SQLite file), ``sqlite:///FILE`` or
``postgresql://…``; ``migrate(store)`` brings its schema to the head. See docs/central.md.
"""

from __future__ import annotations

from pathlib import Path

from central.store.base import EPOCH, Store, StoreUnavailable, from_us, to_us
from central.store.migrations import HEAD, current_version, migrate

__all__ = [
    "EPOCH",
    "HEAD",
    "Store",
    "StoreUnavailable",
    "current_version",
    "from_us",
    "migrate",
    "open_store",
    "redact_url",
    "to_us",
]


def open_store(target: str | Path, *, pool_max: int = 10, hot_pool_max: int = 4, pool_wait_s: float = 5.0) -> Store:
    """The engine for ``target``. PostgreSQL: a sync pool of up to ``pool_max`` connections, made
    lazily, and the hot path's asyncio pool of ``hot_pool_max``, all made at start
    (central.store.postgres_async)."""
    if isinstance(target, Path):
        from central.store.sqlite import SqliteStore

        return SqliteStore(target)
    if target.startswith(("postgresql://", "postgres://")):
        from central.store.postgres import PostgresStore

        return PostgresStore(target, pool_max=pool_max, hot_pool_max=hot_pool_max, pool_wait_s=pool_wait_s)
    if target.startswith("sqlite:///"):
        from central.store.sqlite import SqliteStore

        return SqliteStore(Path(target[len("sqlite:///") :]))
    if "://" in target:
        raise ValueError("database URL must start with sqlite:/// or postgresql://")
    from central.store.sqlite import SqliteStore

    return SqliteStore(Path(target))


def redact_url(url: str) -> str:
    """The URL without its password, for logs and /readyz."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else f"{scheme}://{user}@{host}"
