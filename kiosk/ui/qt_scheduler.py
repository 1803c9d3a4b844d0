"""``kiosk.runtime.scheduler.Scheduler`` on the Qt event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot


class _QtTimer:
    """A one-shot QTimer that deletes itself once it fired or was cancelled."""

    def __init__(self, parent: QObject, delay_s: float, fn: Callable[[], object]) -> None:
        self._fn = fn
        self._timer: QTimer | None = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        self._timer.start(max(0, int(delay_s * 1000)))

    def _fire(self) -> None:
        self._release()
        self._fn()

    def cancel(self) -> None:
        self._release()

    def _release(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None


class QtScheduler(QObject):
    """Runs posted callables on the GUI thread; worker threads call ``post`` safely."""

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Queued even when emitted from the GUI thread: a worker's callback never re-enters a
        # half-finished flow transition.
        self._posted.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self._closed = False

    def post(self, fn: Callable[[], object]) -> None:
        self._posted.emit(fn)

    def call_later(self, delay_s: float, fn: Callable[[], object]) -> _QtTimer:
        timer = _QtTimer(self, delay_s, fn)
        if self._closed:
            timer.cancel()
        return timer

    def close(self) -> None:
        """After shutdown: stop every pending timer and drop whatever is still posted, so no
        flow timeout or late worker answer runs against a window that is gone."""
        self._closed = True
        for timer in self.findChildren(QTimer):
            timer.stop()

    @Slot(object)
    def _run(self, fn: Callable[[], object]) -> None:
        if not self._closed:
            fn()
