"""Editing the kiosk's config file from the admin screens, with check-config's own validation.

A change is refused, with check-config's message, when the role may not touch the setting or the
resulting file would not load. A change that passes is saved atomically with the old file kept as
``<name>.bak``. The running kiosk picks the new values up at its next start.

On a terminal the config file is root's and read-only to the kiosk: the kiosk writes its changes
to its own settings file (``kiosk.config.local_settings``), which is laid over the config file.
Without a settings file (tests, tools) the editor changes the config file itself.
"""

from __future__ import annotations

import logging
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kiosk.admin.permissions import may_edit, required_role
from kiosk.admin.pin import Role
from kiosk.admin.toml_edit import set_value
from kiosk.atomic_file import atomic_write
from kiosk.config.loader import ConfigError, load_config, parse_config
from kiosk.config.models import KioskConfig

log = logging.getLogger(__name__)


class SettingsRefused(Exception):
    """A change that was not saved; ``problems`` are the lines to show on screen."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def field_annotation(dotted: str) -> Any:
    table, _, key = dotted.partition(".")
    section = KioskConfig.model_fields[table].annotation
    if not (isinstance(section, type) and issubclass(section, BaseModel)):
        raise KeyError(table)  # every table of KioskConfig is a settings model
    return section.model_fields[key].annotation


def _kind(annotation: Any) -> str:
    """ "bool", "int", "float", "list" or "str": how to read what was typed for a field."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _kind(inner[0]) if inner else "str"
    if origin is typing.Literal:
        return "int" if all(isinstance(a, int) for a in args) else "str"
    if origin in (tuple, list):
        return "list"
    for kind, typ in (("bool", bool), ("int", int), ("float", float)):
        if annotation is typ:
            return kind
    return "str"


def parse_input(dotted: str, text: str) -> Any:
    """What a person typed for ``dotted``, as the value to write. ValueError with a clear message."""
    kind = _kind(field_annotation(dotted))
    text = text.strip()
    if kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    if kind == "bool":
        if text.lower() in ("true", "yes", "on", "1"):
            return True
        if text.lower() in ("false", "no", "off", "0"):
            return False
        raise ValueError(f"{dotted}: expected yes or no (got {text!r})")
    if kind in ("int", "float"):
        try:
            return int(text) if kind == "int" else float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"{dotted}: expected a number (got {text!r})") from None
    return text


def current_value(config: KioskConfig, dotted: str) -> Any:
    table, _, key = dotted.partition(".")
    return getattr(getattr(config, table), key)


class SettingsEditor:
    """One config file, and the settings file the changes go to (None: the config file itself).
    Blocking file I/O: call off the GUI thread."""

    def __init__(self, path: Path, local_path: Path | None = None) -> None:
        self.path = Path(path)
        self.local_path = Path(local_path) if local_path is not None else None

    @property
    def written(self) -> Path:
        """The file a save replaces."""
        return self.local_path or self.path

    def load(self) -> KioskConfig:
        if self.local_path is None:
            return parse_config(self.path.read_text(encoding="utf-8"), source=str(self.path))
        return load_config(self.path)

    def preview(self, role: Role, changes: dict[str, Any]) -> str:
        """The new file text, validated; raises ``SettingsRefused`` with every problem found."""
        problems = []
        for field in changes:
            if not may_edit(role, field):
                needed = required_role(field)
                problems.append(f"{field}: needs the {needed} role" if needed else f"{field}: cannot be changed here")
        if problems:
            raise SettingsRefused(problems)
        written = self.written
        text = written.read_text(encoding="utf-8") if written.exists() else ""
        for field, value in changes.items():
            if isinstance(value, str) and _kind(field_annotation(field)) != "str":
                try:
                    value = parse_input(field, value)
                except ValueError as exc:
                    problems.append(str(exc))
                    continue
            try:
                text = set_value(text, field, value)
            except (TypeError, ValueError) as exc:
                problems.append(f"{field}: {exc}")
        if problems:
            raise SettingsRefused(problems)
        try:  # exactly what check-config runs
            if self.local_path is None:
                parse_config(text, source=str(self.path))
            else:
                base = self.path.read_text(encoding="utf-8")
                parse_config(base, str(self.path), text, str(self.local_path))
        except ConfigError as exc:
            raise SettingsRefused(exc.problems) from None
        return text

    def save(self, role: Role, changes: dict[str, Any]) -> KioskConfig:
        text = self.preview(role, changes)
        written = self.written
        # The kiosk's own settings file is read by the kiosk only (the data folder is 0750 anyway).
        mode = written.stat().st_mode & 0o777 if written.exists() else (0o644 if self.local_path is None else 0o640)
        atomic_write(written, text.encode("utf-8"), mode=mode, backup=True)
        # Names of the settings only: values could be anything a person typed.
        log.info("settings saved by %s: %s", role, ", ".join(sorted(changes)))
        return self.load()
