"""Crash reports that carry no personal data, and "recovered from a crash" on the next start.

``CrashGuard.install()`` (once, at start-up) does four things:
- looks at what the previous run left behind and keeps a summary for the diagnostics screen:
  a report from an uncaught exception, a Python fault log (a fatal signal such as the watchdog's
  SIGABRT or a segfault in a native library), or only a "running" marker (killed, power cut);
- sets ``sys.excepthook`` and ``threading.excepthook`` to write a short report to the journal
  (stderr, each line with a syslog priority prefix that journald reads) and a marker file;
- enables ``faulthandler`` into a file in the data directory, so a hang killed by the watchdog
  leaves every thread's stack (file, line, function; no values);
- writes the "running" marker that ``clean_exit()`` removes.

What a report holds: the exception type, the message scrubbed by ``kiosk.redaction`` (the same
rules as the logs: quoted values, NIKs however grouped, MRZ text, long digit runs and card data
removed, UUIDs such as payment ids kept), frames as ``file:line in function`` (never local
variables or argument values), the app version and the time (UTC).
"""

from __future__ import annotations

import faulthandler
import json
import os
import re
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from kiosk.atomic_file import atomic_write
from kiosk.redaction import scrub_text

CRASH_DIR = "crash"
MARKER = "marker.json"  # written by the hooks when this run crashes
PREVIOUS = "previous.json"  # what the previous run ended with, for this run's diagnostics
RUNNING = "running"  # present while a run is live; left behind by a kill or a power cut
FAULT_LOG = "faults.log"  # faulthandler output: fatal signals, watchdog aborts
MAX_FRAMES = 8
MAX_MESSAGE = 160


@dataclass(frozen=True)
class CrashSummary:
    """How the previous run ended, in words a technician reads on the diagnostics screen."""

    time: str
    """When it happened (ISO 8601, UTC); for an unclean stop, when the stopped run had started."""
    kind: str
    """"exception", "fatal_signal" or "unclean_stop"."""
    exception_type: str
    message: str
    version: str
    frames: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.kind == "unclean_stop":
            # Nothing was written at the moment of the stop: only when that run began is known.
            return f"Recovered from an unexpected stop (killed or power lost) of the run started at {self.time}"
        what = {
            "exception": f"a crash ({self.exception_type})",
            "fatal_signal": "a fatal error (watchdog or native crash)",
        }.get(self.kind, self.kind)
        return f"Recovered from {what} at {self.time}"


def scrub_message(text: str) -> str:
    """The message through the log scrubber, on one line, at most 160 characters."""
    # Joined to one line first: a quoted value or an MRZ split over lines is still one value.
    text = scrub_text(" ".join(text.split()))
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _short_path(filename: str) -> str:
    # Relative to the package or site-packages: no home directories or deployment paths.
    parts = Path(filename).parts
    for anchor in ("site-packages", "kiosk", "launcher", "central"):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[index:])
    return Path(filename).name


def format_frames(tb: TracebackType | None) -> tuple[str, ...]:
    """The innermost frames as ``file:line in function``; values are never read."""
    frames = traceback.extract_tb(tb)[-MAX_FRAMES:]
    return tuple(f"{_short_path(f.filename)}:{f.lineno} in {f.name}" for f in frames)


def build_report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    version: str,
    now: datetime | None = None,
    thread: str | None = None,
) -> CrashSummary:
    when = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    name = (
        exc_type.__qualname__ if exc_type.__module__ == "builtins" else f"{exc_type.__module__}.{exc_type.__qualname__}"
    )
    message = scrub_message(str(exc) if exc is not None else "")
    if thread:
        message = f"[thread {scrub_message(thread)}] {message}"
    return CrashSummary(when, "exception", name, message, version, format_frames(tb))


_FAULT_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<name>\S+)')


def main_thread_frames(fault_text: str) -> tuple[str, ...]:
    """The innermost frames of the main thread from a faulthandler dump.

    faulthandler lists threads newest first, so the main thread (the GUI thread, the one a
    watchdog abort is about) is the last block.
    """
    blocks: list[list[str]] = []
    for line in fault_text.splitlines():
        if line.startswith(("Thread 0x", "Current thread 0x")):
            blocks.append([])
        elif blocks and (match := _FAULT_FRAME.search(line)):
            blocks[-1].append(f"{_short_path(match['file'])}:{match['line']} in {match['name']}")
    return tuple(blocks[-1][:MAX_FRAMES]) if blocks else ()


def report_lines(report: CrashSummary) -> list[str]:
    """The journal lines for a report, with the syslog "critical" prefix journald understands."""
    lines = [f"kiosk crash: {report.exception_type}: {report.message} (version {report.version}, {report.time})"]
    lines += [f"  at {frame}" for frame in report.frames]
    return ["<2>" + line for line in lines]


def _read_summary(path: Path) -> CrashSummary | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["frames"] = tuple(raw.get("frames", ()))
        return CrashSummary(**raw)
    except (OSError, ValueError, TypeError):
        return None


def previous_crash(data_dir: Path) -> CrashSummary | None:
    """How the previous run ended when it did not end cleanly, else None.

    Before ``install()`` ran in this process (a command-line check while the kiosk is down) an
    unrotated marker counts too.
    """
    folder = Path(data_dir) / CRASH_DIR
    return _read_summary(folder / MARKER) or _read_summary(folder / PREVIOUS)


