"""Files an operator command writes for the kiosk go to the kiosk account, whoever runs it.

Run as root (as docs/operations.md shows, with sudo), set_pin and enrol would leave root-owned
0600 files the kiosk cannot read. The kiosk account is the owner of the data folder
(kiosk.diagnostics.kiosk_files.kiosk_account).
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.diagnostics.kiosk_files import kiosk_account


def hand_to_kiosk_account(path: Path, data_dir: Path) -> bool:
    """When run as root, give ``path`` to the kiosk account (mode unchanged). True if changed."""
    if os.geteuid() != 0:
        return False  # written by the kiosk account itself, or by someone who cannot chown
    account = kiosk_account(data_dir)
    if account is None:
        return False
    gid = Path(data_dir).stat().st_gid
    os.chown(path, account.uid, gid)
    return True
