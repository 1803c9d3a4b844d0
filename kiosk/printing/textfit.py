"""Line breaking shared by both renderers, so paper and picture break lines at the same words."""

from __future__ import annotations

import textwrap


def wrap(text: str, columns: int) -> list[str]:
    """Break ``text`` into lines of at most ``columns`` characters (long words are split)."""
    columns = max(1, columns)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, columns, break_long_words=True) or [""])
    return lines


def two_columns(left: str, right: str, columns: int) -> list[str]:
    """``left`` flush left and ``right`` flush right; wraps the label when both do not fit."""
    right = right[:columns]
    room = columns - len(right) - 1
    if room >= 1 and len(left) <= room:
        return [left + " " * (columns - len(left) - len(right)) + right]
    # Too long for one line: the label gets its own line(s), the value stays right-aligned.
    return [*wrap(left, columns), right.rjust(columns)]


def place(line: str, columns: int, align: str) -> str:
    """Pad a line to its position (used by the image renderer; printers align by command)."""
    if align == "center":
        return " " * ((columns - len(line)) // 2) + line
    if align == "right":
        return " " * (columns - len(line)) + line
    return line
