"""Schema migrations for both engines: numbered steps, each with its SQLite and PostgreSQL text,
recorded in ``schema_migrations``. ``migrate(store)`` applies what is missing, each step in one
transaction; on PostgreSQL an advisory lock makes concurrent migrators (several workers, a
deploy racing a start) run one after the other.

Why not Alembic: it needs SQLAlchemy, which the store does not use (see postgres.py); the
schema is small and these steps are plain SQL per dialect, which is what Alembic would end up
holding anyway. Step 1 is exactly the schema the single-file reference central created before
the store existed (``CREATE TABLE IF NOT EXISTS``), so an old SQLite file migrates in place.

Step 6 (many sites) adds ``site`` to tickets, payments and bookings and widens the numbering
keys to (site, prefix, business_date); ``adopt_unsited_rows`` gives older rows the default site.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from central.store.base import Store, to_us

log = logging.getLogger(__name__)

_ADVISORY_KEY = 0x616E6A756E67  # "anjung": one lock id for the central's migrations


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sqlite: str
    postgresql: str
    # {table: {column: type}} added when missing, before the SQL runs. Why not plain ALTER TABLE:
    # SQLite has no ADD COLUMN IF NOT EXISTS, and a file from a central of before the store
    # (central/auth_schema.py then added these columns at start) already has some of them.
    # Types are written once: "INTEGER" (microsecond timestamps) becomes BIGINT on PostgreSQL.
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    # What ends a statement: ";;" where statements hold ";" themselves (trigger bodies).
    separator: str = ";"

    def statements(self, dialect: str) -> list[str]:
        text = self.sqlite if dialect == "sqlite" else self.postgresql
        lines = [line.split("--", 1)[0] for line in text.splitlines()]
        return [s.strip() for s in "\n".join(lines).split(self.separator) if s.strip()]


def _v1(us: str, seq: str) -> str:
    """The pre-store schema; ``us`` is the type of microsecond timestamps, ``seq`` of counters."""
    return f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sequences (
    prefix TEXT NOT NULL, business_date TEXT NOT NULL, last_seq {seq} NOT NULL,
    PRIMARY KEY (prefix, business_date)
);
CREATE TABLE IF NOT EXISTS tickets (
    id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, idem_key TEXT NOT NULL, request_hash TEXT NOT NULL,
    service_id TEXT NOT NULL, prefix TEXT NOT NULL, business_date TEXT NOT NULL, sequence {seq} NOT NULL,
    priority TEXT NOT NULL, language TEXT NOT NULL, status TEXT NOT NULL,
    reserved_us {us} NOT NULL, expires_us {us} NOT NULL, confirmed_us {us}, failure_reason TEXT,
    UNIQUE (terminal_id, idem_key),
    UNIQUE (prefix, business_date, sequence)
);
CREATE INDEX IF NOT EXISTS tickets_queue ON tickets (service_id, business_date, status, sequence);
CREATE INDEX IF NOT EXISTS tickets_reserved ON tickets (status, expires_us);
CREATE TABLE IF NOT EXISTS citizens (
    nik TEXT PRIMARY KEY, card_uid TEXT UNIQUE, name TEXT NOT NULL, birth_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrolment_codes (code_hash TEXT PRIMARY KEY, used_by TEXT, used_us {us});
CREATE TABLE IF NOT EXISTS terminals (
    terminal_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, enrolled_us {us} NOT NULL
);
CREATE TABLE IF NOT EXISTS staff_cards (uid_hash TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bookings (
    code TEXT PRIMARY KEY,            -- normalised (uppercase, no separators)
    service_id TEXT NOT NULL, slot_start_us {us} NOT NULL, slot_end_us {us} NOT NULL,
    status TEXT NOT NULL,             -- booked / checked_in / cancelled (expired is computed)
    ticket_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, checked_in_us {us},
    seeded_day TEXT                   -- demo bookings: the business day they were generated for
);
CREATE TABLE IF NOT EXISTS payments (
    id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL, service_id TEXT NOT NULL, amount {seq} NOT NULL,
    status TEXT NOT NULL, reference TEXT NOT NULL UNIQUE, payload TEXT NOT NULL,
    created_us {us} NOT NULL, expires_us {us} NOT NULL, paid_us {us},
    ticket_id TEXT, refund_reason TEXT,
    UNIQUE (terminal_id, idem_key)
);
CREATE TABLE IF NOT EXISTS heartbeats (terminal_id TEXT PRIMARY KEY, received_us {us} NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, kind TEXT NOT NULL, at_us {us} NOT NULL,
    data TEXT NOT NULL, received_us {us} NOT NULL
)
"""


