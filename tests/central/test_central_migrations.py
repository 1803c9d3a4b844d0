"""Schema migrations: an empty database and one at the previous schema both reach the head, on
both engines, keeping their data; concurrent migrators apply each step once."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import UTC

from central.catalog_file import load_catalog_file
from central.cli import DEFAULT_CATALOG, main
from central.server import start
from central.store import HEAD, current_version, migrate, open_store
from central.store.migrations import MIGRATIONS
from central.testing import TEST_TERMINAL, TEST_TOKEN
from kiosk.api import CentralClient, CentralSettings
from kiosk.contract import TicketReserveRequest

# Every step, in order (the numbers are assigned per issue, so the list may have gaps while
# branches are apart).
VERSIONS = [m.version for m in MIGRATIONS]

# What the single-file reference central (before central/store) created: db.py's SCHEMA plus the
# tables bookings.py, payments.py and telemetry.py added at start. Kept verbatim (abridged to the
# tables this test touches and their neighbours) so an old file is a real "previous schema".
PRE_STORE_SQLITE = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sequences (prefix TEXT NOT NULL, business_date TEXT NOT NULL, last_seq INTEGER NOT NULL,
    PRIMARY KEY (prefix, business_date));
CREATE TABLE tickets (id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL, service_id TEXT NOT NULL, prefix TEXT NOT NULL, business_date TEXT NOT NULL,
    sequence INTEGER NOT NULL, priority TEXT NOT NULL, language TEXT NOT NULL, status TEXT NOT NULL,
    reserved_us INTEGER NOT NULL, expires_us INTEGER NOT NULL, confirmed_us INTEGER, failure_reason TEXT,
    UNIQUE (terminal_id, idem_key), UNIQUE (prefix, business_date, sequence));
CREATE INDEX tickets_queue ON tickets (service_id, business_date, status, sequence);
CREATE INDEX tickets_reserved ON tickets (status, expires_us);
CREATE TABLE citizens (nik TEXT PRIMARY KEY, card_uid TEXT UNIQUE, name TEXT NOT NULL, birth_date TEXT NOT NULL);
CREATE TABLE enrolment_codes (code_hash TEXT PRIMARY KEY, used_by TEXT, used_us INTEGER);
CREATE TABLE terminals (terminal_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, enrolled_us INTEGER NOT NULL);
CREATE TABLE staff_cards (uid_hash TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL);
CREATE TABLE payments (id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL, service_id TEXT NOT NULL, amount INTEGER NOT NULL, status TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE, payload TEXT NOT NULL, created_us INTEGER NOT NULL,
    expires_us INTEGER NOT NULL, paid_us INTEGER, ticket_id TEXT, refund_reason TEXT,
    UNIQUE (terminal_id, idem_key));
CREATE TABLE heartbeats (terminal_id TEXT PRIMARY KEY, received_us INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE events (id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, kind TEXT NOT NULL, at_us INTEGER NOT NULL,
    data TEXT NOT NULL, received_us INTEGER NOT NULL);
"""


def _next_number(db) -> str:
    with start(db, DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN}, migrate_schema=False) as central:
        settings = CentralSettings(base_url=central.url, terminal_id=TEST_TERMINAL)
        with CentralClient(settings, TEST_TOKEN) as client:
            return client.reserve_ticket(TicketReserveRequest(service_id="npwp"), str(uuid.uuid4())).number


def _versions(store) -> list[int]:
    with store.read() as conn:
        return [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]


def test_an_empty_database_migrates_to_the_head(new_db):
    db = new_db()
    store = open_store(db)
    try:
        with store.read() as conn:
            assert current_version(conn) is None
        assert migrate(store) == VERSIONS
        assert migrate(store) == []  # a second run has nothing to do
        assert _versions(store) == VERSIONS
    finally:
        store.close()
    assert _next_number(db) == "R-001"


def test_a_database_one_step_behind_migrates_and_keeps_its_numbers(new_db):
    db = new_db()
    store = open_store(db)
    try:
        migrate(store, target=HEAD - 1)
        with store.write() as conn:  # numbering is per site from step 6 on
            conn.execute(
                "INSERT INTO sequences (site, prefix, business_date, last_seq) VALUES (?, 'R', ?, 41)",
                (load_catalog_file(DEFAULT_CATALOG).catalog.site.id, _today()),
            )
        assert migrate(store) == [HEAD]
        with store.read() as conn:
            assert current_version(conn) == HEAD
    finally:
        store.close()
    assert _next_number(db) == "R-042"


def test_a_file_of_the_single_file_central_migrates_in_place(tmp_path):
    path = tmp_path / "old-central.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(PRE_STORE_SQLITE)
    conn.execute("INSERT INTO sequences VALUES ('R', ?, 7)", (_today(),))
    conn.commit()
    conn.close()
    assert main(["migrate", "--db", f"sqlite:///{path}"]) == 0
    store = open_store(path)
    try:
        assert _versions(store) == VERSIONS
        with store.read() as c:
            names = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='index'").fetchall()}
        assert "payments_pending" in names  # step 2 ran on the old file
    finally:
        store.close()
    assert _next_number(path) == "R-008"


