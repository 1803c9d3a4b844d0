"""The service watchdog driven by the Qt event loop.

The ping is a QTimer on the GUI thread: while the event loop turns, systemd hears WATCHDOG=1 every
half WatchdogSec; when the GUI freezes (a blocking call, a deadlock, an endless loop in a slot)
the pings stop and systemd restarts the kiosk. READY=1 is sent when the kiosk window is first
painted, whatever screen it shows (the welcome page, or "out of service" when the central or a
device is missing at boot), so a start without network still counts as started.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QThread, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.runtime.watchdog import Watchdog


class QtWatchdog(QObject):
    """Readiness on the window's first paint, and watchdog pings from a GUI-thread QTimer."""

    def __init__(self, watchdog: Watchdog, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watchdog = watchdog
        self._window = window
        self._timer: QTimer | None = None
        self._ready_sent = False
        self._stopped = False

    def start(self) -> None:
        """Call on the GUI thread, before or right after the window is shown."""
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            raise RuntimeError("QtWatchdog.start() must run on the GUI thread")
        if not self.watchdog.notifier.enabled:
            return  # not under a service manager (development, tests): nothing to say
        app.installEventFilter(self)
        if self.watchdog.active:
            self._timer = QTimer(self)
            self._timer.setInterval(max(50, int(self.watchdog.interval_s * 1000)))
            self._timer.timeout.connect(self.watchdog.ping)
            self._timer.start()
            self.watchdog.ping()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._ready_sent
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._ready_sent = True
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self.watchdog.ready()
        return False

    def status(self, text: str) -> None:
        self.watchdog.status(text)

    def stop(self) -> None:
        """Tell the service manager we are stopping on purpose; no more pings."""
        if self._stopped:
            return
        self._stopped = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._timer is not None:
            self._timer.stop()
        self.watchdog.stopping()
        self.watchdog.close()


def attach_watchdog(qapp: QApplication, window: QWidget, environ=None) -> QtWatchdog:
    """Create and start the watchdog for ``window`` from the environment systemd gave us."""
    qt_watchdog = QtWatchdog(Watchdog.from_environment(environ), window, parent=qapp)
    qt_watchdog.start()
    return qt_watchdog
