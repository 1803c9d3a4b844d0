"""A real PostgreSQL for tests and benchmarks: Debian's ``postgresql`` package, a cluster made
with ``initdb`` in a temporary folder, listening on 127.0.0.1 and a free port, stopped by its
process id. PostgreSQL refuses to run as root: as root the server runs as ``nobody`` (setpriv,
which execs, so the id we hold is the postmaster's own).

``LocalPostgres().start()`` -> ``.create_database()`` gives a fresh ``postgresql://`` URL per
test; ``.stop()`` (or ``with``) ends the server and removes the folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
USER = "anjungan"


class PostgresUnavailable(RuntimeError):
    pass


def _bin(name: str) -> str:
    for d in PG_BIN_DIRS:
        if (d / name).exists():
            return str(d / name)
    found = shutil.which(name)
    if found is None:
        raise PostgresUnavailable(f"{name} not found: install Debian's postgresql (scripts/setup.sh)")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalPostgres:
    def __init__(self, *, durable: bool = False, max_connections: int = 120) -> None:
        """``durable=False`` (tests): fsync off, a crash may lose data, which a test never
        needs. The benchmark passes True: commits wait for the disk as in production."""
        self.durable = durable
        self.max_connections = max_connections
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.dir = Path(tempfile.mkdtemp(prefix="anjungan-pg-"))
        self._n = 0

    def _as_owner(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]

    def start(self, timeout_s: float = 30.0) -> LocalPostgres:
        data, sock = self.dir / "data", self.dir / "sock"
        sock.mkdir()
        if os.geteuid() == 0:
            os.chmod(self.dir, 0o755)
            shutil.chown(self.dir, "nobody", "nogroup")
            shutil.chown(sock, "nobody", "nogroup")
        env = {**os.environ, "HOME": str(self.dir), "LC_ALL": "C"}
        subprocess.run(
            [
                *self._as_owner(),
                _bin("initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            env=env,
            timeout=120,
        )
        self.port = _free_port()
        opts = [
            "-c",
            f"max_connections={self.max_connections}",
            "-c",
            "shared_buffers=128MB",
            "-c",
            "log_min_messages=warning",
            "-c",
            "logging_collector=off",
        ]
        if not self.durable:
            opts += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        log = open(self.dir / "postgres.log", "wb")
        self.proc = subprocess.Popen(
            [
                *self._as_owner(),
                _bin("postgres"),
                "-D",
                str(data),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-k",
                str(sock),
                *opts,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        log.close()
        deadline = time.monotonic() + timeout_s
        import psycopg

        while True:
            try:
                psycopg.connect(self.url("postgres"), connect_timeout=2).close()
                return self
            except psycopg.OperationalError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    tail = (self.dir / "postgres.log").read_text(errors="replace")[-800:]
                    self.stop()
                    raise PostgresUnavailable(f"postgres did not start: {tail}") from None
                time.sleep(0.1)

    def url(self, database: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        import psycopg

        self._n += 1
        name = name or f"t{self._n}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Fast shutdown (SIGINT) of the postmaster by its pid; SIGKILL if it hangs."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL for the session (started only if a test asks for it)."""
    try:
        server = LocalPostgres().start()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: LocalPostgres) -> str:
    """A fresh, empty database on the session's server."""
    return postgres_server.create_database()
