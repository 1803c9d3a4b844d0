"""Changing values in a TOML config file while keeping its comments and layout.

The kiosk config is tables of scalars and flat arrays, so a line editor is enough: the line
``key = ...`` inside ``[table]`` is replaced, or added at the end of the table (or a new table
at the end of the file). The result is always re-parsed and validated before anyone saves it.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_TABLE = re.compile(r"^\s*\[([A-Za-z0-9_.-]+)\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def toml_value(value: Any) -> str:
    """One value written as TOML (strings use JSON escapes, which TOML basic strings share)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("a setting must be a finite number")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to the config")


def set_value(text: str, dotted: str, value: Any) -> str:
    """``text`` with ``table.key`` set to ``value`` (only one table level, as the config uses)."""
    table, _, key = dotted.rpartition(".")
    if not table or "." in table:
        raise ValueError(f"expected table.key, got {dotted!r}")
    line = f"{key} = {toml_value(value)}"
    lines = text.splitlines()
    current, table_end = None, None
    for i, raw in enumerate(lines):
        m = _TABLE.match(raw)
        if m:
            if current == table:
                break
            current = m.group(1)
            if current == table:
                table_end = i + 1
            continue
        if current == table:
            k = _KEY.match(raw)
            if k and k.group(1) == key:
                lines[i] = line
                return "\n".join(lines) + "\n"
            if raw.strip() and not raw.lstrip().startswith("#"):
                table_end = i + 1
    if table_end is None:
        lines += ["", f"[{table}]", line]
    else:
        lines.insert(table_end, line)
    return "\n".join(lines) + "\n"


def dump_config(raw: dict[str, dict[str, Any]]) -> str:
    """A whole config written from a ``model_dump(mode="json")`` (None values are left out)."""
    out: list[str] = []
    for table, fields in raw.items():
        out.append(f"[{table}]")
        for key, value in fields.items():
            if value is not None:
                out.append(f"{key} = {toml_value(value)}")
        out.append("")
    return "\n".join(out)


def write_config_file(config, path) -> None:
    """Write a whole ``KioskConfig`` as a TOML file (the demo gives its staff a file to edit)."""
    from pathlib import Path

    from kiosk.atomic_file import atomic_write

    atomic_write(Path(path), dump_config(config.model_dump(mode="json")).encode("utf-8"), mode=0o644)
