"""Talking to the service manager: readiness, status and watchdog pings (sd_notify), Qt-free.

systemd passes ``NOTIFY_SOCKET`` (a path, or ``@name`` for an abstract socket) and, when the unit
has ``WatchdogSec=``, ``WATCHDOG_USEC``. Messages are newline-separated ``KEY=value`` lines sent
as one datagram. We speak that small protocol ourselves rather than depend on python-systemd.

Who pings matters more than how: the kiosk must ping from the Qt event loop (see
``kiosk/ui/watchdog_qt.py``), so a frozen GUI stops pinging and the service manager restarts it.
A thread that pinged on its own would keep a hung kiosk "alive" for ever.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


def notify_address(environ: Mapping[str, str] | None = None) -> str | bytes | None:
    """The socket address from ``NOTIFY_SOCKET``: a path, abstract name bytes, or None."""
    env = os.environ if environ is None else environ
    raw = env.get("NOTIFY_SOCKET", "")
    if not raw:
        return None
    if raw.startswith("@"):
        # Abstract namespace: a leading NUL byte instead of the "@" the variable uses.
        return b"\0" + raw[1:].encode()
    if raw.startswith("/"):
        return raw
    log.warning("NOTIFY_SOCKET %r is neither a path nor an abstract name; ignored", raw)
    return None


def watchdog_interval_s(environ: Mapping[str, str] | None = None, pid: int | None = None) -> float | None:
    """Seconds between pings (half of ``WATCHDOG_USEC``), or None when no watchdog is asked for.

    ``WATCHDOG_PID``, when set, names the one process meant to ping; any other process ignores
    the watchdog (the way sd_watchdog_enabled() does). deploy/run-kiosk.sh clears it, because the
    kiosk runs as a grandchild of the unit's main process (run-kiosk.sh -> cage -> python).
    """
    env = os.environ if environ is None else environ
    raw_pid = env.get("WATCHDOG_PID", "")
    if raw_pid:
        try:
            if int(raw_pid) != (os.getpid() if pid is None else pid):
                return None
        except ValueError:
            return None
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    return usec / 1_000_000 / 2


class Notifier:
    """Sends sd_notify messages. Without NOTIFY_SOCKET every send is a quiet no-op."""

    def __init__(self, address: str | bytes | None) -> None:
        self.address = address
        self._sock: socket.socket | None = None
        if address is not None:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        self._warned = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Notifier:
        return cls(notify_address(environ))

    @property
    def enabled(self) -> bool:
        return self._sock is not None

    def send(self, **fields: str) -> bool:
        """Send ``KEY=value`` lines in one datagram; True when it was handed to the socket."""
        if self._sock is None or self.address is None:  # both or neither
            return False
        text = "\n".join(f"{key}={value}" for key, value in fields.items())
        try:
            self._sock.sendto(text.encode("utf-8"), self.address)
        except OSError as exc:
            # The service manager went away or the socket is full: never let that stop the kiosk.
            if not self._warned:
                log.warning("sd_notify to %r failed: %s", self.address, exc)
                self._warned = True
            return False
        return True

    def ready(self, status: str | None = None) -> bool:
        return self.send(READY="1", **({"STATUS": status} if status else {}))

    def status(self, text: str) -> bool:
        # One line only: a newline would start a new KEY=value pair.
        return self.send(STATUS=" ".join(text.split()))

    def ping(self) -> bool:
        return self.send(WATCHDOG="1")

    def stopping(self) -> bool:
        return self.send(STOPPING="1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


class Watchdog:
    """Readiness and watchdog state for one process; the caller decides where ``ping`` runs."""

    def __init__(self, notifier: Notifier, interval_s: float | None) -> None:
        self.notifier = notifier
        self.interval_s = interval_s if notifier.enabled else None
        self.pings_sent = 0

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Watchdog:
        return cls(Notifier.from_environment(environ), watchdog_interval_s(environ))

    @property
    def active(self) -> bool:
        """True when the service manager expects pings from us."""
        return self.interval_s is not None

    def ready(self, status: str = "Welcome screen shown") -> None:
        self.notifier.ready(status)

    def ping(self) -> None:
        if self.notifier.ping():
            self.pings_sent += 1

    def status(self, text: str) -> None:
        self.notifier.status(text)

    def stopping(self) -> None:
        self.notifier.stopping()

    def close(self) -> None:
        self.notifier.close()
