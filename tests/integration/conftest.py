"""A running kiosk against the real reference central service on loopback, virtual printer."""

from __future__ import annotations

from pathlib import Path

import pytest

from launcher.demo import demo_environment


@pytest.fixture
def demo_env(tmp_path: Path):
    # Speech to files: the real espeak-ng runs, and a test can see what it produced.
    speech = {"backend": "wav_dir", "wav_dir": str(tmp_path / "speech")}
    with demo_environment(tmp_path, ui={"fullscreen": False}, speech=speech) as env:
        yield env


@pytest.fixture
def kiosk(qtbot, demo_env):
    from kiosk.ui.app import KioskApp

    app = KioskApp(demo_env.config, demo_env.token)
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitUntil(lambda: app.runtime.flow.status.catalog is not None, timeout=10_000)
    qtbot.waitUntil(lambda: app.runtime.flow.status.printer != "unknown", timeout=10_000)
    yield app
    app.stop()