# Step 2: the sweeps that run before ticket and payment operations (lapse, expiry, autopay) look
# rows up by (status, expiry); payments had no such index and were scanned whole every time.
_V2 = """
CREATE INDEX IF NOT EXISTS payments_pending ON payments (status, expires_us);
CREATE INDEX IF NOT EXISTS events_terminal ON events (terminal_id, received_us)
"""

# Step 3: terminal authentication (one-use enrolment codes bound to a terminal or site, revocation,
# token rotation) and the failed-attempt table the rate limiter shares between processes.
_V3_COLUMNS = {
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


def _v3(us: str) -> str:
    return f"""
CREATE TABLE IF NOT EXISTS auth_failures (
    bucket TEXT NOT NULL, client TEXT NOT NULL, failures INTEGER NOT NULL,
    last_us {us} NOT NULL, blocked_until_us {us} NOT NULL,
    PRIMARY KEY (bucket, client)
)
"""


def _v4(us: str) -> str:
    """Counters call tickets (issue 14). A confirmed ticket's place in the hall's queue lives on the
    ticket row (call_state: waiting/called/serving/done/no_show; a transfer moves service_id and
    starts a new leg); every call is a row of ``calls``, whose called->ended times are the measured
    service times. Staff passwords are scrypt hashes; session tokens are stored as SHA-256 only."""
    return f"""
ALTER TABLE tickets ADD COLUMN call_state TEXT NOT NULL DEFAULT 'waiting';
ALTER TABLE tickets ADD COLUMN queued_us {us};
ALTER TABLE tickets ADD COLUMN counter_id TEXT;
ALTER TABLE tickets ADD COLUMN call_state_us {us};
ALTER TABLE tickets ADD COLUMN announcements INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN leg INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS tickets_callable ON tickets (business_date, service_id, call_state, status);
CREATE TABLE IF NOT EXISTS staff (
    id TEXT PRIMARY KEY, site TEXT NOT NULL, username TEXT NOT NULL, display_name TEXT NOT NULL,
    role TEXT NOT NULL, password_hash TEXT NOT NULL, created_us {us} NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0, locked_until_us {us},
    UNIQUE (site, username)
);
CREATE TABLE IF NOT EXISTS staff_sessions (
    token_hash TEXT PRIMARY KEY, staff_id TEXT NOT NULL, created_us {us} NOT NULL, expires_us {us} NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_expiry ON staff_sessions (expires_us);
CREATE TABLE IF NOT EXISTS counters (
    id TEXT PRIMARY KEY, site TEXT NOT NULL, label TEXT NOT NULL, zone TEXT NOT NULL,
    services TEXT NOT NULL,             -- JSON list: the services it may call
    picked TEXT,                        -- JSON list: the ones its staff chose at sign-in (NULL = all)
    state TEXT NOT NULL,                -- open / paused / closed
    staff_id TEXT, UNIQUE (site, label)
);
CREATE TABLE IF NOT EXISTS calls (
    id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, leg INTEGER NOT NULL, counter_id TEXT NOT NULL,
    counter_seq INTEGER NOT NULL,       -- the counter's calls in order (times can tie)
    service_id TEXT NOT NULL, kind TEXT NOT NULL, called_us {us} NOT NULL,
    ended_us {us}, outcome TEXT,         -- done / no_show / transferred
    UNIQUE (counter_id, counter_seq)    -- a ticket put back after a no-show is called again: no key on it
);
CREATE INDEX IF NOT EXISTS calls_ticket ON calls (ticket_id, leg);
CREATE INDEX IF NOT EXISTS calls_service_ended ON calls (service_id, ended_us)
"""


def _v5(pk: str, us: str) -> str:
    """The live stream (issue 14): every queue change appends a row in the change's transaction;
    readers poll ``id > last`` for their zone ('' = the whole site, e.g. a ticket joining a queue)."""
    return f"""
CREATE TABLE IF NOT EXISTS queue_events (
    id {pk}, site TEXT NOT NULL, zone TEXT NOT NULL, kind TEXT NOT NULL,
    at_us {us} NOT NULL, payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_events_zone ON queue_events (site, zone, id);
CREATE INDEX IF NOT EXISTS queue_events_age ON queue_events (at_us);
CREATE TABLE IF NOT EXISTS queue_events_pruned (site TEXT PRIMARY KEY, through_id {us} NOT NULL)
"""


_TICKET_COLUMNS = (
    "id, terminal_id, idem_key, request_hash, service_id, prefix, business_date, sequence, priority, language,"
    " status, reserved_us, expires_us, confirmed_us, failure_reason, call_state, queued_us, counter_id,"
    " call_state_us, announcements, leg, lease_id"
)
# Step 8 (leases) came before step 6 on some databases (steps are applied by number, the missing
# ones too): the rebuild keeps tickets.lease_id, so it is added first when missing.
_V6_COLUMNS = {"tickets": {"lease_id": "TEXT"}}
# Indexes of tickets, site first: every queue read is of one site (a hall's counts, a counter's call).
_V6_INDEXES = """
CREATE INDEX IF NOT EXISTS tickets_queue ON tickets (site, service_id, business_date, status, sequence);
CREATE INDEX IF NOT EXISTS tickets_reserved ON tickets (status, expires_us);
CREATE INDEX IF NOT EXISTS tickets_callable ON tickets (site, business_date, service_id, call_state, status);
CREATE INDEX IF NOT EXISTS payments_site ON payments (site, id);
CREATE INDEX IF NOT EXISTS bookings_site ON bookings (site, code)
"""


def _v6_sqlite() -> str:
    """Many sites on one central: numbering per (site, prefix, business date), a site on tickets,
    payments and bookings. Rows from before get site '' and are adopted by the default site when
    the central starts (``adopt_unsited_rows``: the SQL cannot know which site that is). SQLite
    cannot drop a primary key or a UNIQUE constraint, so ``sequences`` and ``tickets`` are rebuilt
    (in this step's one transaction) with their widened keys."""
    return f"""
CREATE TABLE sequences_v6 (
    site TEXT NOT NULL, prefix TEXT NOT NULL, business_date TEXT NOT NULL, last_seq INTEGER NOT NULL,
    PRIMARY KEY (site, prefix, business_date)
);
INSERT INTO sequences_v6 (site, prefix, business_date, last_seq) SELECT '', prefix, business_date, last_seq FROM sequences;
DROP TABLE sequences;
ALTER TABLE sequences_v6 RENAME TO sequences;
CREATE TABLE tickets_v6 (
    id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, idem_key TEXT NOT NULL, request_hash TEXT NOT NULL,
    service_id TEXT NOT NULL, prefix TEXT NOT NULL, business_date TEXT NOT NULL, sequence INTEGER NOT NULL,
    priority TEXT NOT NULL, language TEXT NOT NULL, status TEXT NOT NULL,
    reserved_us INTEGER NOT NULL, expires_us INTEGER NOT NULL, confirmed_us INTEGER, failure_reason TEXT,
    call_state TEXT NOT NULL DEFAULT 'waiting', queued_us INTEGER, counter_id TEXT, call_state_us INTEGER,
    announcements INTEGER NOT NULL DEFAULT 0, leg INTEGER NOT NULL DEFAULT 0, lease_id TEXT,
    site TEXT NOT NULL DEFAULT '',
    UNIQUE (terminal_id, idem_key),
    UNIQUE (site, prefix, business_date, sequence)
);
INSERT INTO tickets_v6 ({_TICKET_COLUMNS}, site) SELECT {_TICKET_COLUMNS}, '' FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_v6 RENAME TO tickets;
ALTER TABLE payments ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE bookings ADD COLUMN site TEXT NOT NULL DEFAULT '';
{_V6_INDEXES}
"""


# PostgreSQL widens the keys in place; the constraint names are the ones step 1's CREATE TABLE got.
_V6_POSTGRESQL = f"""
ALTER TABLE sequences ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE sequences DROP CONSTRAINT sequences_pkey;
ALTER TABLE sequences ADD PRIMARY KEY (site, prefix, business_date);
ALTER TABLE tickets ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets DROP CONSTRAINT tickets_prefix_business_date_sequence_key;
ALTER TABLE tickets ADD CONSTRAINT tickets_site_number UNIQUE (site, prefix, business_date, sequence);
DROP INDEX IF EXISTS tickets_queue;
DROP INDEX IF EXISTS tickets_callable;
ALTER TABLE payments ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE bookings ADD COLUMN site TEXT NOT NULL DEFAULT '';
{_V6_INDEXES}
"""

# Tables whose rows from before step 6 carry site '' until a central names its default site.
UNSITED = ("sequences", "tickets", "payments", "bookings")


def _v7(us: str) -> str:
    """Help requests from kiosks and kiosk alerts from heartbeats (issue 15). A help request belongs
    to one kiosk session (``idem_key``: the kiosk's key for that session's request); at most one
    alert of a kind is active (not cleared) per terminal, which the partial unique index enforces
    across processes (a raise that loses the race inserts nothing and appends no event)."""
    return f"""
CREATE TABLE IF NOT EXISTS help_requests (
    id TEXT PRIMARY KEY, site TEXT NOT NULL, terminal_id TEXT NOT NULL, idem_key TEXT NOT NULL,
    step TEXT NOT NULL,
    state TEXT NOT NULL,                -- open / acknowledged / cancelled / closed
    created_us {us} NOT NULL, acknowledged_us {us}, acknowledged_by TEXT, acknowledged_name TEXT,
    ended_us {us},
    UNIQUE (terminal_id, idem_key)
);
CREATE INDEX IF NOT EXISTS help_requests_site ON help_requests (site, state, created_us);
CREATE INDEX IF NOT EXISTS help_requests_terminal ON help_requests (terminal_id, state);
CREATE TABLE IF NOT EXISTS kiosk_alerts (
    id TEXT PRIMARY KEY, site TEXT NOT NULL, terminal_id TEXT NOT NULL, kind TEXT NOT NULL,
    detail TEXT NOT NULL, raised_us {us} NOT NULL, cleared_us {us}
);
CREATE UNIQUE INDEX IF NOT EXISTS kiosk_alerts_active ON kiosk_alerts (site, terminal_id, kind)
    WHERE cleared_us IS NULL;
CREATE INDEX IF NOT EXISTS kiosk_alerts_site ON kiosk_alerts (site, raised_us)
"""


def _v9(us: str) -> str:
    """The satisfaction survey (issue 18): one rating per served ticket (the primary key), the nine
    elements of PermenPANRB 14/2017 scored 1..4, optional respondent bands and suggestion; never a
    NIK or a name. ``business_date`` is the ticket's, so a period's report counts the day served."""
    scores = ", ".join(f"u{i} INTEGER NOT NULL CHECK (u{i} BETWEEN 1 AND 4)" for i in range(1, 10))
    return f"""
CREATE TABLE IF NOT EXISTS ratings (
    ticket_id TEXT PRIMARY KEY, site TEXT NOT NULL, service_id TEXT NOT NULL, agency_id TEXT NOT NULL,
    business_date TEXT NOT NULL, rated_us {us} NOT NULL,
    channel TEXT NOT NULL,              -- kiosk / phone
    terminal_id TEXT, idem_key TEXT,    -- a kiosk's retry with the same key gets the same answer
    {scores},
    age_band TEXT, sex TEXT, education TEXT, occupation TEXT, suggestion TEXT
);
CREATE INDEX IF NOT EXISTS ratings_period ON ratings (site, business_date)
"""


def _v8(us: str, seq: str) -> str:
    """Leased numbers (issue 16): a block of a (site, prefix, day) sequence granted to one terminal
    for issuing through an outage. ``void_from``: released numbers from there on (never called).
    An offline ticket is an ordinary ticket row that names its lease (``tickets.lease_id``)."""
    return f"""
CREATE TABLE IF NOT EXISTS leases (
    id TEXT PRIMARY KEY, site TEXT NOT NULL, terminal_id TEXT NOT NULL, idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL, service_id TEXT NOT NULL, prefix TEXT NOT NULL, business_date TEXT NOT NULL,
    first_seq {seq} NOT NULL, last_seq {seq} NOT NULL, granted_us {us} NOT NULL, expires_us {us} NOT NULL,
    void_from {seq}, released_us {us},
    UNIQUE (terminal_id, idem_key)
);
CREATE INDEX IF NOT EXISTS leases_terminal ON leases (terminal_id, service_id, granted_us)
"""


_V8_COLUMNS = {"tickets": {"lease_id": "TEXT"}}

# Step 10: how many people wait in each line, kept by triggers on tickets, so that "people ahead"
# costs a key lookup instead of counting the whole line (bench central_fleet: counting was most of
# PostgreSQL's CPU per ticket once lines grew to hundreds). Triggers, not application code, because
# every path that moves a ticket (reserve, confirm, call, transfer, requeue, offline sync,
# retention) must keep it exact, in its own transaction, from any process. A ticket waits while
# it is confirmed or virtual and not yet called.
_WAITING = "{t}.status IN ('confirmed', 'virtual') AND {t}.call_state = 'waiting'"
_V10_TABLE = """
CREATE TABLE IF NOT EXISTS queue_waiting (
    site TEXT NOT NULL, service_id TEXT NOT NULL, business_date TEXT NOT NULL, waiting {n} NOT NULL,
    PRIMARY KEY (site, service_id, business_date)
);;
-- Those at or behind a ticket in its line: a short range of this index, not the whole line.
CREATE INDEX IF NOT EXISTS tickets_waiting_line ON tickets (site, service_id, business_date, sequence)
WHERE status IN ('confirmed', 'virtual') AND call_state = 'waiting';;
"""
_V10_BACKFILL = f"""
INSERT INTO queue_waiting (site, service_id, business_date, waiting)
SELECT site, service_id, business_date, COUNT(*) FROM tickets t WHERE {_WAITING.format(t="t")}
GROUP BY site, service_id, business_date
"""
_V10_SQLITE = (
    _V10_TABLE.format(n="INTEGER")
    + f"""
CREATE TRIGGER IF NOT EXISTS tickets_waiting_insert AFTER INSERT ON tickets WHEN {_WAITING.format(t="NEW")}
BEGIN
    INSERT INTO queue_waiting (site, service_id, business_date, waiting)
    VALUES (NEW.site, NEW.service_id, NEW.business_date, 1)
    ON CONFLICT (site, service_id, business_date) DO UPDATE SET waiting = waiting + 1;
END;;
CREATE TRIGGER IF NOT EXISTS tickets_waiting_update
AFTER UPDATE OF status, call_state, site, service_id, business_date ON tickets
BEGIN
    UPDATE queue_waiting SET waiting = waiting - 1
    WHERE {_WAITING.format(t="OLD")}
    AND site = OLD.site AND service_id = OLD.service_id AND business_date = OLD.business_date;
    INSERT INTO queue_waiting (site, service_id, business_date, waiting)
    SELECT NEW.site, NEW.service_id, NEW.business_date, 1 WHERE {_WAITING.format(t="NEW")}
    ON CONFLICT (site, service_id, business_date) DO UPDATE SET waiting = waiting + 1;
END;;
CREATE TRIGGER IF NOT EXISTS tickets_waiting_delete AFTER DELETE ON tickets WHEN {_WAITING.format(t="OLD")}
BEGIN
    UPDATE queue_waiting SET waiting = waiting - 1
    WHERE site = OLD.site AND service_id = OLD.service_id AND business_date = OLD.business_date;
END;;
"""
    + _V10_BACKFILL
)
_V10_POSTGRESQL = (
    _V10_TABLE.format(n="BIGINT")
    + f"""
CREATE OR REPLACE FUNCTION queue_waiting_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF {_WAITING.format(t="OLD")} THEN
            UPDATE queue_waiting SET waiting = waiting - 1
            WHERE site = OLD.site AND service_id = OLD.service_id AND business_date = OLD.business_date;
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF {_WAITING.format(t="NEW")} THEN
            INSERT INTO queue_waiting (site, service_id, business_date, waiting)
            VALUES (NEW.site, NEW.service_id, NEW.business_date, 1)
            ON CONFLICT (site, service_id, business_date) DO UPDATE SET waiting = queue_waiting.waiting + 1;
        END IF;
    END IF;
    RETURN NULL;
END
$$;;
DROP TRIGGER IF EXISTS tickets_waiting_insert ON tickets;;
CREATE TRIGGER tickets_waiting_insert AFTER INSERT ON tickets
FOR EACH ROW WHEN ({_WAITING.format(t="NEW")}) EXECUTE FUNCTION queue_waiting_track();;
DROP TRIGGER IF EXISTS tickets_waiting_update ON tickets;;
CREATE TRIGGER tickets_waiting_update AFTER UPDATE OF status, call_state, site, service_id, business_date ON tickets
FOR EACH ROW WHEN (({_WAITING.format(t="OLD")}) IS DISTINCT FROM ({_WAITING.format(t="NEW")})
    OR OLD.site IS DISTINCT FROM NEW.site OR OLD.service_id IS DISTINCT FROM NEW.service_id
    OR OLD.business_date IS DISTINCT FROM NEW.business_date)
EXECUTE FUNCTION queue_waiting_track();;
DROP TRIGGER IF EXISTS tickets_waiting_delete ON tickets;;
CREATE TRIGGER tickets_waiting_delete AFTER DELETE ON tickets
FOR EACH ROW WHEN ({_WAITING.format(t="OLD")}) EXECUTE FUNCTION queue_waiting_track();;
"""
    + _V10_BACKFILL
)


MIGRATIONS: list[Migration] = [
    Migration(1, "reference central schema", _v1("INTEGER", "INTEGER"), _v1("BIGINT", "BIGINT")),
    Migration(2, "indexes for the expiry sweeps", _V2, _V2),
    Migration(
        3,
        "terminal authentication: bound codes, revocation, rotation, rate limit",
        _v3("INTEGER"),
        _v3("BIGINT"),
        columns=_V3_COLUMNS,
    ),
    Migration(4, "counters call tickets: staff, sessions, counters, calls", _v4("INTEGER"), _v4("BIGINT")),
    Migration(
        5,
        "live events of the queue",
        _v5("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER"),
        _v5("BIGSERIAL PRIMARY KEY", "BIGINT"),
    ),
    Migration(
        6,
        "many sites: numbering per site, a site on tickets, payments, bookings",
        _v6_sqlite(),
        _V6_POSTGRESQL,
        columns=_V6_COLUMNS,
    ),
    Migration(7, "help requests and kiosk alerts", _v7("INTEGER"), _v7("BIGINT")),
    Migration(
        8, "leased numbers for offline issuing", _v8("INTEGER", "INTEGER"), _v8("BIGINT", "BIGINT"), columns=_V8_COLUMNS
    ),
    Migration(9, "satisfaction survey ratings (SKM)", _v9("INTEGER"), _v9("BIGINT")),
    Migration(10, "people waiting per line, kept by triggers", _V10_SQLITE, _V10_POSTGRESQL, separator=";;"),
]
HEAD = MIGRATIONS[-1].version

_LEDGER = {
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_migrations "
    "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_us INTEGER NOT NULL)",
    "postgresql": "CREATE TABLE IF NOT EXISTS schema_migrations "
    "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_us BIGINT NOT NULL)",
}


def current_version(conn: Any) -> int | None:
    """The highest applied step, 0 for a database without any, None if the ledger is missing."""
    try:
        if conn.dialect == "sqlite":
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
            ).fetchone()
        else:
            found = conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0]
        if not found:
            return None
        (version,) = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
        return int(version)
    except Exception:
        return None


