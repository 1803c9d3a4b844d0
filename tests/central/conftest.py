"""Start reference centrals on free 127.0.0.1 ports; every one is stopped at teardown.

Every test that uses ``make_central`` runs twice: on SQLite (a file in tmp_path) and on a real
PostgreSQL (tests/pg.py: a fresh database on a server started once per session)."""

from pathlib import Path

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import RunningCentral, start
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN
from kiosk.api import CentralClient, CentralSettings
from tests.pg import LocalPostgres, postgres_server  # noqa: F401 - the session fixture

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture
def new_db(engine: str, tmp_path: Path, request):
    """A function giving a fresh, empty database of the test's engine on each call."""
    made = [0]

    def _new() -> "Path | str":
        made[0] += 1
        if engine == "sqlite":
            return tmp_path / f"central-{made[0]}.sqlite3"
        server: LocalPostgres = request.getfixturevalue("postgres_server")
        return server.create_database()

    return _new


@pytest.fixture
def make_central(new_db):
    started: list[RunningCentral] = []

    def _make(catalog: Path = DEFAULT_CATALOG, **kwargs) -> RunningCentral:
        kwargs.setdefault("faults_enabled", True)
        running = start(new_db(), catalog, {TEST_TERMINAL: TEST_TOKEN, OTHER_TERMINAL: OTHER_TOKEN}, **kwargs)
        started.append(running)
        return running

    yield _make
    for running in started:
        running.stop()


def dump_tables(central: RunningCentral) -> str:
    """Every row of every table of a running central's database, as text (either engine)."""
    store = central.app.state.store
    with store.read() as conn:
        if conn.dialect == "sqlite":
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()]
        else:
            names = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'").fetchall()]
        lines = [f"table {name}" for name in names]
        for name in names:
            lines += [repr(tuple(row)) for row in conn.execute(f"SELECT * FROM {name}").fetchall()]
    return "\n".join(lines)


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
