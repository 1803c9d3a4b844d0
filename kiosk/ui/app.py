"""Starting and stopping the Qt kiosk around a ``KioskRuntime``."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.config.models import KioskConfig

log = logging.getLogger(__name__)


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or os.environ.get(
        "QT_QPA_PLATFORM", ""
    ).startswith(("offscreen", "eglfs", "linuxfb", "vnc"))


class KioskApp:
    """The QApplication, the runtime, and the window, started and stopped together."""

    def __init__(
        self,
        config: KioskConfig,
        token: str | None,
        demo_panel: bool | None = None,
        config_path: Path | None = None,
        defer_services: bool = False,
    ) -> None:
        """``defer_services``: paint the welcome screen first and build the services (central
        client, printer, card reader, staff mode) right after its first frame, so a restarted
        kiosk shows a screen sooner; ``runtime`` is None until then. The kiosk command uses it."""
        from PySide6.QtGui import QFont
        from PySide6.QtWidgets import QApplication

        from kiosk.flow.configured import build_flow

        from .i18n import Translations
        from .metrics import for_settings
        from .qt_scheduler import QtScheduler
        from .window import KioskWindow

        self.qapp = QApplication.instance() or QApplication(sys.argv[:1])
        self.qapp.setApplicationName("Anjungan")
        font = QFont("Inter")
        font.setStyleHint(QFont.StyleHint.SansSerif)
        self.qapp.setFont(font)
        self.config = config
        self._token = token
        self._config_path = config_path
        from kiosk.logging_setup import setup_logging

        # JSON lines in the data folder, personal data scrubbed (docs/operations.md).
        self._log_handler = setup_logging(
            config.data.directory / "logs", max_bytes=config.admin.log_max_bytes, backups=config.admin.log_backups
        )
        self.runtime = None
        self._stopped = False
        self._started = False
        # Before anything is shown: a binding that loses references would abort the kiosk in the
        # middle of a citizen's session (issue 20). Refused, it shows one still page instead.
        self.binding = self._check_binding()
        if self.binding.loses_references:
            from .out_of_service import OutOfServiceWindow

            log.critical(
                "refusing to start: %s (calls losing references: %s)",
                self.binding.message(),
                ", ".join(self.binding.lossy_kinds()),
            )
            self.scheduler = self.flow = None
            self.translations = None
            self.window = OutOfServiceWindow()
            return
        self.scheduler = QtScheduler()
        self.flow = build_flow(config, self.scheduler)
        self.translations = Translations()
        show_panel = config.ui.demo_panel if demo_panel is None else demo_panel
        self.window = KioskWindow(
            self.flow,
            self.translations,
            demo_panel=show_panel,
            portrait=config.ui.orientation == "portrait",
            metrics=for_settings(config.ui, self.qapp.primaryScreen()),
        )
        if defer_services:
            # Queued: whoever else waits for the first frame hears of it before the build starts.
            from PySide6.QtCore import QTimer

            self.window.first_frame.connect(lambda: QTimer.singleShot(0, self._build_services))
        else:
            self._build_services()

    @staticmethod
    def _check_binding():
        import time

        from .binding_check import measure

        started = time.perf_counter()
        report = measure()
        if not report.loses_references:  # a losing one gets its own CRITICAL line
            log.info("%s (checked in %.0f ms)", report.message(), (time.perf_counter() - started) * 1000)
        return report

    @property
    def refused(self) -> bool:
        """True when the kiosk refused to serve (the binding check failed): no flow, no services."""
        return self.flow is None

    def _build_services(self) -> None:
        if self.runtime is not None or self._stopped:
            return
        from kiosk.assembly import KioskRuntime

        self.runtime = KioskRuntime(
            self.config, self.scheduler, self._token, config_path=self._config_path, flow=self.flow
        )
        if self.window.demo_panel is not None:
            self.runtime.add_paper_listener(self.window.demo_panel.show_png)
        self.window.attach_admin(self.runtime.admin)
        speaker = self.runtime.speaker
        self.window.attach_speech(speaker.say, speaker.stop, lambda: speaker.working)
        self.window.attach_help(self.runtime.help)
        if self._started:
            self.runtime.start()

    def show(self) -> None:
        ui = self.config.ui
        screen = self.qapp.primaryScreen()
        offscreen = self.qapp.platformName() in ("offscreen", "minimal")
        if ui.fullscreen and not offscreen and screen is not None:
            # A bare X server has no window manager: place the window on the screen first.
            self.window.setGeometry(screen.geometry())
            self.window.showFullScreen()
        else:
            # The configured panel size, exactly: what the walk-through and the tests see is
            # what a real panel of that size shows.
            self.window.setFixedSize(ui.width_px, ui.height_px)
            self.window.show()

    def start(self) -> None:
        self._started = True
        if self.runtime is not None:
            self.runtime.start()
        self.show()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.runtime is not None:
            self.runtime.stop()
        if self.scheduler is not None:
            self.scheduler.close()
        self.window.close_for_shutdown()
        if self.translations is not None:
            self.translations.uninstall()
        from kiosk.logging_setup import teardown_logging

        teardown_logging()

    def exec(self, before_exit: Callable[[], None] | None = None) -> int:
        self._exit_on_signals()
        self.start()
        try:
            return self.qapp.exec()
        finally:
            if before_exit:
                before_exit()
            self.stop()

    def _exit_on_signals(self) -> None:
        # SIGTERM from the service manager ends the kiosk cleanly (threads joined, devices
        # closed). QApplication.quit() would ask the window, which refuses to close by design.
        import signal

        from PySide6.QtCore import QTimer

        if self.refused:
            # Nothing to shut down cleanly, and the pump's Python calls are what a bad binding
            # cannot afford: let the signals end the process as they do by default.
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, signal.SIG_DFL)
            return
        # The handler posts the exit instead of calling it: a signal that lands while start() is
        # still showing the window (before the event loop runs) would make exit() a no-op and the
        # stop would be lost until the service manager's SIGKILL. A zero timer fires as soon as
        # the loop turns, whether it already runs or is about to.
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: QTimer.singleShot(0, lambda: self.qapp.exit(0)))
        # Python runs signal handlers only between bytecodes: wake it up now and then.
        self._signal_pump = QTimer()
        self._signal_pump.start(250)
        self._signal_pump.timeout.connect(lambda: None)


def save_png(widget, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
