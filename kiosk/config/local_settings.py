"""The settings staff change from the touch admin, in a file of their own the kiosk owns.

The terminal's config file (``/etc/anjungan/kiosk.toml``) belongs to root and is read-only to the
kiosk account: a kiosk process that misbehaves cannot rewrite which central it trusts, where its
data goes or how its service runs. What staff and technicians may change from the admin screens
(``kiosk.admin.permissions``) is written to ``settings.toml`` in the kiosk's data folder instead,
and laid over the config file when it is loaded. Only those settings may appear there: anything
else in it is an error that ``check-config`` names, so the file cannot grow into a second config.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import KioskConfig

LOCAL_SETTINGS_NAME = "settings.toml"


def local_settings_file(config: KioskConfig) -> Path:
    """Where the kiosk keeps its own settings: beside its journal, in a folder it owns."""
    return config.data.directory / LOCAL_SETTINGS_NAME


def local_fields() -> tuple[str, ...]:
    """The settings the settings file may hold: exactly those some admin role may edit."""
    from kiosk.admin.permissions import TECHNICIAN_FIELDS

    return TECHNICIAN_FIELDS


def overlay_problems(overlay: dict[str, Any]) -> list[str]:
    allowed = set(local_fields())
    problems = []
    for table, section in overlay.items():
        if not isinstance(section, dict):
            problems.append(f"{table}: expected a table of settings")
            continue
        for key in section:
            if f"{table}.{key}" not in allowed:
                problems.append(f"{table}.{key}: not a setting the admin screens change (set it in the config file)")
    return problems


def merged(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """``base`` with the overlay's values in place of its own (one table level, as the config has)."""
    result = copy.deepcopy(base)
    for table, section in overlay.items():
        target = result.setdefault(table, {})
        if isinstance(target, dict) and isinstance(section, dict):
            target.update(section)
    return result


def parse_overlay(text: str) -> dict[str, Any]:
    """The settings file as a dict; ``tomllib.TOMLDecodeError`` when it is not TOML."""
    return tomllib.loads(text)
