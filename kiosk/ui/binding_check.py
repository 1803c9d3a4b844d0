"""Does this Qt binding keep Python's reference counts? (issue 20)

PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` on every void Qt call (two per timer
firing, one to ``True`` per queued signal): when the count reaches zero the interpreter aborts,
after about sixty sessions. ``measure`` makes each kind of call the kiosk makes ``calls`` times and
reports how far the counts of ``None``, ``True`` and ``False`` fell. The kiosk runs it at start-up
(a few milliseconds), the test suite with 20,000 calls, and ``diagnose`` in a child process
(``python -m kiosk.ui.binding_check``) so that a bad binding cannot take the diagnosis down.

Needs a ``QApplication`` (``measure`` makes one if there is none) and the GUI thread.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.diagnostics.binding import NOISE, BindingReport, is_immortal, runtime_versions

SINGLETONS = {"None": None, "True": True, "False": False}
STARTUP_CALLS = 64  # a loss of one per call stands far above the noise, in a few milliseconds
LOOP_LIMIT_S = 5.0


def _counts() -> dict[str, int]:
    return {name: sys.getrefcount(obj) for name, obj in SINGLETONS.items()}


class _Poster(QObject):
    posted = Signal(object)


class _Probes:
    """One widget, button, signal and timer, each made to do its kind of call ``n`` times."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer
        from PySide6.QtGui import QPixmap
        from PySide6.QtWidgets import QApplication, QLabel, QPushButton

        self.app = QApplication.instance()
        self.label = QLabel()
        self.pixmap = QPixmap(4, 4)
        self.button = QPushButton()
        self.poster = _Poster()
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.hits = 0
        self.button.clicked.connect(self._hit)
        self.poster.posted.connect(self._hit, Qt.ConnectionType.QueuedConnection)
        self.timer.timeout.connect(self._hit)
        self.kinds: dict[str, Callable[[int], None]] = {
            "void_setters": self.void_setters,
            "click_into_slot": self.click_into_slot,
            "queued_signal": self.queued_signal,
            "timer_firing": self.timer_firing,
            "process_events": self.process_events,
        }

    def _hit(self, *_args) -> None:
        self.hits += 1

    def void_setters(self, n: int) -> None:
        for i in range(n):
            self.label.setText("a" if i % 2 else "b")
            self.label.setEnabled(bool(i % 2))
            self.label.setVisible(False)
            self.label.setPixmap(self.pixmap)

    def click_into_slot(self, n: int) -> None:
        for _ in range(n):
            self.button.click()

    def queued_signal(self, n: int) -> None:
        from PySide6.QtCore import QCoreApplication

        self.hits = 0
        for i in range(n):
            self.poster.posted.emit(i)
        deadline = time.monotonic() + LOOP_LIMIT_S  # a binding that never delivers must not hang the start
        while self.hits < n and time.monotonic() < deadline:
            QCoreApplication.sendPostedEvents(self.poster)

    def timer_firing(self, n: int) -> None:
        # Driven by processEvents(), which is measured on its own as well.
        self.hits = 0
        self.timer.start()
        deadline = time.monotonic() + LOOP_LIMIT_S
        while self.hits < n and time.monotonic() < deadline:
            self.app.processEvents()
        self.timer.stop()

    def process_events(self, n: int) -> None:
        for _ in range(n):
            self.app.processEvents()

    def close(self) -> None:
        for obj in (self.label, self.button, self.poster, self.timer):
            obj.deleteLater()


def measure(calls: int = STARTUP_CALLS, chunk: int = 250) -> BindingReport:
    """Make each kind of call ``calls`` times; report how far each singleton's count fell.

    In chunks: once a kind has clearly lost references it stops, so a bad binding is reported
    instead of aborting the interpreter (None's count is only a few thousand after start-up)."""
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication(sys.argv[:1])
    python, binding = runtime_versions()
    immortal = {name: is_immortal(obj) for name, obj in SINGLETONS.items()}
    losses: dict[str, dict[str, int]] = {}
    made: dict[str, int] = {}
    probes = _Probes()
    at_start = _counts()
    gc_was_on = gc.isenabled()
    gc.disable()  # a collection in the middle would move the counts by itself
    try:
        for kind, run in probes.kinds.items():
            run(1)  # warm-up: first-call caches are not losses
            before = _counts()
            done = 0
            while done < calls:
                step = min(chunk, calls - done)
                run(step)
                done += step
                fell = {name: before[name] - now for name, now in _counts().items()}
                if any(v > NOISE for v in fell.values()):
                    break
            losses[kind] = {name: before[name] - now for name, now in _counts().items()}
            made[kind] = done
    finally:
        probes.close()
        _give_back(at_start, immortal)
        if gc_was_on:
            gc.enable()
    return BindingReport(python=python, binding=binding, calls=calls, losses=losses, immortal=immortal, made=made)


def _give_back(at_start: dict[str, int], immortal: dict[str, bool]) -> None:
    """Put back the references the probe itself made a bad binding lose, so that the refused kiosk
    (or the diagnosis child) does not abort on its way out: True's count is only a few hundred."""
    import ctypes

    for name, count in _counts().items():
        lost = at_start[name] - count
        if lost > NOISE and not immortal[name]:
            for _ in range(lost):
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(SINGLETONS[name]))


def main() -> int:
    """Child-process entry for ``diagnose``: one JSON object on stdout."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else STARTUP_CALLS
    print(json.dumps(measure(calls).to_json()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
