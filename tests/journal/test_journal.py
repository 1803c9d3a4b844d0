"""The money journal on its own: steps are durable and ordered, reopening finds unfinished work,
and nothing in it could identify a person."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from kiosk.journal import Journal, JournalStep


def test_steps_are_kept_in_order_and_finish_takes_an_entry_out_of_unfinished(tmp_path):
    journal = Journal(tmp_path / "j.sqlite3")
    entry = journal.begin("skck-baru", 30000)
    assert journal.is_live(entry.id)
    journal.record(entry.id, JournalStep.CHARGE_CREATED, payment_id="p1", reference="ANJ1")
    journal.record(entry.id, JournalStep.PAID_SEEN)
    assert [e.id for e in journal.unfinished()] == [entry.id]
    journal.finish(entry.id, JournalStep.REFUND_REQUESTED, "refund_flagged")
    assert journal.unfinished() == [] and not journal.is_live(entry.id)
    assert journal.steps(entry.id) == ["charge_requested", "charge_created", "paid_seen", "refund_requested"]
    with pytest.raises(ValueError):
        journal.record(entry.id, JournalStep.CLOSED, outcome="lost")
    with pytest.raises(ValueError):
        journal.record(entry.id, JournalStep.CLOSED, citizen_name="x")
    journal.close()


def test_wal_and_full_sync_and_a_killed_writer_leaves_its_committed_steps(tmp_path):
    path = tmp_path / "j.sqlite3"
    # A separate process writes two steps and dies by SIGKILL without closing anything.
    code = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from kiosk.journal import Journal, JournalStep
        j = Journal(Path({str(path)!r}))
        e = j.begin("paspor-biasa", 350000)
        j.record(e.id, JournalStep.CHARGE_CREATED, payment_id="pay-1", reference="ANJX")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)
    assert proc.returncode == -9
    journal = Journal(path)
    (entry,) = journal.unfinished()
    assert entry.step is JournalStep.CHARGE_CREATED and entry.payment_id == "pay-1" and entry.amount_idr == 350000
    assert journal.integrity_ok()
    assert not journal.is_live(entry.id)  # a new process follows nothing yet: reconciliation may take it
    journal.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = {row[1] for row in conn.execute("PRAGMA table_info(entries)")}
    conn.close()
    # ids, numbers, amounts and states only
    assert not columns & {"nik", "name", "identity", "card", "phone", "birth_date"}


def test_synchronous_full_on_the_connection(tmp_path):
    journal = Journal(tmp_path / "j.sqlite3")
    assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    journal.close()
