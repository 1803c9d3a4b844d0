"""Journal backlog: counted read-only from the real journal files, pluggable."""

from __future__ import annotations

from kiosk.diagnostics.backlog import BACKLOG_WARN, BacklogSource, check_backlog, register_backlog, sources
from kiosk.journal.store import Journal
from kiosk.tickets.pending import PendingConfirmations


def test_counts_unfinished_entries_of_each_journal(tmp_path):
    assert check_backlog(tmp_path).status == "OK"
    assert not (tmp_path / "journal.sqlite3").exists()  # a check never creates a journal
    pending = PendingConfirmations(tmp_path / "pending-confirmations.sqlite3")
    try:
        for i in range(BACKLOG_WARN):
            pending.add(f"t-{i}", f"B-{i:03d}", "printed")
    finally:
        pending.close()
    Journal(tmp_path / "journal.sqlite3").close()
    result = check_backlog(tmp_path)
    assert result.status == "WARN" and result.details["journals"]["ticket_confirmations"] == BACKLOG_WARN
    assert result.details["journals"]["payments"] == 0


def test_a_journal_that_cannot_be_read_is_a_failure(tmp_path):
    (tmp_path / "pending-confirmations.sqlite3").write_bytes(b"not a database at all" * 100)
    result = check_backlog(tmp_path)
    assert result.status == "FAIL" and "ticket_confirmations" in result.reason


def test_new_journals_plug_in(tmp_path):
    register_backlog(BacklogSource("test_outbox", lambda d: 3))
    try:
        assert check_backlog(tmp_path).details["journals"]["test_outbox"] == 3
    finally:
        from kiosk.diagnostics import backlog

        backlog._SOURCES.pop("test_outbox")
    assert "test_outbox" not in {s.name for s in sources()}
