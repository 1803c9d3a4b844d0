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


def load_config(path: str | Path) -> KioskConfig:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), ["file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [f"cannot read the file: {exc}"]) from None
    config = parse_config(text, source=str(path))
    directory = config.data.directory
    if not directory.is_absolute():
        data = config.data.model_copy(update={"directory": (path.parent / directory).resolve()})
        config = config.model_copy(update={"data": data})
    return config


def parse_config(text: str, source: str = "<config>") -> KioskConfig:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, [f"not valid TOML: {exc}"]) from None
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
