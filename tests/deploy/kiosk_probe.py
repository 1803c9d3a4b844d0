"""The real kiosk (demo environment: reference central on 127.0.0.1, virtual printer) with the
watchdog and crash guard wired as KioskApp will wire them, plus two test-only hooks:

- once the window is painted, and after every resize, one JSON line on stdout: window and screen
  geometry, platform, and what the crash guard says about the previous run;
- SIGUSR1 freezes the GUI thread (a handler that sleeps on it), as a hung slot would.

Run: python tests/deploy/kiosk_probe.py   (under cage, or offscreen)
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from PySide6.QtCore import QEvent, QObject

    from kiosk.runtime import crash
    from kiosk.ui.app import KioskApp
    from kiosk.ui.watchdog_qt import attach_watchdog
    from launcher.demo import demo_environment

    # Crash markers must outlive one run to be seen by the next: the test passes a folder.
    data_dir = Path(os.environ.get("ANJUNGAN_PROBE_DATA") or tempfile.mkdtemp(prefix="anjungan-probe-data-"))
    with tempfile.TemporaryDirectory(prefix="anjungan-probe-") as tmp:
        with demo_environment(Path(tmp), ui={"demo_panel": False}) as env:
            app = KioskApp(env.config, env.token)
            guard = crash.install(data_dir, on_fatal=lambda: app.qapp.exit(70))
            watchdog = attach_watchdog(app.qapp, app.window)

            def report(event: str = "shown") -> None:
                win, screen = app.window, app.qapp.primaryScreen()
                print(
                    json.dumps(
                        {
                            "event": event,
                            "pid": os.getpid(),
                            "uid": os.getuid(),
                            "platform": app.qapp.platformName(),
                            "window": [win.x(), win.y(), win.width(), win.height()],
                            "screen": list(screen.geometry().getRect()) if screen else None,
                            "fullscreen": win.isFullScreen(),
                            "pings": watchdog.watchdog.pings_sent,
                            "recovered": guard.previous.describe() if guard.previous else None,
                        }
                    ),
                    flush=True,
                )

            class Resized(QObject):
                def eventFilter(self, watched, event):
                    if event.type() == QEvent.Type.Resize:
                        report("resized")
                    return False

            resized = Resized()
            app.window.installEventFilter(resized)

            def freeze(*_):
                print(json.dumps({"event": "freezing"}), flush=True)
                time.sleep(3600)

            app.window.first_frame.connect(lambda: report())
            signal.signal(signal.SIGUSR1, freeze)
            try:
                return app.exec(before_exit=watchdog.stop)
            finally:
                guard.clean_exit()


if __name__ == "__main__":
    sys.exit(main())
