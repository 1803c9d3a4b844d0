"""Start reference centrals on free 127.0.0.1 ports; every one is stopped at teardown."""

from pathlib import Path

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import RunningCentral, start
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN
from kiosk.api import CentralClient, CentralSettings


@pytest.fixture
def make_central(tmp_path: Path):
    started: list[RunningCentral] = []

    def _make(catalog: Path = DEFAULT_CATALOG, **kwargs) -> RunningCentral:
        kwargs.setdefault("faults_enabled", True)
        db = tmp_path / f"central-{len(started)}.sqlite3"
        running = start(db, catalog, {TEST_TERMINAL: TEST_TOKEN, OTHER_TERMINAL: OTHER_TOKEN}, **kwargs)
        started.append(running)
        return running

    yield _make
    for running in started:
        running.stop()


def client_for(central: RunningCentral, terminal: str = TEST_TERMINAL, token: str = TEST_TOKEN) -> CentralClient:
    settings = CentralSettings(base_url=central.url, terminal_id=terminal, backoff_s=0.01)
    return CentralClient(settings, token)


@pytest.fixture
def client_factory():
    clients: list[CentralClient] = []

    def _make(central: RunningCentral, terminal: str = TEST_TERMINAL, token: str = TEST_TOKEN) -> CentralClient:
        c = client_for(central, terminal, token)
        clients.append(c)
        return c

    yield _make
    for c in clients:
        c.close()
