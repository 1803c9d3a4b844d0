"""The start-up guard (issue 20): a Qt binding that loses references is refused before the welcome
screen, with a clear log line and a still out-of-service page; a sound one starts as before."""

from __future__ import annotations

import json

from kiosk.diagnostics.binding import BindingReport
from kiosk.ui.app import KioskApp
from kiosk.ui.binding_check import measure
from kiosk.ui.out_of_service import OutOfServiceWindow
from launcher.demo import demo_environment

# What PySide6 6.12.0 on CPython 3.11.7 measured with the start-up count of calls (64 of each).
LOSING = BindingReport(
    python="3.11.7",
    binding="PySide6 6.12.0",
    calls=64,
    losses={
        "void_setters": {"None": 255, "True": 0, "False": 0},
        "click_into_slot": {"None": 63, "True": 0, "False": 0},
        "queued_signal": {"None": 0, "True": 64, "False": 0},
        "timer_firing": {"None": 65, "True": 0, "False": 0},
        "process_events": {"None": 63, "True": 0, "False": 0},
    },
    immortal={"None": False, "True": False, "False": False},
)


def _log_lines(data_dir) -> list[dict]:
    path = data_dir / "logs" / "kiosk.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_kiosk_refuses_exactly_when_this_binding_loses_references(qtbot, tmp_path):
    # The real measurement on the interpreter and binding the tests run on.
    with demo_environment(tmp_path, ui={"fullscreen": False}) as env:
        app = KioskApp(env.config, env.token, defer_services=True)
        qtbot.addWidget(app.window)
        try:
            assert app.refused is measure().loses_references
            assert app.binding.calls == 64 and set(app.binding.made.values()) <= {64}
            if app.refused:
                assert isinstance(app.window, OutOfServiceWindow) and app.runtime is None
            else:
                assert app.flow is not None and not isinstance(app.window, OutOfServiceWindow)
        finally:
            app.stop()


def test_a_losing_binding_gets_the_out_of_service_page_and_a_log_line(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(KioskApp, "_check_binding", staticmethod(lambda: LOSING))
    with demo_environment(tmp_path, ui={"fullscreen": False}) as env:
        app = KioskApp(env.config, env.token, defer_services=True)
        qtbot.addWidget(app.window)
        painted = []
        app.window.first_frame.connect(lambda: painted.append(True))
        app.start()
        try:
            qtbot.waitUntil(lambda: bool(painted), timeout=5_000)
            assert app.refused and app.flow is None and app.runtime is None
            assert isinstance(app.window, OutOfServiceWindow) and app.window.isVisible()
            assert "tidak dapat digunakan" in app.window.title.text()
            assert "out of service" in app.window.lead.text()
            qtbot.wait(100)
            assert app.runtime is None  # no services were built after the first frame either
            app.window.grab().save(str(tmp_path / "out-of-service.png"))
            lines = [r for r in _log_lines(env.config.data.directory) if r.get("level") == "CRITICAL"]
            assert len(lines) == 1, lines
            assert (
                "Qt binding PySide6 6.12.0 on Python 3.11.7 loses references: install the pinned version"
                in lines[0]["msg"]
            )
            assert "void_setters" in lines[0]["msg"] and "queued_signal" in lines[0]["msg"]
        finally:
            app.stop()
        assert not app.window.isVisible()