def _write_private(path: Path, text: str) -> None:
    atomic_write(path, text.encode("utf-8"), mode=0o600)


class CrashGuard:
    """Hooks and markers for one run of the kiosk. ``install()`` once; ``clean_exit()`` at the end."""

    def __init__(
        self, data_dir: Path, version: str, on_fatal: Callable[[], None] | None = None, stream: TextIO | None = None
    ) -> None:
        self.folder = Path(data_dir) / CRASH_DIR
        self.version = version
        self.on_fatal = on_fatal
        self._stream = stream
        self._lock = threading.Lock()
        self._crashed = False
        self._fault_file: TextIO | None = None
        self._saved_hooks: (
            tuple[
                Callable[[type[BaseException], BaseException, TracebackType | None], Any],
                Callable[[threading.ExceptHookArgs], Any],
            ]
            | None
        ) = None
        self.previous: CrashSummary | None = None

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stderr

    def install(self) -> CrashSummary | None:
        """Rotate what the last run left, set the hooks; returns the previous run's crash, if any."""
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        self.previous = self._rotate()
        self._saved_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        self._fault_file = open(self.folder / FAULT_LOG, "w", encoding="utf-8")  # noqa: SIM115 - faulthandler writes to it until exit
        os.chmod(self.folder / FAULT_LOG, 0o600)
        faulthandler.enable(file=self._fault_file, all_threads=True)
        started = datetime.now(UTC).isoformat(timespec="seconds")
        _write_private(self.folder / RUNNING, json.dumps({"started": started, "version": self.version}))
        return self.previous

    def _rotate(self) -> CrashSummary | None:
        marker, previous = self.folder / MARKER, self.folder / PREVIOUS
        running, faults = self.folder / RUNNING, self.folder / FAULT_LOG
        summary = _read_summary(marker)
        fault_text = faults.read_text(encoding="utf-8", errors="replace").strip() if faults.exists() else ""
        if summary is None and fault_text:
            first = fault_text.splitlines()[0]
            when = datetime.fromtimestamp(faults.stat().st_mtime, UTC).isoformat(timespec="seconds")
            summary = CrashSummary(
                when,
                "fatal_signal",
                "FatalSignal",
                scrub_message(first),
                self._version_at(running),
                main_thread_frames(fault_text),
            )
            for line in fault_text.splitlines():
                print(f"<2>kiosk previous run: {line}", file=self.stream, flush=True)
        elif summary is None and running.exists():
            summary = CrashSummary(self._started_at(running), "unclean_stop", "", "", self._version_at(running))
        if summary is not None:
            _write_private(previous, json.dumps(asdict(summary)))
            print(f"<4>kiosk: {summary.describe()}", file=self.stream, flush=True)
        else:
            previous.unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
        return summary

    @staticmethod
    def _running_info(running: Path) -> dict[str, object]:
        try:
            info: dict[str, object] = json.loads(running.read_text(encoding="utf-8"))
            return info
        except (OSError, ValueError):
            return {}

    def _started_at(self, running: Path) -> str:
        return str(self._running_info(running).get("started", "unknown time"))

    def _version_at(self, running: Path) -> str:
        return str(self._running_info(running).get("version", self.version))

    def record(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        thread: str | None = None,
    ) -> CrashSummary | None:
        """Write the report (journal + marker) for the first crash of this run."""
        with self._lock:
            if self._crashed:
                return None
            self._crashed = True
        report = build_report(exc_type, exc, tb, self.version, thread=thread)
        try:
            for line in report_lines(report):
                print(line, file=self.stream)
            self.stream.flush()
        except (OSError, ValueError):
            pass  # no stderr (closed journal stream): the marker below still tells
        try:
            _write_private(self.folder / MARKER, json.dumps(asdict(report)))
        except OSError as exc_write:
            print(f"<2>kiosk crash: could not write the crash marker: {exc_write}", file=sys.stderr)
        return report

    def _excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            if self._saved_hooks is not None:  # always: install() saves them before setting this hook
                self._saved_hooks[0](exc_type, exc, tb)
            return
        if self.record(exc_type, exc, tb) is not None and self.on_fatal is not None:
            self.on_fatal()

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else None
        if (
            self.record(args.exc_type, args.exc_value, args.exc_traceback, thread=name) is not None
            and self.on_fatal is not None
        ):
            self.on_fatal()

    def clean_exit(self) -> None:
        """The run ends on purpose: no crash to report next time."""
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None
            (self.folder / FAULT_LOG).unlink(missing_ok=True)
        (self.folder / RUNNING).unlink(missing_ok=True)

    def uninstall(self) -> None:
        """Put the previous hooks back (tests; a second guard in one process)."""
        if self._saved_hooks is not None:
            sys.excepthook, threading.excepthook = self._saved_hooks
            self._saved_hooks = None
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None


def install(data_dir: Path, version: str | None = None, on_fatal: Callable[[], None] | None = None) -> CrashGuard:
    """Create and install the guard for this run (see the module docstring)."""
    if version is None:
        from kiosk import __version__

        version = __version__
    guard = CrashGuard(data_dir, version, on_fatal)
    guard.install()
    return guard
