"""The reference central in a child process, for benchmarks that measure the kiosk's own memory
(the soak): in-process, its database cache, request counters and payments would count as the
kiosk's RSS. Same set-up as ``launcher.demo.demo_environment`` otherwise (demo config and
catalogue, a fresh token, faults on, 127.0.0.1 only).

``add_booking(code, service_id)`` books a slot starting now, through the child's booking desk.
"""

from __future__ import annotations

import multiprocessing
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from launcher.demo import CATALOG, DEMO_CONFIG, with_changes


def _serve(db_path: str, terminal_id: str, token: str, conn) -> None:
    from central.server import start

    running = start(Path(db_path), CATALOG, {terminal_id: token}, faults_enabled=True)
    conn.send((running.url, running.faults_token))
    try:
        while True:
            command = conn.recv()
            if command[0] == "stop":
                break
            if command[0] == "book":
                desk = running.app.state.bookings
                desk.add(command[1], command[2], desk.desk.now())
                conn.send("ok")
            elif command[0] == "rss":
                with open("/proc/self/statm", encoding="ascii") as f:
                    conn.send(int(f.read().split()[1]) * 4096)
    finally:
        running.stop()


class CentralProcess:
    def __init__(self, url: str, conn, process) -> None:
        self.url = url
        self._conn = conn
        self._process = process

    def add_booking(self, code: str, service_id: str) -> None:
        self._conn.send(("book", code, service_id))
        if self._conn.recv() != "ok":
            raise RuntimeError("the central did not store the booking")

    def rss(self) -> int:
        self._conn.send(("rss",))
        return int(self._conn.recv())


@contextmanager
def central_process(workdir: Path, **config_changes) -> Iterator[tuple[object, str, CentralProcess]]:
    """Yields (kiosk config, token, central)."""
    from kiosk.config.loader import load_config

    workdir.mkdir(parents=True, exist_ok=True)
    base = load_config(DEMO_CONFIG)
    token = secrets.token_urlsafe(24)
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no Qt state inherited
    ours, theirs = ctx.Pipe()
    process = ctx.Process(
        target=_serve,
        args=(str(workdir / "central.sqlite3"), base.central.terminal_id, token, theirs),
        name="bench-central",
        daemon=True,
    )
    process.start()
    try:
        if not ours.poll(30):
            raise RuntimeError("the central process did not start")
        url, faults_token = ours.recv()
        # The fault switches (the demo bank's "pay") need the run's token; Faults(url) looks it up
        # here, as it would for a central in this process.
        from central.faults import FAULT_TOKENS

        FAULT_TOKENS[url] = faults_token
        central = CentralProcess(url, ours, process)
        changes = dict(config_changes)
        config = with_changes(
            base,
            central={"base_url": central.url, **changes.pop("central", {})},
            data={"directory": workdir / "kiosk"},
            **changes,
        )
        yield config, token, central
    finally:
        try:
            ours.send(("stop",))
        except OSError:
            pass
        process.join(15)
        if process.is_alive():
            process.terminate()
            process.join(5)
