"""Enrolment: a one-time code from the central's administrator -> this kiosk's token on disk.

The token goes only to the token file (0600, atomic); it is never logged, printed or returned.
When the config names no ``central.token_file`` the token is written to ``<data>/terminal.token``
and the caller is told to add that path to the config (the admin screen saves it itself).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.api.client import CentralClient
from kiosk.api.token_file import write_token_file
from kiosk.config.models import KioskConfig
from kiosk.contract import EnrolRequest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EnrolResult:
    terminal_id: str
    token_file: Path
    token_file_configured: bool  # False: add central.token_file = <token_file> to the config


def default_token_file(config: KioskConfig) -> Path:
    return config.central.token_file or config.data.directory / "terminal.token"


def enrol(config: KioskConfig, code: str, terminal_id: str | None = None) -> EnrolResult:
    """Blocking (HTTP + file). Raises ``kiosk.api.errors.CentralError`` with the central's reason."""
    terminal_id = terminal_id or config.central.terminal_id
    settings = config.central.model_copy(update={"terminal_id": terminal_id})
    path = default_token_file(config)
    with CentralClient(settings, token="") as client:
        creds = client.enrol(EnrolRequest(code=code.strip(), terminal_id=terminal_id))
    write_token_file(path, creds.token)
    log.info("terminal %s enrolled; token written to %s", creds.terminal_id, path)
    return EnrolResult(creds.terminal_id, path, config.central.token_file is not None)


def rotate(config: KioskConfig) -> Path:
    """Blocking: trade the token in the token file for a new one and write that back (the old one
    stops working at the central at once). Returns the token file. Raises ``CentralError``, or
    ``FileNotFoundError`` when there is no token to rotate. A running kiosk keeps the old token
    in memory: restart it afterwards."""
    path = default_token_file(config)
    if not path.exists():
        raise FileNotFoundError(f"no token file at {path}: enrol first")
    current = path.read_text(encoding="utf-8").strip()
    with CentralClient(config.central, token=current) as client:
        creds = client.rotate_token()
    write_token_file(path, creds.token)
    log.info("terminal %s: token rotated; new token written to %s", creds.terminal_id, path)
    return path
