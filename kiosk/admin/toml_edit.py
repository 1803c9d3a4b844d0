"""Changing values in a TOML config file while keeping its comments and layout.

tomlkit keeps every byte it is not asked to change: comments (own-line and inline), blank lines,
the order of tables and keys, multi-line arrays and strings. A value is replaced in place (its
inline comment stays), added at the end of its table, or added in a new table at the end of the
file. The result is always re-parsed and validated before anyone saves it (``settings_edit``).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomlkit
from tomlkit.items import Array, Item

if TYPE_CHECKING:
    from kiosk.config.models import KioskConfig


def _item(value: object) -> Item:
    """One setting as a tomlkit item; only the types the config uses."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a setting must be a finite number")
    if isinstance(value, (list, tuple)):
        elements: list[object] = list(value)
        for element in elements:
            _item(element)
        return tomlkit.item(elements)
    if not isinstance(value, (bool, int, float, str)):
        raise TypeError(f"cannot write {type(value).__name__} to the config")
    return tomlkit.item(value)


def _unchanged(old: Any, new: Any) -> bool:
    # 45 and 45.0 differ in TOML (integer, float): only the same type and value is "unchanged".
    old = old.unwrap() if isinstance(old, Item) else old
    new = list(new) if isinstance(new, tuple) else new
    return type(old) is type(new) and old == new


def set_value(text: str, dotted: str, value: Any) -> str:
    """``text`` with ``table.key`` set to ``value`` (only one table level, as the config uses).

    Raises ValueError when ``text`` is not TOML or ``table`` is not a table.
    """
    table, _, key = dotted.rpartition(".")
    if not table or "." in table:
        raise ValueError(f"expected table.key, got {dotted!r}")
    new = _item(value)
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ValueError(f"the config file is not valid TOML ({exc})") from None
    if table not in doc:
        if doc.body and not text.endswith("\n\n"):
            doc.add(tomlkit.nl())
        doc.add(table, tomlkit.table())
    section = doc[table]
    if not isinstance(section, dict):
        raise ValueError(f"{table} is not a table in the config file")
    old = section.get(key)
    if old is not None and _unchanged(old, value):
        return text  # nothing to write: the file stays byte for byte as it was
    if isinstance(old, Array) and isinstance(new, Array) and "\n" in old.as_string():
        new.multiline(True)  # a list written one item per line stays that way
    section[key] = new
    return tomlkit.dumps(doc)


def dump_config(raw: dict[str, dict[str, Any]]) -> str:
    """A whole config written from a ``model_dump(mode="json")`` (None values are left out)."""
    doc = tomlkit.document()
    for table, fields in raw.items():
        section = tomlkit.table()
        for key, value in fields.items():
            if value is not None:
                section[key] = _item(value)
        doc[table] = section
    return tomlkit.dumps(doc)


def write_config_file(config: KioskConfig, path: str | Path) -> None:
    """Write a whole ``KioskConfig`` as a TOML file (the demo gives its staff a file to edit)."""
    from kiosk.atomic_file import atomic_write

    atomic_write(Path(path), dump_config(config.model_dump(mode="json")).encode("utf-8"), mode=0o644)
