"""Columns and tables terminal authentication needs on top of ``central.db.SCHEMA``.

Added here, idempotently, so a database made by an older central is upgraded in place: the
base tables stay where ``central.db`` creates them; ``ALTER TABLE ADD COLUMN`` runs under the
write lock (BEGIN IMMEDIATE), so several central processes starting together add each column once.
"""

from __future__ import annotations

from central.db import Database

_COLUMNS = {
    "enrolment_codes": {
        "terminal_id": "TEXT",  # issued for this terminal id only (NULL: any new terminal)
        "site_id": "TEXT",  # issued for this site only (NULL: legacy / catalogue code, this central's site)
        "issued_us": "INTEGER",
        "expires_us": "INTEGER",  # NULL: no expiry (catalogue demo codes)
        "used_key_hash": "TEXT",  # hash of the Idempotency-Key of the request that used it
    },
    "terminals": {
        "site_id": "TEXT",
        "code_hash": "TEXT",  # the code that enrolled it (a replay of that request may re-issue)
        "revoked_us": "INTEGER",  # set by an administrator; the terminal may then be enrolled again
        "previous_token_hash": "TEXT",  # the token the last rotation replaced
        "rotate_key_hash": "TEXT",  # Idempotency-Key hash of that rotation
        "rotated_us": "INTEGER",
    },
}

_THROTTLE = """
CREATE TABLE IF NOT EXISTS auth_failures (
    bucket TEXT NOT NULL, client TEXT NOT NULL, failures INTEGER NOT NULL,
    last_us INTEGER NOT NULL, blocked_until_us INTEGER NOT NULL,
    PRIMARY KEY (bucket, client)
)
"""


def ensure_auth_schema(db: Database) -> None:
    with db.write() as conn:
        for table, columns in _COLUMNS.items():
            existing = {row["name"] for row in conn.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns.items():
                if name not in existing:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        conn.execute(_THROTTLE)
