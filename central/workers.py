"""``main.py central --workers N``: N worker processes on one port, each with its own listening
socket (SO_REUSEPORT), restarted if one dies, stopped together on SIGTERM/SIGINT.

Why not uvicorn's own ``--workers``: it shares ONE listening socket between the workers, and the
worker that wakes first takes every connection waiting. Kiosks, counters and a TLS proxy hold
keep-alive connections for hours, so whatever was taken at start stays put: measured with the
fleet bench (50 terminals connecting at once, 4 workers) the workers held 25, 16, 12 and 1
connections, and the busiest one set the queue for half the hall while another idled. With a
socket per worker the kernel spreads connections by their addresses' hash, independent of timing.
Linux lets only processes of the same user join a port's SO_REUSEPORT group.

The parent keeps a bound, never-listening socket on the port from start to stop: it claims the
port before any worker starts (so a port in use fails at once, with a clear message) and tells
the workers the real port when asked for port 0.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import time
from typing import Any

import uvicorn

log = logging.getLogger(__name__)

RESTART_PAUSE_S = 1.0  # a worker that keeps dying at start is restarted at most once a second


def reuseport_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _worker(host: str, port: int, log_format: str, uvicorn_kwargs: dict[str, Any]) -> None:
    """One worker process: its own listening socket, then uvicorn until SIGTERM/SIGINT (graceful)."""
    from central.logs import configure

    configure(log_format)
    sock = reuseport_socket(host, port)
    config = uvicorn.Config("central.cli:app_from_env", factory=True, host=host, port=port, **uvicorn_kwargs)
    uvicorn.Server(config).run(sockets=[sock])


class WorkerSupervisor:
    def __init__(self, host: str, port: int, workers: int, log_format: str, uvicorn_kwargs: dict[str, Any]) -> None:
        self.host = host
        self.claim = reuseport_socket(host, port)
        self.port = self.claim.getsockname()[1]
        self.workers = workers
        self.args = (host, self.port, log_format, uvicorn_kwargs)
        self.ctx = multiprocessing.get_context("spawn")
        self.procs: list[Any] = []
        self.stopping = False

    def _start_one(self) -> Any:
        proc = self.ctx.Process(target=_worker, args=self.args, name="central-worker")
        proc.start()
        return proc

    def _stop(self, signum: int, _frame: Any) -> None:
        self.stopping = True
        for proc in self.procs:
            if proc.is_alive() and proc.pid is not None:
                os.kill(proc.pid, signal.SIGTERM)  # each finishes its requests in flight

    def run(self) -> int:
        """Serve until SIGTERM/SIGINT; 0 when every worker stopped cleanly."""
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self.procs = [self._start_one() for _ in range(self.workers)]
            log.info("central: %d workers on port %d, one listening socket each", self.workers, self.port)
            while True:
                multiprocessing.connection.wait([p.sentinel for p in self.procs], timeout=1.0)
                if self.stopping:
                    break
                for i, proc in enumerate(self.procs):
                    if not proc.is_alive():
                        log.error("central worker %s ended (status %s); starting another", proc.pid, proc.exitcode)
                        time.sleep(RESTART_PAUSE_S)
                        if self.stopping:
                            break
                        self.procs[i] = self._start_one()
            for proc in self.procs:
                proc.join()
            failed = [p.exitcode for p in self.procs if p.exitcode not in (0, -signal.SIGTERM)]
            return 1 if failed else 0
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.claim.close()
