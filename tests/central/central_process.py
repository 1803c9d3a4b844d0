"""The central as real worker processes (``python -m central --workers N``) on a free 127.0.0.1
port, stopped by the supervisor's process id; ``stop()`` checks every worker is gone too."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class CentralProcess:
    def __init__(
        self,
        db: str,
        workdir: Path,
        terminals: dict[str, str],
        *,
        workers: int = 4,
        extra: list[str] | None = None,
        port: int | None = None,
    ) -> None:
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        tokens = workdir / "terminals.json"
        tokens.write_text(json.dumps(terminals), encoding="utf-8")
        os.chmod(tokens, 0o600)
        self.log_path = workdir / f"central-{self.port}.log"
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "central",
                "--db",
                db,
                "--port",
                str(self.port),
                "--workers",
                str(workers),
                "--terminals",
                str(tokens),
                "--log-format",
                "json",
                *(extra or []),
            ],
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.worker_pids: list[int] = []

    def wait_ready(self, timeout_s: float = 60.0) -> CentralProcess:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"central exited: {self.log_path.read_text(errors='replace')[-1500:]}")
            try:
                if requests.get(self.url + "/readyz", timeout=2).status_code == 200:
                    self.worker_pids = _children(self.proc.pid)
                    needed = self.workers if self.workers > 1 else 0  # 1 worker: served in-process
                    if len([p for p in self.worker_pids if _alive(p)]) >= needed:
                        return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("central did not become ready")

    def stop(self, timeout_s: float = 30.0) -> int:
        """SIGTERM to the supervisor (graceful), SIGKILL if it hangs; returns its exit code."""
        pids = set(self.worker_pids) | set(_children(self.proc.pid))
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in pids:  # only our own workers, by id
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        self._log.close()
        leftover = [p for p in pids if _alive(p)]
        if leftover:
            raise RuntimeError(f"central workers still running: {leftover}")
        return self.proc.returncode

    def __enter__(self) -> CentralProcess:
        return self.wait_ready()

    def __exit__(self, *exc: object) -> None:
        self.stop()
