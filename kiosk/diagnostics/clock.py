"""The terminal's clock: synchronised (systemd-timesyncd or the site's daemon), and in the site's
time zone (terminal.time_zone), on which opening hours and "closed for the day" depend."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.diagnostics.result import CheckResult

if TYPE_CHECKING:
    from kiosk.config import KioskConfig

ZONEINFO = "/usr/share/zoneinfo/"


def system_time_zone(localtime: Path = Path("/etc/localtime")) -> str | None:
    """The zone /etc/localtime points at (what timedatectl set-timezone and install.sh write)."""
    try:
        target = os.readlink(localtime)
    except OSError:
        return None
    return target.split(ZONEINFO, 1)[1] if ZONEINFO in target else None


def clock_synchronised() -> bool | None:
    """timedatectl's NTPSynchronized; None when it cannot be asked (no systemd here)."""
    try:
        proc = subprocess.run(
            ["timedatectl", "show", "--property=NTPSynchronized", "--value"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    answer = proc.stdout.strip()
    return {"yes": True, "no": False}.get(answer) if proc.returncode == 0 else None


def check_clock(
    config: KioskConfig,
    localtime: Path = Path("/etc/localtime"),
    synchronised: Callable[[], bool | None] = clock_synchronised,
) -> CheckResult:
    wanted = config.terminal.time_zone
    actual = system_time_zone(localtime)
    details: dict[str, str | bool | None] = {"time_zone": actual, "configured_time_zone": wanted}
    if wanted is not None and actual != wanted:
        return CheckResult(
            "clock",
            "WARN",
            f"the clock is set to {actual or 'an unknown zone'}, terminal.time_zone "
            f"is {wanted}: opening hours would end at the wrong hour",
            f"sudo timedatectl set-timezone {wanted} (or run install.sh again)",
            details,
        )
    synced = synchronised()
    details["synchronised"] = synced
    if synced is False:
        return CheckResult(
            "clock",
            "WARN",
            "the clock is not synchronised with a time server",
            "check the network, and: systemctl status systemd-timesyncd (timedatectl timesync-status)",
            details,
        )
    zone = actual or "zone unknown"
    state = "synchronised" if synced else "synchronisation not known here (no timedatectl answer)"
    return CheckResult("clock", "OK", f"{zone}, {state}", details=details)
