"""Demo PINs: generated at the demo's start (or taken from the environment), never in the repo.

``ANJUNGAN_DEMO_PIN`` sets the technician PIN and ``ANJUNGAN_DEMO_STAFF_PIN`` the staff PIN;
whatever is not set is generated at random and printed on the console by ``main.py demo``.
Only the scrypt hashes are written, to the demo's own data folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.admin.pin import PinStore, Role, valid_pin

if TYPE_CHECKING:
    from kiosk.config.models import KioskConfig

# Which environment variable sets the demo PIN of each role.
DEMO_PIN_VARIABLES: tuple[tuple[Role, str], ...] = (
    ("technician", "ANJUNGAN_DEMO_PIN"), ("staff", "ANJUNGAN_DEMO_STAFF_PIN"))


def pin_file_for(config: KioskConfig) -> Path:
    return config.admin.pin_file or config.data.directory / "admin-pins.json"


def ensure_demo_pins(config: KioskConfig) -> dict[str, str]:
    """Set a staff and a technician PIN for the demo; returns them to be shown on the console."""
    store = PinStore(pin_file_for(config), config.admin.max_pin_attempts, config.admin.lockout_base_s)
    pins: dict[str, str] = {}
    for role, env in DEMO_PIN_VARIABLES:
        pin = os.environ.get(env, "").strip()
        if not valid_pin(pin):
            pin = f"{secrets.randbelow(10**6):06d}"
        store.set_pin(role, pin)
        pins[role] = pin
    if pins["staff"] == pins["technician"]:
        raise ValueError("the demo staff and technician PINs must differ")
    return pins
