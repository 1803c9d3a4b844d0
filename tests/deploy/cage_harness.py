"""deploy/run-kiosk.sh under cage's headless wlroots backend, for the tests.

cage refuses to run with the power to regain root (it checks that setuid(0) fails), and CI runs
as root. As root we therefore start the script in a new user namespace where we are uid 1000 with
no capabilities (`unshare --user --map-user=1000`): cage is satisfied, and files keep their real
owner outside, so the virtualenv under /root stays readable. Containers and chroots refuse new
user namespaces (EPERM); there `setpriv` makes us really uid 1000 instead, without CAP_SETUID or
CAP_SETGID, keeping only CAP_DAC_OVERRIDE so that the checkout, the virtualenv and pytest's 0700
temporary folders stay readable as before. On a kiosk the unit's User=kiosk does the same job.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN_KIOSK = ROOT / "deploy" / "run-kiosk.sh"
PROBE = ROOT / "tests" / "deploy" / "kiosk_probe.py"


KIOSK_UID = 1000
UNSHARE = ["unshare", "--user", f"--map-user={KIOSK_UID}", f"--map-group={KIOSK_UID}"]
SETPRIV = [
    "setpriv",
    f"--reuid={KIOSK_UID}",
    f"--regid={KIOSK_UID}",
    "--clear-groups",
    "--inh-caps=-all,+dac_override",
    "--ambient-caps=+dac_override",
    "--bounding-set=-all,+dac_override",
]


@cache
def drop_root() -> list[str]:
    """The command prefix that runs run-kiosk.sh as uid 1000 unable to become root again."""
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare"):
        probe = subprocess.run([*UNSHARE, "true"], capture_output=True, timeout=10)
        if probe.returncode == 0:
            return UNSHARE
    return SETPRIV


def missing_tools() -> list[str]:
    tools = ["cage", "Xwayland", "grim"]
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if drop_root() and shutil.which(drop_root()[0]) is None:
        missing.append(drop_root()[0])
    return missing


class KioskUnderCage:
    """One run of run-kiosk.sh with the probe kiosk; JSON lines from the probe arrive in ``events``."""

    def __init__(
        self, workdir: Path, data_dir: Path, extra_env: dict[str, str] | None = None, command: list[str] | None = None
    ) -> None:
        self.runtime_dir = workdir / "xdg"
        self.runtime_dir.mkdir(mode=0o700, exist_ok=True)
        os.chmod(self.runtime_dir, 0o700)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND_", "NOTIFY_", "WATCHDOG_"))}
        env.update(
            {
                "XDG_RUNTIME_DIR": str(self.runtime_dir),
                "WLR_BACKENDS": "headless",
                "WLR_LIBINPUT_NO_DEVICES": "1",
                "WLR_RENDERER": "pixman",
                "ANJUNGAN_PROBE_DATA": str(data_dir),
                "PYTHONUNBUFFERED": "1",
                "TMPDIR": str(workdir),
            }
        )
        env.update(extra_env or {})
        self.drop_root = drop_root()
        if self.drop_root == SETPRIV:
            # Really uid 1000 now: the runtime folder must be its own (Qt and wlroots check).
            os.chown(self.runtime_dir, KIOSK_UID, KIOSK_UID)
        argv = [*self.drop_root, str(RUN_KIOSK), "--", *(command or [sys.executable, str(PROBE)])]
        self.log_path = workdir / "run-kiosk.log"
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=self._log, start_new_session=True
        )
        self.events: queue.Queue[dict] = queue.Queue()
        self._reader = threading.Thread(target=self._read, name="probe-stdout", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            try:
                self.events.put(json.loads(line))
            except ValueError:
                pass  # the demo prints plain lines too

    def next_event(self, kind: str | None = None, timeout: float = 60.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {kind or 'probe'} event in {timeout} s; log:\n{self.log_tail()}")
            try:
                event = self.events.get(timeout=min(left, 1.0))
            except queue.Empty:
                if self.proc.poll() is not None and self.events.empty():
                    raise AssertionError(f"run-kiosk.sh ended ({self.proc.returncode}):\n{self.log_tail()}") from None
                continue
            if kind is None or event.get("event") == kind:
                return event

    def wait_for(self, predicate, timeout: float = 60.0) -> dict:
        """The first probe event (shown or resized) for which ``predicate`` holds."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = self.next_event(timeout=max(0.1, deadline - time.monotonic()))
            except AssertionError:
                break
            if predicate(last):
                return last
        raise AssertionError(f"no probe event matched; last was {last}\n{self.log_tail()}")

    def wayland_socket(self) -> str:
        names = sorted(p.name for p in self.runtime_dir.glob("wayland-*") if not p.name.endswith(".lock"))
        assert names, f"cage made no Wayland socket in {self.runtime_dir}"
        return names[0]

    def screenshot(self, path: Path) -> Path:
        env = dict(os.environ, XDG_RUNTIME_DIR=str(self.runtime_dir), WAYLAND_DISPLAY=self.wayland_socket())
        subprocess.run(["grim", str(path)], env=env, check=True, timeout=30, capture_output=True)
        return path

    def log_tail(self, lines: int = 30) -> str:
        self._log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(line for line in text if "Basic output test failed" not in line)[-4000:]

    def terminate(self, timeout: float = 30.0) -> int:
        """SIGTERM to run-kiosk.sh only, as systemd does with KillMode=mixed; its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        finally:
            self.close()

    def close(self) -> None:
        # Whatever is left of this run (cage, the kiosk) is in our session: end it by its id.
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(30)
        else:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self._reader.join(10)
        self._log.close()


def notify_socket(path: Path) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    os.chmod(path, 0o777)
    return sock
