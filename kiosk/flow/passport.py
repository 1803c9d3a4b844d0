"""What the citizen types so the kiosk may open an e-passport's chip (ICAO 9303 BAC): the
document number, the birth date and the expiry date, exactly as on the photo page.

Kept apart from the main flow class: pure functions over the session's typed fields.
"""

from __future__ import annotations

import datetime as dt

FIELDS = ("doc", "birth", "expiry")
MAX_LEN = {"doc": 9, "birth": 6, "expiry": 6}


def typed_key(field: str, current: str, key: str) -> str:
    """The field's new content after one keypad key ("back", "clear", a letter or a digit)."""
    if key == "back":
        return current[:-1]
    if key == "clear":
        return ""
    key = key.upper()
    if len(key) != 1 or len(current) >= MAX_LEN[field]:
        return current
    if field == "doc" and key.isalnum() and key.isascii():
        return current + key
    if field != "doc" and key.isdigit():
        return current + key
    return current


def ddmmyy_to_yymmdd(value: str) -> str | None:
    """'250560' (25 May 1960 as on the page, day first) -> '600525'; None if not a date."""
    if len(value) != 6 or not value.isdigit():
        return None
    day, month, year = int(value[0:2]), int(value[2:4]), int(value[4:6])
    try:
        dt.date(2000 + year, month, day)
    except ValueError:
        return None
    return value[4:6] + value[2:4] + value[0:2]


def problem(doc: str, birth: str, expiry: str) -> str | None:
    """Why these fields cannot be sent to the chip yet (a notice key), or None."""
    if len(doc) < 6:
        return "mrz.doc"
    if ddmmyy_to_yymmdd(birth) is None:
        return "mrz.birth"
    if ddmmyy_to_yymmdd(expiry) is None:
        return "mrz.expiry"
    return None
