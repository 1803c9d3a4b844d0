"""Crash reports: what they hold, what they never hold, and what the next start reports."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from kiosk.runtime.crash import CrashGuard, previous_crash, scrub_message

ROOT = Path(__file__).resolve().parents[2]
NIK = "3201234567890003"


def _raise_with_personal_data(nik: str, name: str) -> None:
    secret_local = f"{name} {nik}"  # noqa: F841 - a local in the crashing frame that no report may show
    raise ValueError(f"card holder {name!r} has NIK {nik}")


def test_exception_report_goes_to_journal_and_marker_without_personal_data(tmp_path):
    stream = io.StringIO()
    fatal = []
    guard = CrashGuard(tmp_path, "9.9.9", on_fatal=lambda: fatal.append(True), stream=stream)
    assert guard.install() is None
    try:
        try:
            _raise_with_personal_data(NIK, "Budi Santoso")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        guard.uninstall()
    journal = stream.getvalue()
    marker = (tmp_path / "crash" / "marker.json").read_text()
    for text in (journal, marker):
        assert NIK not in text and "Budi" not in text and "Santoso" not in text
    assert journal.startswith("<2>kiosk crash: ValueError: card holder '…' has NIK [nik]")
    assert "test_crash.py" in journal and "in _raise_with_personal_data" in journal
    assert oct((tmp_path / "crash" / "marker.json").stat().st_mode & 0o777) == "0o600"
    report = json.loads(marker)
    assert report["version"] == "9.9.9" and report["kind"] == "exception"
    assert fatal == [True]
    summary = previous_crash(tmp_path)
    assert summary.exception_type == "ValueError"
    assert summary.describe().startswith("Recovered from a crash (ValueError) at ")


def test_thread_exception_is_recorded_with_the_thread_name(tmp_path):
    stream = io.StringIO()
    guard = CrashGuard(tmp_path, "1.0", stream=stream)
    guard.install()
    try:
        worker = threading.Thread(target=lambda: 1 / 0, name="printer-worker")
        worker.start()
        worker.join()
    finally:
        guard.uninstall()
    assert "ZeroDivisionError: [thread printer-worker] division by zero" in stream.getvalue()
    assert previous_crash(tmp_path).exception_type == "ZeroDivisionError"


def test_next_start_reports_the_crash_then_a_clean_run_forgets_it(tmp_path):
    first = CrashGuard(tmp_path, "1.0", stream=io.StringIO())
    first.install()
    try:
        raise KeyError("Siti")
    except KeyError:
        first.record(*sys.exc_info())
    first.uninstall()

    second = CrashGuard(tmp_path, "1.1", stream=io.StringIO())
    recovered = second.install()
    second.clean_exit()
    second.uninstall()
    assert recovered is not None and recovered.exception_type == "KeyError"
    assert "Siti" not in recovered.message
    assert previous_crash(tmp_path) == recovered  # still true for the whole second run

    third = CrashGuard(tmp_path, "1.1", stream=io.StringIO())
    assert third.install() is None  # the second run ended cleanly
    third.clean_exit()
    third.uninstall()
    assert previous_crash(tmp_path) is None


def test_a_killed_run_is_an_unclean_stop(tmp_path):
    guard = CrashGuard(tmp_path, "1.0", stream=io.StringIO())
    guard.install()
    guard.uninstall()  # no clean_exit(): as if SIGKILL or a power cut
    after = CrashGuard(tmp_path, "1.0", stream=io.StringIO())
    summary = after.install()
    after.uninstall()
    assert summary.kind == "unclean_stop"
    assert summary.describe().startswith("Recovered from an unexpected stop")


def test_sigabrt_like_the_watchdog_leaves_the_stacks_for_the_next_start(tmp_path):
    # A real process dies of SIGABRT (what systemd's watchdog sends) inside a guarded run.
    code = (
        "import os, signal, sys, time\n"
        "from kiosk.runtime.crash import CrashGuard\n"
        f"CrashGuard({str(tmp_path)!r}, '2.0').install()\n"
        "def frozen_gui_loop():\n"
        "    os.kill(os.getpid(), signal.SIGABRT)\n"
        "frozen_gui_loop()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGABRT
    stream = io.StringIO()
    guard = CrashGuard(tmp_path, "2.0", stream=stream)
    summary = guard.install()
    guard.uninstall()
    assert summary.kind == "fatal_signal" and "Aborted" in summary.message
    assert any("frozen_gui_loop" in frame for frame in summary.frames)
    assert "<2>kiosk previous run: " in stream.getvalue()


def test_scrub_message_removes_quoted_values_and_digit_runs():
    assert scrub_message('bad "Ani" at 3201234567890003') == "bad '…' at [nik]"
    assert len(scrub_message("x" * 1000)) == 160
    assert "\n" not in scrub_message("a\nb")
    assert os.linesep not in scrub_message("a" + os.linesep + "b")
