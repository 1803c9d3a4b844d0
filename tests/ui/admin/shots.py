"""Render every admin page of a demo kiosk to PNG: ``python -m tests.ui.admin.shots OUT_DIR``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path) -> list[Path]:
    import time

    from PySide6.QtCore import QCoreApplication, QElapsedTimer

    from kiosk.admin.demo_pin import ensure_demo_pins
    from kiosk.admin.toml_edit import write_config_file
    from kiosk.ui.app import KioskApp, save_png
    from launcher.demo import demo_environment

    os.environ.setdefault("ANJUNGAN_DEMO_PIN", "135790")
    os.environ.setdefault("ANJUNGAN_DEMO_STAFF_PIN", "246810")
    written = []

    def spin(ms: int, until=lambda: False) -> None:
        # processEvents(flags, maxtime) crashes PySide 6.12 here (none_dealloc): plain calls.
        clock = QElapsedTimer()
        clock.start()
        while clock.elapsed() < ms and not until():
            QCoreApplication.processEvents()
            time.sleep(0.005)

    with (
        tempfile.TemporaryDirectory() as tmp,
        demo_environment(Path(tmp), ui={"fullscreen": False, "demo_panel": False}) as env,
    ):
        config_path = Path(tmp) / "kiosk.toml"
        write_config_file(env.config, config_path)
        ensure_demo_pins(env.config)
        app = KioskApp(env.config, env.token, config_path=config_path)
        app.start()
        try:
            spin(10_000, lambda: app.runtime.flow.status.catalog is not None)
            admin, panel = app.runtime.admin, app.window.admin_panel
            admin.request("gesture")
            spin(200)
            written.append(save_png(app.window, out / "admin-pin.png"))
            keys = panel.pages["pin"].keypad.keys

            def type_pin(pin: str) -> None:
                for digit in pin + "k":
                    keys["ok" if digit == "k" else digit].click()

            type_pin("000000")
            spin(
                3000,
                lambda: (
                    panel.pages["pin"].keypad.isEnabled()
                    and panel.pages["pin"].message.isVisible()
                    and "…" not in panel.pages["pin"].message.text()
                ),
            )
            written.append(save_png(app.window, out / "admin-pin-wrong.png"))
            type_pin(os.environ["ANJUNGAN_DEMO_PIN"])
            spin(3000, lambda: admin.session is not None)
            spin(200)
            written.append(save_png(app.window, out / "admin-menu.png"))
            for page in ("settings", "services", "closing", "enrol"):
                panel.show_page(page)
                spin(800)
                if page == "settings":
                    panel.pages["settings"].select("idle.answer_s", "5")
                    panel.pages["settings"].save.click()
                    spin(2000, lambda: panel.pages["settings"].message.isVisible())
                written.append(save_png(app.window, out / f"admin-{page}.png"))
            panel.show_page("diagnostics")
            spin(20_000, lambda: not panel.pages["diagnostics"].running)
            spin(300)
            written.append(save_png(app.window, out / "admin-diagnostics.png"))
        finally:
            app.stop()
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/admin")):
        print(path)
