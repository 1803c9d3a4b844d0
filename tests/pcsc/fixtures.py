"""pytest fixture: a private pcscd with the vpcd virtual reader, on loopback only.

* Debian's vsmartcard-vpcd ships ``/etc/reader.conf.d/vpcd`` (2 slots, ports 35963/35964,
  listening on every interface). We run ``pcscd --foreground -c <tmp dir>`` with our own
  reader.conf on a free port pair, so the machine's configuration is left alone, and we preload
  ``bind_loopback.c`` so vpcd's listening sockets bind to 127.0.0.1 only.
* pcsc-lite 1.9 has one fixed client socket (/run/pcscd/pcscd.comm), so only one pcscd can run.
  If one is already running that we did not start (socket-activated by systemd, say), we refuse
  with a clear message rather than stop somebody else's daemon.
* Everything we start is stopped by PID: pcscd at the end of the session, and virtual cards
  by ``remove()``.

Use from a conftest: ``from tests.pcsc.fixtures import pcsc_stack  # noqa: F401``.
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

from tests.pcsc.vpcd import HOST, CardLink, VirtualCard

HERE = Path(__file__).resolve().parent
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
PID_FILE = Path("/run/pcscd/pcscd.pid")
DEFAULT_PORT = 35963
READER_PREFIX = "Virtual PCD"


class PcscUnavailable(RuntimeError):
    pass


def _pair_free(port: int) -> bool:
    for p in (port, port + 1):
        with socket.socket() as s:
            try:
                s.bind((HOST, p))
            except OSError:
                return False
    return True


def _pick_port() -> int:
    if _pair_free(DEFAULT_PORT):
        return DEFAULT_PORT
    for port in range(24000, 24400, 2):  # below the ephemeral range
        if _pair_free(port):
            return port
    raise PcscUnavailable("no free loopback port pair for vpcd")


def _foreign_pcscd() -> int | None:
    try:
        pid = int(PID_FILE.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    try:  # a zombie left by an earlier run does not count
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
        if state == "Z":
            return None
    except (OSError, IndexError):
        pass
    return pid


def build_shim(out_dir: Path) -> Path:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise PcscUnavailable("a C compiler is needed to build the loopback shim (apt gcc)")
    out = out_dir / "bind_loopback.so"
    subprocess.run(
        [cc, "-shared", "-fPIC", "-O2", "-o", str(out), str(HERE / "bind_loopback.c"), "-ldl"],
        check=True,
        capture_output=True,
    )
    return out


class PcscStack:
    """A pcscd process with vpcd's two slots, plus helpers to insert virtual cards."""

    def __init__(self, workdir: Path) -> None:
        pcscd = shutil.which("pcscd") or "/usr/sbin/pcscd"
        if not Path(pcscd).exists():
            raise PcscUnavailable("pcscd not installed (apt pcscd)")
        if not VPCD_DRIVER.exists():
            raise PcscUnavailable("vpcd driver not installed (apt vsmartcard-vpcd)")
        self.pcscd = pcscd
        self.workdir = workdir
        self.port = _pick_port()
        self.shim = build_shim(workdir)
        self.conf_with = workdir / "conf-vpcd"
        self.conf_without = workdir / "conf-empty"
        self.conf_with.mkdir(exist_ok=True)
        self.conf_without.mkdir(exist_ok=True)
        (self.conf_with / "vpcd").write_text(
            f'FRIENDLYNAME "{READER_PREFIX}"\n'
            f"DEVICENAME   /dev/null:0x{self.port:04X}\n"
            f"LIBPATH      {VPCD_DRIVER}\n"
            f"CHANNELID    0x{self.port:04X}\n"
        )
        self.proc: subprocess.Popen[bytes] | None = None
        self.with_reader = True
        self.links: list[CardLink] = []
        self.log_path = workdir / "pcscd.log"

    # -- daemon
    @property
    def readers(self) -> list[str]:
        return [f"{READER_PREFIX} 00 00", f"{READER_PREFIX} 00 01"]

    def start(self, with_reader: bool = True, timeout: float = 10.0) -> None:
        assert self.proc is None or self.proc.poll() is not None, "pcscd already running"
        foreign = _foreign_pcscd()
        if foreign is not None:
            raise PcscUnavailable(
                f"another pcscd (pid {foreign}) is running; stop it first "
                "(e.g. systemctl stop pcscd.socket pcscd.service)"
            )
        env = dict(os.environ, LD_PRELOAD=str(self.shim))
        conf = self.conf_with if with_reader else self.conf_without
        self.with_reader = with_reader
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(
                [self.pcscd, "--foreground", "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT, env=env
            )
        finally:
            log.close()
        self._wait_ready(with_reader, timeout)

    def _wait_ready(self, with_reader: bool, timeout: float) -> None:
        from smartcard import scard

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise PcscUnavailable(f"pcscd exited with {self.proc.returncode}; see {self.log_path}")
            hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hr == scard.SCARD_S_SUCCESS:
                hr, names = scard.SCardListReaders(ctx, [])
                scard.SCardReleaseContext(ctx)
                if not with_reader:
                    return
                if hr == scard.SCARD_S_SUCCESS and len(names or []) >= 2:
                    return
            time.sleep(0.05)
        raise PcscUnavailable(f"pcscd did not come up with readers in {timeout}s")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 5.0) -> None:
        """Stop the pcscd we started, by its PID."""
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)

    def kill(self) -> None:
        """pcscd dies without cleaning up (SIGKILL): what a crash looks like to clients."""
        self.stop(signal.SIGKILL)

    def restart(self, with_reader: bool = True) -> None:
        self.stop()
        self.start(with_reader)

    # -- cards
    def insert(self, card: VirtualCard, slot: int = 0) -> CardLink:
        """Put a virtual card on a reader slot (connects to vpcd's port for that slot)."""
        link = CardLink(card, self.port + slot)
        self.links.append(link)
        return link

    def remove_all(self, settle: bool = True) -> None:
        for link in self.links:
            link.remove()
        self.links.clear()
        if settle:
            self.wait_empty()

    def wait_empty(self, timeout: float = 5.0) -> None:
        """Wait until pcscd has noticed that every slot is empty (it polls vpcd ~every 0.4 s),
        so the next test does not see the previous card."""
        from smartcard import scard

        if self.proc is None or self.proc.poll() is not None or not self.with_reader:
            return
        hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hr != scard.SCARD_S_SUCCESS:
            return
        try:
            deadline = time.monotonic() + timeout
            states = [(r, scard.SCARD_STATE_UNAWARE) for r in self.readers]
            while time.monotonic() < deadline:
                hr, result = scard.SCardGetStatusChange(ctx, 200, states)
                if hr == scard.SCARD_S_SUCCESS:
                    if not any(e & scard.SCARD_STATE_PRESENT for _, e, _ in result):
                        return
                    states = [(r, e & ~scard.SCARD_STATE_CHANGED) for r, e, _ in result]
                elif hr != scard.SCARD_E_TIMEOUT:
                    return
        finally:
            scard.SCardReleaseContext(ctx)

    def close(self) -> None:
        self.remove_all(settle=False)
        self.stop()


def pcsc_session(tmp_dir: Path | None = None) -> PcscStack:
    """Start a stack outside pytest (the bench uses this). Call ``close()`` when done."""
    workdir = tmp_dir or Path(tempfile.mkdtemp(prefix="anjungan-pcsc-"))
    stack = PcscStack(workdir)
    stack.start()
    return stack


@pytest.fixture(scope="session")
def pcsc_stack(tmp_path_factory: pytest.TempPathFactory):
    try:
        stack = pcsc_session(tmp_path_factory.mktemp("pcsc"))
    except PcscUnavailable as exc:
        pytest.fail(f"PC/SC test stack unavailable: {exc}")
    try:
        yield stack
    finally:
        stack.close()


@pytest.fixture
def vpcd(pcsc_stack: PcscStack):
    """The session stack, made clean for one test: running, with no cards left inserted."""
    if pcsc_stack.proc is None or pcsc_stack.proc.poll() is not None:
        pcsc_stack.start()
    yield pcsc_stack
    pcsc_stack.remove_all()
    if not pcsc_stack.with_reader:
        pcsc_stack.restart(with_reader=True)
    elif pcsc_stack.proc is None or pcsc_stack.proc.poll() is not None:
        pcsc_stack.start()
