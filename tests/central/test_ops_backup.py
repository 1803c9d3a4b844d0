"""The restore drill of docs/central-operations.md, on both engines: tickets are issued by two
terminals while a backup is taken; the backup restores into a fresh database; the restored central
serves the tickets it holds and numbers on from the backup's counters without a duplicate."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

from central.cli import DEFAULT_CATALOG
from central.cli import main as central_main
from central.ops.backup import OpsError, backup, restore
from central.server import start
from central.store import HEAD, current_version, migrate, open_store
from central.store.migrations import MIGRATIONS
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN
from kiosk.contract import TicketReserveRequest
from tests.central.conftest import client_for

SERVICE = "ktp-el"
TERMINALS = {TEST_TERMINAL: TEST_TOKEN, OTHER_TERMINAL: OTHER_TOKEN}


def _wait_for(condition, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _numbers(db: Path | str) -> tuple[dict[tuple[str, str], list[int]], dict[tuple[str, str], int], set[str]]:
    """(sequences issued per counter, each counter's last number, ticket ids) of a database."""
    store = open_store(db, pool_max=1)
    try:
        with store.read() as conn:
            rows = conn.execute("SELECT id, prefix, business_date, sequence FROM tickets").fetchall()
            last = {(r[0], r[1]): r[2] for r in conn.execute("SELECT prefix, business_date, last_seq FROM sequences")}
    finally:
        store.close()
    issued: dict[tuple[str, str], list[int]] = {}
    for _, prefix, day, seq in rows:
        issued.setdefault((prefix, day), []).append(seq)
    return issued, last, {r[0] for r in rows}


def _issue(central, terminal: str, token: str, out: list, stop: threading.Event) -> None:
    client = client_for(central, terminal, token)
    while not stop.is_set():
        ticket = client.reserve_ticket(TicketReserveRequest(service_id=SERVICE), str(uuid.uuid4()))
        client.confirm_ticket(ticket.id, "printed")
        out.append(ticket)


def test_restore_drill_backup_while_issuing_then_restored_central_numbers_on(new_db, tmp_path: Path):
    db, copy = new_db(), new_db()
    out = tmp_path / "backups" / "central.backup"
    confirmed: list = []
    stop = threading.Event()
    with start(db, DEFAULT_CATALOG, TERMINALS) as central:
        threads = [
            threading.Thread(target=_issue, args=(central, t, tok, confirmed, stop), daemon=True)
            for t, tok in TERMINALS.items()
        ]
        for th in threads:
            th.start()
        try:
            _wait_for(lambda: len(confirmed) >= 10)
            before_backup = {t.id for t in confirmed}
            result = backup(db, out)
            after_backup = len(confirmed)
            _wait_for(lambda: len(confirmed) >= after_backup + 10)  # issuing went on past the snapshot
        finally:
            stop.set()
            for th in threads:
                th.join(10)
    assert out.stat().st_mode & 0o777 == 0o600  # it holds what the database holds
    assert result.schema_version == HEAD
    assert not list(out.parent.glob(".*.part"))

    restored = restore(copy, out)
    assert restored.schema_version == HEAD and restored.migrated == []
    issued, last, ids = _numbers(copy)
    _, _, original_ids = _numbers(db)
    # One snapshot: every ticket confirmed before the backup began is in it, later ones are not
    # all in it, and each counter matches its tickets exactly (1..last, no hole, no double).
    assert before_backup <= ids < original_ids
    assert restored.tickets == len(ids)
    assert last and all(sorted(issued[key]) == list(range(1, n + 1)) for key, n in last.items())

    with pytest.raises(OpsError, match="already holds"):
        restore(copy, out)  # never over a database that has data, unless forced

    (key,) = last  # one service issued: one counter
    with start(copy, DEFAULT_CATALOG, TERMINALS) as again:
        assert requests.get(f"{again.url}/readyz", timeout=5).status_code == 200
        client = client_for(again)
        old = client.get_ticket(next(iter(before_backup)))
        assert old.status == "confirmed"
        new = [client.reserve_ticket(TicketReserveRequest(service_id=SERVICE), str(uuid.uuid4())) for _ in range(3)]
    assert [t.sequence for t in new] == [last[key] + 1, last[key] + 2, last[key] + 3]
    issued_after, _, _ = _numbers(copy)
    assert all(len(seqs) == len(set(seqs)) for seqs in issued_after.values())

    # After a mid-day restore the numbers handed out since the backup are on paper in the hall:
    # --advance-numbers moves today's counters past them (a gap, never a second B-023).
    assert central_main(["restore", "--db", str(copy), "--from", str(out), "--force", "--advance-numbers", "100"]) == 0
    _, moved, _ = _numbers(copy)
    assert moved == {k: n + 100 for k, n in last.items()}


def test_restore_refuses_a_backup_of_the_other_engine_and_junk(new_db, tmp_path: Path, engine: str):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a backup at all")
    with pytest.raises(OpsError, match="neither"):
        restore(new_db(), junk)
    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP\x01" if engine == "sqlite" else b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(OpsError, match="backup; restore it into a"):
        restore(new_db(), other)


def test_cli_backup_of_a_missing_sqlite_file_fails_cleanly(tmp_path: Path, capsys):
    rc = central_main(["backup", "--db", str(tmp_path / "absent.sqlite3"), "--out", str(tmp_path / "b")])
    assert rc == 1
    assert "no SQLite database" in capsys.readouterr().err
    assert not (tmp_path / "absent.sqlite3").exists() and not list(tmp_path.glob("*b*"))


def test_restore_migrates_an_older_backup_and_refuses_a_newer_one(new_db, tmp_path: Path):
    old_db = new_db()
    store = open_store(old_db, pool_max=1)
    migrate(store, target=3)  # a release ago
    store.close()
    backup(old_db, tmp_path / "old.backup")
    restored = restore(new_db(), tmp_path / "old.backup")
    assert restored.migrated == [m.version for m in MIGRATIONS if m.version >= 4] and restored.schema_version == HEAD

    store = open_store(old_db, pool_max=1)
    store.transact(
        lambda conn: conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_us) VALUES (?, 'from the future', 0)", (HEAD + 1,)
        )
    )
    store.close()
    backup(old_db, tmp_path / "new.backup")
    target = new_db()
    with pytest.raises(OpsError, match="newer than this central"):
        restore(target, tmp_path / "new.backup")
    store = open_store(target, pool_max=1)
    with store.read() as conn:  # refused before anything was written
        assert current_version(conn) is None
    store.close()


