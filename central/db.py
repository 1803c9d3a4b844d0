"""Kept for imports written before the storage layer: the central's data now lives behind
``central.store`` (SQLite or PostgreSQL); ``Database`` is its interface."""

from __future__ import annotations

from central.store import EPOCH, Store, from_us, open_store, to_us

Database = Store

__all__ = ["EPOCH", "Database", "from_us", "open_store", "to_us"]
