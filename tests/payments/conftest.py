"""A reference central on 127.0.0.1 per test, stopped at teardown."""

from __future__ import annotations

from pathlib import Path

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import start

from .harness import Kiosk

TERMINAL, TOKEN = "DEMO-01", "payments-test-token-0123456789"


@pytest.fixture
def central(tmp_path: Path):
    running = start(tmp_path / "central.sqlite3", DEFAULT_CATALOG, {TERMINAL: TOKEN}, faults_enabled=True)
    yield running
    running.stop()


@pytest.fixture
def kiosk(central, tmp_path: Path) -> Kiosk:
    return Kiosk(central.url, TOKEN, tmp_path, tmp_path / "central.sqlite3")
