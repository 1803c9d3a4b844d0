"""Run the central app with uvicorn on a background thread, on 127.0.0.1.

Used by the demo command, by tests and by ``python main.py central``. We bind the socket
ourselves, so ``port=0`` gives a free port that is known before the server starts.
"""

from __future__ import annotations

import logging
import secrets
import socket
import threading
from pathlib import Path
from typing import Any

import uvicorn

from central.app import create_app
from central.faults import FAULT_TOKENS, is_loopback
from central.http_protocol import OneSendHttpProtocol

log = logging.getLogger(__name__)


class RunningCentral:
    """A started central; ``.url`` to talk to it, ``.stop()`` (or ``with``) to shut it down."""

    def __init__(
        self,
        server: uvicorn.Server,
        thread: threading.Thread,
        sock: socket.socket,
        url: str,
        app: Any,
        faults_token: str | None = None,
    ) -> None:
        self._server = server
        self._thread = thread
        self._sock = sock
        self.url = url
        self.app = app
        self.faults_token = faults_token  # bearer token of /__faults__ (None: switches off)

    @property
    def port(self) -> int:
        return self._sock.getsockname()[1]

    def stop(self, timeout: float = 10.0) -> None:
        """Ask uvicorn to exit, join its thread, close the listening socket."""
        self.app.state.live_hub.stop()  # end the live streams: uvicorn would wait for them
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout)
        self._sock.close()
        FAULT_TOKENS.pop(self.url, None)
        if self._thread.is_alive():
            raise RuntimeError("central server thread did not stop")
        self.app.state.store.close()  # the lifespan closed it unless uvicorn was forced out; twice is harmless

    def __enter__(self) -> RunningCentral:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(
    db_path: Path | str,
    catalog_path: Path | list[Path] | tuple[Path, ...],
    terminals: dict[str, Any],
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    public_url: str | None = None,
    faults_enabled: bool = False,
    reservation_ttl_s: int = 120,
    clock: Any = None,
    enrolment_codes: list[str] | None = None,
    payment_ttl_s: int = 300,
    payment_autopay_s: float | None = None,
    enforce_hours: bool = False,
    ssl_certfile: Path | None = None,
    ssl_keyfile: Path | None = None,
    access_log: bool = False,
    startup_timeout_s: float = 10.0,
    migrate_schema: bool = True,
    faults_token: str | None = None,
) -> RunningCentral:
    """Bind ``host:port`` (0 = any free port), start serving on a thread, return when ready.
    ``db_path``: a SQLite file or a database URL (``postgresql://…``); ``catalog_path``: one
    catalogue per site, the first the default site; ``terminals``: id -> token (default site) or
    {"token", "site"}.

    ``faults_enabled`` (tests, demo) needs a loopback ``host``; the switches' token is
    ``faults_token`` or one made up for this run (``RunningCentral.faults_token``)."""
    if faults_enabled and not is_loopback(host):
        raise ValueError("fault switches are a test/demo mode: bind the central to 127.0.0.1 to use them")
    if faults_enabled and not faults_token:
        faults_token = secrets.token_urlsafe(24)
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted sockets only when the
    # listening socket says IPPROTO_TCP. With proto 0, h11's separate header/body writes meet
    # Nagle + delayed ACK and every answer takes ~44 ms on loopback instead of ~2 ms.
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    bound_port = sock.getsockname()[1]
    scheme = "https" if ssl_certfile else "http"
    url = f"{scheme}://{host}:{bound_port}"
    app = create_app(
        db_path,
        catalog_path,
        terminals,
        public_url or url,
        faults_enabled=faults_enabled,
        reservation_ttl_s=reservation_ttl_s,
        clock=clock,
        enrolment_codes=enrolment_codes,
        payment_ttl_s=payment_ttl_s,
        payment_autopay_s=payment_autopay_s,
        enforce_hours=enforce_hours,
        migrate_schema=migrate_schema,
        faults_token=faults_token if faults_enabled else None,
    )
    config = uvicorn.Config(
        # log_config=None: leave the host process's logging alone (uvicorn's loggers propagate).
        app,
        log_config=None,
        log_level="warning",
        access_log=access_log,
        proxy_headers=False,
        timeout_graceful_shutdown=2,
        # On, as in production (central.cli): the lifespan opens PostgreSQL's asyncio pool in
        # this server's loop, so tests and the demo take the same hot path as a deployed central.
        lifespan="on",
        http=OneSendHttpProtocol,
        ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
        ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
    )
    server = uvicorn.Server(config)
    # Off the main thread uvicorn installs no signal handlers; stop() sets should_exit instead.
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="central-uvicorn", daemon=True)
    thread.start()
    started = threading.Event()

    def wait_started() -> bool:
        for _ in range(int(startup_timeout_s / 0.01)):
            if server.started:
                return True
            if not thread.is_alive():
                return False
            started.wait(0.01)
        return False

    if not wait_started():
        server.should_exit = True
        thread.join(5)
        sock.close()
        raise RuntimeError(f"central did not start on {url}")
    log.info("central listening on %s", url)
    if faults_enabled:
        FAULT_TOKENS[url] = faults_token  # type: ignore[assignment]
    return RunningCentral(server, thread, sock, url, app, faults_token if faults_enabled else None)


def start_demo(
    db_path: Path, *, port: int = 0, faults_enabled: bool = False, payment_autopay_s: float | None = 5.0
) -> RunningCentral:
    """The demo central: the two demo sites (Bandung, the default, and Badung) with their
    enrolment codes, one demo terminal of the first with a token made up for this run
    (``.terminals``: nothing secret in the repository), QRIS payments paid after 5 s.
    ``faults_enabled``: the fault switches too (on loopback, behind ``.faults_token``)."""
    from central.cli import DEMO_CATALOGS

    terminals = {"kiosk-demo-01": secrets.token_urlsafe(24)}
    running = start(
        db_path,
        DEMO_CATALOGS,
        terminals,
        port=port,
        faults_enabled=faults_enabled,
        payment_autopay_s=payment_autopay_s,
    )
    running.terminals = terminals
    return running
