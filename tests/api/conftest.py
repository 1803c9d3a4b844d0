"""A real reference central on a free 127.0.0.1 port per test, with fault injection on."""

from pathlib import Path

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import RunningCentral, start
from central.testing import OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN, Faults
from kiosk.api import CentralClient, CentralSettings


@pytest.fixture
def central(tmp_path: Path):
    running = start(
        tmp_path / "central.sqlite3",
        DEFAULT_CATALOG,
        {TEST_TERMINAL: TEST_TOKEN, "kiosk-other": OTHER_TOKEN},
        faults_enabled=True,
    )
    yield running
    running.stop()


@pytest.fixture
def faults(central: RunningCentral) -> Faults:
    return Faults(central.url)


@pytest.fixture
def settings(central: RunningCentral) -> CentralSettings:
    # Short backoff and read timeout keep the fault tests quick; retries stay at the default 3.
    return CentralSettings(
        base_url=central.url,
        terminal_id=TEST_TERMINAL,
        backoff_s=0.01,
        read_timeout_s=0.5,
        connect_timeout_s=1.0,
    )


@pytest.fixture
def client(settings: CentralSettings):
    c = CentralClient(settings, TEST_TOKEN)
    yield c
    c.close()
