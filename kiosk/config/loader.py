"""Reads a TOML config and says exactly what is wrong: where, what was expected, what was found.

The same message is printed by ``main.py check-config`` and by the app when it refuses to start,
so a technician fixing a config file never has to read a traceback.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .local_settings import local_settings_file, merged, overlay_problems, parse_overlay
from .models import KioskConfig


class ConfigError(Exception):
    """A config file that cannot be used; ``problems`` holds one line per fault."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{self.source}: {len(self.problems)} problem(s)"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), ["file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [f"cannot read the file: {exc}"]) from None


def load_config(path: str | Path, local_settings: bool = True) -> KioskConfig:
    """The config file with, unless ``local_settings`` is False, the kiosk's own settings file
    (``local_settings.py``) laid over it."""
    path = Path(path)
    text = _read(path)
    config = _resolved(parse_config(text, source=str(path)), path)
    local = local_settings_file(config)
    if local_settings and local.exists():
        config = _resolved(parse_config(text, str(path), _read(local), str(local)), path)
    return config


def _resolved(config: KioskConfig, path: Path) -> KioskConfig:
    directory = config.data.directory
    if not directory.is_absolute():
        data = config.data.model_copy(update={"directory": (path.parent / directory).resolve()})
        config = config.model_copy(update={"data": data})
    return config


def parse_config(
    text: str, source: str = "<config>", local_text: str | None = None, local_source: str = "<settings>"
) -> KioskConfig:
    """``text`` validated; with ``local_text``, that settings file laid over it first."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, [f"not valid TOML: {exc}"]) from None
    if local_text is not None:
        try:
            overlay = parse_overlay(local_text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(local_source, [f"not valid TOML: {exc}"]) from None
        problems = overlay_problems(overlay)
        if problems:
            raise ConfigError(local_source, problems)
        raw = merged(raw, overlay)
        source = f"{source} with {local_source}"
    try:
        return KioskConfig.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(source, [_describe(err) for err in exc.errors()]) from None


def _describe(err: ErrorDetails) -> str:
    where = ".".join(str(part) for part in err.get("loc", ())) or "(top level)"
    kind = err.get("type", "")
    if kind == "missing":
        return f"{where}: required, but missing"
    if kind == "extra_forbidden":
        return f"{where}: unknown setting (check the spelling; see config/kiosk.example.toml)"
    message = err.get("msg", "invalid value")
    message = message.removeprefix("Value error, ")
    value = err.get("input")
    if isinstance(value, dict):  # a rule across a whole section: the message names the fields
        return f"{where}: {message}"
    return f"{where}: {message} (got {_shown(value)})"


def _shown(value: Any) -> str:
    text = repr(value)
    # A config value never needs more than this to be recognised; secrets are not in config.
    return text if len(text) <= 60 else text[:57] + "..."
