"""A real reference central on a free 127.0.0.1 port, with a clock the tests set by hand."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import RunningCentral, start
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN, SettableClock
from kiosk.api import CentralClient, CentralSettings

WIB = ZoneInfo("Asia/Jakarta")
# 10:07 WIB on a Wednesday: the demo bookings are placed around it when the central starts.
START = datetime(2026, 11, 25, 10, 7, tzinfo=WIB)


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(START)


@pytest.fixture
def central(tmp_path: Path, clock: SettableClock):
    running = start(
        tmp_path / "central.sqlite3",
        DEFAULT_CATALOG,
        {TEST_TERMINAL: TEST_TOKEN, OTHER_TERMINAL: OTHER_TOKEN},
        clock=clock,
    )
    yield running
    running.stop()


@pytest.fixture
def make_client(central: RunningCentral):
    made: list[CentralClient] = []

    def _make(terminal: str = TEST_TERMINAL, token: str = TEST_TOKEN, **kw) -> CentralClient:
        kw.setdefault("backoff_s", 0.01)
        c = CentralClient(CentralSettings(base_url=central.url, terminal_id=terminal, **kw), token)
        made.append(c)
        return c

    yield _make
    for c in made:
        c.close()
