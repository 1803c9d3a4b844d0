"""The terminal token on disk: mode 0600 from the first byte, replaced atomically."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

from kiosk.atomic_file import atomic_write

log = logging.getLogger(__name__)


def write_token_file(path: Path, token: str) -> None:
    """Write ``token`` to ``path`` (0600, temp file + fsync + rename); never logs the token."""
    atomic_write(Path(path), token.encode("utf-8") + b"\n", mode=0o600)


def token_file_too_open(path: Path) -> bool:
    """True when group or others may read the token file (worth a warning at start-up)."""
    try:
        mode = Path(path).stat().st_mode
    except FileNotFoundError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))
