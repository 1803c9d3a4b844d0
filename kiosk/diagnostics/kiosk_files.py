"""Files the kiosk must be able to read, as the kiosk account and not as whoever asks.

An operator command run as root (set a PIN, enrol) used to leave root-owned 0600 files the kiosk
could not read, and `sudo … diagnose` read them fine. The kiosk account is the owner of the data
folder (install.sh and the unit's StateDirectory= make it so); its read access is worked out from
owner, group and mode bits, not from whoever runs this.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config.local_settings import local_settings_file
from kiosk.diagnostics.result import CheckResult

if TYPE_CHECKING:
    from kiosk.config import KioskConfig

STAFF_PIN_FILE = "staff PIN file"
TOKEN_FILE = "terminal token"
SETTINGS_FILE = "staff settings file"


@dataclass(frozen=True)
class Account:
    uid: int
    gids: frozenset[int]
    name: str


def kiosk_account(data_dir: Path) -> Account | None:
    """The account that owns the data folder, or None when that is root (a development run)."""
    try:
        st = Path(data_dir).stat()
    except OSError:
        return None
    if st.st_uid == 0:
        return None
    import grp
    import pwd

    try:
        entry = pwd.getpwuid(st.st_uid)
    except KeyError:
        return Account(st.st_uid, frozenset({st.st_gid}), str(st.st_uid))
    gids = {entry.pw_gid} | {g.gr_gid for g in grp.getgrall() if entry.pw_name in g.gr_mem}
    return Account(st.st_uid, frozenset(gids), entry.pw_name)


def readable_by(path: Path, account: Account | None) -> bool:
    """Whether ``account`` may read ``path`` (mode bits; None: whoever runs this)."""
    if account is None:
        return os.access(path, os.R_OK)
    st = path.stat()
    if st.st_uid == account.uid:
        return bool(st.st_mode & stat.S_IRUSR)
    if st.st_gid in account.gids:
        return bool(st.st_mode & stat.S_IRGRP)
    return bool(st.st_mode & stat.S_IROTH)


def kiosk_files(config: KioskConfig) -> list[tuple[str, Path]]:
    pin_file = config.admin.pin_file or config.data.directory / "admin-pins.json"
    files = [(STAFF_PIN_FILE, Path(pin_file))]
    if config.central.token_file is not None:  # the only token the kiosk reads
        files.append((TOKEN_FILE, Path(config.central.token_file)))
    # Edited by hand as root it may end up root's: the kiosk then cannot load its config at all.
    files.append((SETTINGS_FILE, local_settings_file(config)))
    return files


def unreadable_kiosk_files(config: KioskConfig, account: Account | None = None) -> list[tuple[str, Path]]:
    """The kiosk files that exist but that ``account`` (default: this process) cannot read."""
    found = []
    for label, path in kiosk_files(config):
        try:
            if path.exists() and not readable_by(path, account):
                found.append((label, path))
        except OSError:  # a folder on the way that cannot be entered
            found.append((label, path))
    return found


def out_of_service_reason(unreadable: list[tuple[str, Path]]) -> str | None:
    """What the kiosk shows instead of crashing at every start."""
    return f"out of service: {unreadable[0][0]} unreadable" if unreadable else None


def check_kiosk_files(config: KioskConfig) -> CheckResult:
    account = kiosk_account(config.data.directory)
    unreadable = unreadable_kiosk_files(config, account)
    who = account.name if account else "this user"
    if not unreadable:
        return CheckResult("files", "OK", f"PIN file, token and settings file readable by {who}")
    paths = " ".join(str(path) for _, path in unreadable)
    owner = f"{account.name}:" if account else ""
    return CheckResult(
        "files",
        "FAIL",
        f"{out_of_service_reason(unreadable)} by {who}: the kiosk shows out of service",
        f"chown {owner} {paths} (operator commands run as root now do this themselves)",
        {"unreadable": [str(path) for _, path in unreadable]},
    )