def test_a_forced_restore_of_a_backup_broken_half_way_changes_nothing(postgres_server, tmp_path: Path):
    """PostgreSQL: the tables a forced restore replaces are dropped in the restore's own
    transaction. Before, they were dropped first, so a dump that broke half-way (here a copy cut
    short, as an interrupted transfer or a full disk leaves it) left a database with no tables."""

    def issue(db, n: int) -> None:
        with start(db, DEFAULT_CATALOG, TERMINALS) as central, client_for(central) as client:
            for _ in range(n):
                ticket = client.reserve_ticket(TicketReserveRequest(service_id=SERVICE), str(uuid.uuid4()))
                client.confirm_ticket(ticket.id, "printed")

    source = postgres_server.create_database()
    issue(source, 40)
    full = tmp_path / "full.backup"
    backup(source, full)
    data = full.read_bytes()
    cut = tmp_path / "cut.backup"
    cut.write_bytes(data[:-64])  # the last table's data (tickets) is cut; the schema ledger still reads
    target = postgres_server.create_database()
    issue(target, 5)
    before = _numbers(target)
    with pytest.raises(OpsError, match="nothing changed"):
        restore(target, cut, force=True)
    assert _numbers(target) == before  # every table, ticket and counter as it was
    restore(target, full, force=True)  # the whole backup, forced, does replace it
    assert _numbers(target) == _numbers(source)


def test_advance_numbers_moves_every_sites_counters(tmp_path: Path):
    """Several halls on one central: a restore's --advance-numbers moves each site's counters of
    today (numbers on paper in every hall), not only the default site's."""
    from datetime import UTC, datetime

    db, out, copy = tmp_path / "central.sqlite3", tmp_path / "central.backup", tmp_path / "restored.sqlite3"
    today = datetime.now(UTC).date().isoformat()
    store = open_store(db)
    try:
        migrate(store)
        with store.write() as conn:
            for site, last in (("mpp-bandung", 23), ("mpp-badung", 7)):
                conn.execute(
                    "INSERT INTO sequences (site, prefix, business_date, last_seq) VALUES (?, 'A', ?, ?)",
                    (site, today, last),
                )
    finally:
        store.close()
    backup(db, out)
    assert central_main(["restore", "--db", str(copy), "--from", str(out), "--advance-numbers", "50"]) == 0
    restored = open_store(copy)
    try:
        with restored.read() as conn:
            rows = conn.execute("SELECT site, last_seq FROM sequences WHERE prefix='A'").fetchall()
    finally:
        restored.close()
    assert {r["site"]: r["last_seq"] for r in rows} == {"mpp-bandung": 73, "mpp-badung": 57}


def test_a_restore_error_quotes_no_row():
    """psql's DETAIL and CONTEXT lines can quote a row; the operator's message leaves them out."""
    from central.ops.backup import _detail

    stderr = (
        'psql:<stdin>:120: ERROR:  duplicate key value violates unique constraint "tickets_pkey"\n'
        "DETAIL:  Key (id)=(3273015708850003) already exists.\n"
        'CONTEXT:  COPY citizens, line 1: "3273015708850003\tSITI AMINAH"\n'
    )
    said = _detail(stderr)
    assert "duplicate key value violates unique constraint" in said
    assert "3273015708850003" not in said and "SITI" not in said
