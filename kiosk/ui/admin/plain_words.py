"""What the settings check refused, in a hall manager's words: the setting's name as the screen
shows it and the rule in plain words ("Seconds to answer the warning: must be 20 or more"),
never a raw field name or a validator's sentence ("idle.answer_s: Input should be ≥ 20")."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"greater than or equal to (-?[\d.]+)"), QT_TRANSLATE_NOOP("PlainWords", "must be %1 or more")),
    (re.compile(r"less than or equal to (-?[\d.]+)"), QT_TRANSLATE_NOOP("PlainWords", "must be %1 or less")),
    (re.compile(r"greater than (-?[\d.]+)"), QT_TRANSLATE_NOOP("PlainWords", "must be more than %1")),
    (re.compile(r"less than (-?[\d.]+)"), QT_TRANSLATE_NOOP("PlainWords", "must be less than %1")),
    (
        re.compile(r"valid integer|whole number|int_parsing|int_from_float"),
        QT_TRANSLATE_NOOP("PlainWords", "must be a whole number"),
    ),
    (re.compile(r"valid number|float_parsing"), QT_TRANSLATE_NOOP("PlainWords", "must be a number")),
    (re.compile(r"at least (\d+) characters?"), QT_TRANSLATE_NOOP("PlainWords", "needs at least %1 characters")),
    (re.compile(r"at most (\d+) characters?"), QT_TRANSLATE_NOOP("PlainWords", "may have at most %1 characters")),
    (re.compile(r"needs the technician role"), QT_TRANSLATE_NOOP("PlainWords", "only a technician can change this")),
    (re.compile(r"cannot be changed here"), QT_TRANSLATE_NOOP("PlainWords", "cannot be changed on the kiosk")),
)

_UNUSABLE = QT_TRANSLATE_NOOP("PlainWords", "this value cannot be used here")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlainWords", text)


def _number(text: str) -> str:
    """20, not 20.0: as people write it."""
    try:
        value = float(text)
    except ValueError:
        return text[:12]
    return str(int(value)) if value.is_integer() else f"{value:g}"


def plain_problem(line: str, labels: dict[str, str], tr: Callable[[str], str] = _tr) -> str:
    """One refused change as the screen says it; what cannot be understood becomes "this value
    cannot be used here" (the raw message may carry what was typed, which is never echoed)."""
    field, _, message = line.partition(":")
    name = labels.get(field.strip())
    if name is None:  # a whole-file problem: no setting to name
        name, message = tr(QT_TRANSLATE_NOOP("PlainWords", "This change")), line
    for pattern, words in _RULES:
        found = pattern.search(message)
        if found:
            rule = tr(words)
            if found.groups():
                rule = rule.replace("%1", _number(found.group(1)))
            return f"{name}: {rule}"
    return f"{name}: {tr(_UNUSABLE)}"