# What central/auth_schema.py (main before the store merge) added in place at every start, on top
# of the pre-store schema: the auth columns and the rate limiter's table.
AUTH_SCHEMA_SQLITE = """
ALTER TABLE enrolment_codes ADD COLUMN terminal_id TEXT;
ALTER TABLE enrolment_codes ADD COLUMN site_id TEXT;
ALTER TABLE enrolment_codes ADD COLUMN issued_us INTEGER;
ALTER TABLE enrolment_codes ADD COLUMN expires_us INTEGER;
ALTER TABLE enrolment_codes ADD COLUMN used_key_hash TEXT;
ALTER TABLE terminals ADD COLUMN site_id TEXT;
ALTER TABLE terminals ADD COLUMN code_hash TEXT;
ALTER TABLE terminals ADD COLUMN revoked_us INTEGER;
ALTER TABLE terminals ADD COLUMN previous_token_hash TEXT;
ALTER TABLE terminals ADD COLUMN rotate_key_hash TEXT;
ALTER TABLE terminals ADD COLUMN rotated_us INTEGER;
CREATE TABLE auth_failures (bucket TEXT NOT NULL, client TEXT NOT NULL, failures INTEGER NOT NULL,
    last_us INTEGER NOT NULL, blocked_until_us INTEGER NOT NULL, PRIMARY KEY (bucket, client));
"""


def test_a_file_with_the_in_place_auth_columns_migrates_and_its_terminal_still_works(tmp_path):
    from central.terminals import digest

    path = tmp_path / "auth-era-central.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(PRE_STORE_SQLITE + AUTH_SCHEMA_SQLITE)
    conn.execute(
        "INSERT INTO terminals (terminal_id, token_hash, enrolled_us, site_id) VALUES (?,?,?,?)",
        ("kiosk-old", digest("old-enrolled-token").hex(), 1, "mpp-bandung"),
    )
    conn.execute("INSERT INTO auth_failures VALUES ('token', '127.0.0.1', 2, 1, 1)")
    conn.commit()
    conn.close()
    assert main(["migrate", "--db", str(path)]) == 0  # step 3 finds its columns there already
    with start(path, DEFAULT_CATALOG, {}, migrate_schema=False) as central:
        settings = CentralSettings(base_url=central.url, terminal_id="kiosk-old")
        with CentralClient(settings, "old-enrolled-token") as client:
            assert client.get_catalog().site.id == "mpp-bandung"


def test_concurrent_migrators_apply_each_step_once(postgres_server):
    url = postgres_server.create_database()
    stores = [open_store(url, pool_max=2) for _ in range(4)]
    applied: list[list[int]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def run(store) -> None:
        try:
            barrier.wait()
            applied.append(migrate(store))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert not errors, errors
        assert sorted(v for done in applied for v in done) == VERSIONS
        assert _versions(stores[0]) == VERSIONS
    finally:
        for s in stores:
            s.close()


def _today() -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date().isoformat()


def test_a_database_that_got_the_leases_step_before_the_sites_step_keeps_its_offline_tickets(tmp_path):
    """Steps are applied by number, the missing ones too: a central of before sites had 7, 8, 9
    without 6. Step 6 rebuilds tickets on SQLite; an offline ticket keeps its lease (and so stays
    "issued offline") and gets the default site."""
    path = tmp_path / "before-sites.sqlite3"
    store = open_store(path)
    try:
        with store.write() as conn:
            conn.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " applied_us INTEGER NOT NULL)"
            )
        for step in MIGRATIONS:
            if step.version == 6 or step.version > 9:
                continue
            with store.write() as conn:
                from central.store.migrations import _add_columns

                _add_columns(conn, step.columns)
                for statement in step.statements("sqlite"):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 0)", (step.version, step.name))
        with store.write() as conn:
            conn.execute(
                "INSERT INTO tickets (id, terminal_id, idem_key, request_hash, service_id, prefix, business_date,"
                " sequence, priority, language, status, reserved_us, expires_us, lease_id)"
                " VALUES ('t-1', 'kiosk-1', 'offline:R:2026-12-01:5', 'h', 'npwp', 'R', '2026-12-01', 5, 'regular',"
                " 'id', 'confirmed', 1, 1, 'lease-1')"
            )
        assert migrate(store) == [6, 10]
        with store.read() as conn:
            row = conn.execute("SELECT lease_id, site FROM tickets WHERE id='t-1'").fetchone()
            waiting = conn.execute("SELECT site, service_id, waiting FROM queue_waiting").fetchall()
        assert (row["lease_id"], row["site"]) == ("lease-1", "")  # '' until a central adopts it
        assert [tuple(w) for w in waiting] == [("", "npwp", 1)]  # step 10 counted the waiting ticket
    finally:
        store.close()
