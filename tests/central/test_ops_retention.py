"""Retention on both engines: rows older than N days lose their personal fields (or go), newer ones
keep them, tickets stay; the dry run only counts; batches finish the job; the command runs it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import central.ops.retention as retention
from central.cli import main as central_main
from central.ops.retention import apply_retention
from central.store import migrate, open_store, to_us

NOW = datetime.now(UTC).replace(microsecond=0)
OLD, NEW, LATER = NOW - timedelta(days=40), NOW - timedelta(days=5), NOW + timedelta(days=1)


def _us(dt: datetime) -> int:
    return to_us(dt)


def _seed(conn, *, old_bookings: int = 1) -> None:
    for i in range(old_bookings):
        conn.execute(
            "INSERT INTO bookings (code, service_id, slot_start_us, slot_end_us, status, ticket_id)"
            " VALUES (?, 'ktp-el', ?, ?, 'checked_in', 'ticket-old')",
            (f"OLDCODE{i}", _us(OLD), _us(OLD + timedelta(minutes=15))),
        )
    conn.execute(
        "INSERT INTO bookings (code, service_id, slot_start_us, slot_end_us, status)"
        " VALUES ('NEWCODE', 'ktp-el', ?, ?, 'booked')",
        (_us(NEW), _us(NEW + timedelta(minutes=15))),
    )
    conn.execute(
        "INSERT INTO tickets (id, terminal_id, idem_key, request_hash, service_id, prefix, business_date, sequence,"
        " priority, language, status, reserved_us, expires_us, confirmed_us)"
        " VALUES ('ticket-old', 'kiosk-1', 'k1', 'h', 'ktp-el', 'A', ?, 1, 'none', 'id', 'confirmed', ?, ?, ?)",
        (OLD.date().isoformat(), _us(OLD), _us(OLD), _us(OLD)),
    )
    for pid, status, created, reason in (
        ("pay-old", "refund_requested", OLD, "Ibu Siti Aminah salah pilih layanan"),
        ("pay-old-pending", "pending", OLD, "still open"),
        ("pay-new", "refund_requested", NEW, "Bapak Joko minta batal"),
    ):
        conn.execute(
            "INSERT INTO payments (id, terminal_id, idem_key, request_hash, service_id, amount, status, reference,"
            " payload, created_us, expires_us, refund_reason) VALUES (?, 'kiosk-1', ?, 'h', 'paspor', 50000, ?, ?,"
            " 'qris', ?, ?, ?)",
            (pid, pid, status, "REF-" + pid, _us(created), _us(created + timedelta(minutes=5)), reason),
        )
    for client, last, blocked in (("10.0.0.1", OLD, OLD), ("10.0.0.2", OLD, LATER), ("10.0.0.3", NEW, NEW)):
        conn.execute(
            "INSERT INTO auth_failures (bucket, client, failures, last_us, blocked_until_us) VALUES ('enrol', ?, 3, ?, ?)",
            (client, _us(last), _us(blocked)),
        )
    for token, expires in (("t-old", OLD), ("t-new", LATER)):
        conn.execute(
            "INSERT INTO staff_sessions (token_hash, staff_id, created_us, expires_us) VALUES (?, 's1', ?, ?)",
            (token, _us(expires - timedelta(hours=10)), _us(expires)),
        )


def _seed_ratings(conn) -> None:
    scores = ", ".join(f"u{i}" for i in range(1, 10))
    for ticket, rated in (("rated-old", OLD), ("rated-new", NEW)):
        conn.execute(
            f"INSERT INTO ratings (ticket_id, site, service_id, agency_id, business_date, rated_us, channel, {scores},"
            " suggestion) VALUES (?, 's', 'paspor', 'imigrasi', '2026-01-01', ?, 'kiosk', 4,4,4,4,4,4,4,4,4, ?)",
            (ticket, _us(rated), f"Pak Budi di loket, {ticket}"),
        )


def _state(store) -> dict:
    with store.read() as conn:
        return {
            "bookings": sorted(r[0] for r in conn.execute("SELECT code FROM bookings")),
            "tickets": [r[0] for r in conn.execute("SELECT id FROM tickets")],
            "reasons": dict(conn.execute("SELECT id, refund_reason FROM payments ORDER BY id").fetchall()),
            "payments": sorted(r[0] for r in conn.execute("SELECT id FROM payments")),
            "clients": sorted(r[0] for r in conn.execute("SELECT client FROM auth_failures")),
            "sessions": sorted(r[0] for r in conn.execute("SELECT token_hash FROM staff_sessions")),
            "suggestions": dict(
                conn.execute("SELECT ticket_id, suggestion FROM ratings ORDER BY ticket_id").fetchall()
            ),
        }


@pytest.fixture
def store(new_db):
    s = open_store(new_db(), pool_max=2)
    migrate(s)
    yield s
    s.close()


def test_old_rows_lose_personal_fields_new_rows_keep_them_tickets_stay(store):
    store.transact(_seed)
    store.transact(_seed_ratings)
    before = _state(store)

    due = apply_retention(store, 30, now=NOW, dry_run=True)
    assert set(due.values()) == {1} and len(due) == 5
    assert _state(store) == before  # a dry run changes nothing

    done = apply_retention(store, 30, now=NOW)
    assert done == due
    after = _state(store)
    assert after["bookings"] == ["NEWCODE"]
    assert after["tickets"] == ["ticket-old"]  # the ticket a check-in issued stays
    assert after["reasons"] == {
        "pay-new": "Bapak Joko minta batal",
        "pay-old": None,
        "pay-old-pending": "still open",  # not settled yet: left for the payment's own life
    }
    assert after["payments"] == before["payments"]  # the accounts keep every payment
    assert after["clients"] == ["10.0.0.2", "10.0.0.3"]  # still blocking, or recent
    assert after["sessions"] == ["t-new"]
    assert after["suggestions"] == {"rated-new": "Pak Budi di loket, rated-new", "rated-old": None}

    assert set(apply_retention(store, 30, now=NOW).values()) == {0}  # nothing left to do


def test_large_backlog_goes_in_batches(store, monkeypatch):
    store.transact(lambda conn: _seed(conn, old_bookings=7))
    monkeypatch.setattr(retention, "BATCH", 3)
    done = apply_retention(store, 30, now=NOW)
    assert done["bookings (codes of appointments that ended)"] == 7
    assert _state(store)["bookings"] == ["NEWCODE"]


def test_retention_refuses_zero_days(store):
    with pytest.raises(ValueError):
        apply_retention(store, 0, now=NOW)


def test_the_command_counts_in_a_dry_run_then_applies(tmp_path, capsys):
    db = tmp_path / "central.sqlite3"
    s = open_store(db)
    migrate(s)
    s.transact(_seed)
    s.close()
    assert central_main(["retention", "--db", str(db), "--days", "30", "--dry-run"]) == 0
    assert "central retention: 4 rows due" in capsys.readouterr().out
    assert central_main(["retention", "--db", str(db), "--days", "30"]) == 0
    assert "central retention: 4 rows changed" in capsys.readouterr().out
    assert central_main(["retention", "--db", str(db), "--days", "0"]) == 1
