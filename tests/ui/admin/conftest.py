"""A running demo kiosk with a config file staff can edit and known PINs (hashes only on disk)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.admin.demo_pin import ensure_demo_pins
from kiosk.admin.toml_edit import write_config_file
from launcher.demo import demo_environment

STAFF_PIN = "246810"
TECH_PIN = "135790"


@pytest.fixture
def admin_env(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ANJUNGAN_DEMO_PIN", TECH_PIN)
    monkeypatch.setenv("ANJUNGAN_DEMO_STAFF_PIN", STAFF_PIN)
    with demo_environment(tmp_path, ui={"fullscreen": False, "demo_panel": False}) as env:
        config_path = tmp_path / "kiosk.toml"
        write_config_file(env.config, config_path)
        ensure_demo_pins(env.config)
        yield env, config_path


@pytest.fixture
def admin_kiosk(qtbot, admin_env):
    from kiosk.ui.app import KioskApp

    env, config_path = admin_env
    app = KioskApp(env.config, env.token, config_path=config_path)
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitUntil(lambda: app.runtime.flow.status.catalog is not None, timeout=10_000)
    qtbot.waitUntil(lambda: app.runtime.flow.status.printer != "unknown", timeout=10_000)
    yield app
    app.stop()