def _existing_columns(conn: Any, table: str) -> set[str]:
    if conn.dialect == "sqlite":
        return {row["name"] for row in conn.execute(f"PRAGMA table_info({table})")}
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema=current_schema() AND table_name=?",
        (table,),
    )
    return {row[0] for row in rows}


def _add_columns(conn: Any, columns: dict[str, dict[str, str]]) -> None:
    for table, wanted in columns.items():
        existing = _existing_columns(conn, table)
        for name, kind in wanted.items():
            if name not in existing:
                kind = "BIGINT" if conn.dialect == "postgresql" and kind == "INTEGER" else kind
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


def migrate(store: Store, *, target: int = HEAD) -> list[int]:
    """Apply the missing steps up to ``target``; returns the versions applied now."""
    from datetime import datetime

    applied: list[int] = []
    for step in MIGRATIONS:
        if step.version > target:
            break
        with store.write() as conn:
            if conn.dialect == "postgresql":
                conn.execute("SELECT pg_advisory_xact_lock(?)", (_ADVISORY_KEY,))
            conn.execute(_LEDGER[conn.dialect])
            done = conn.execute("SELECT 1 FROM schema_migrations WHERE version=?", (step.version,)).fetchone()
            if done:
                continue
            _add_columns(conn, step.columns)
            for statement in step.statements(conn.dialect):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_us) VALUES (?,?,?)",
                (step.version, step.name, to_us(datetime.now(UTC))),
            )
            applied.append(step.version)
            log.info("schema migration %d applied: %s", step.version, step.name)
    return applied


def adopt_unsited_rows(store: Store, site: str) -> int:
    """Rows from before step 6 (site '') become the default site's; terminals enrolled without a
    site too. Idempotent and cheap once done (the site indexes answer "none left"); a schema
    behind step 6 (a central started with --no-migrate) is left alone."""
    moved = 0
    with store.write() as conn:
        version = current_version(conn)
        if version is None or version < 6:
            return 0
        for table in UNSITED:
            moved += int(conn.execute(f"UPDATE {table} SET site=? WHERE site=''", (site,)).rowcount or 0)
        moved += int(conn.execute("UPDATE terminals SET site_id=? WHERE site_id IS NULL", (site,)).rowcount or 0)
    if moved:
        log.info("%d rows from before sites now belong to the default site %s", moved, site)
    return moved
