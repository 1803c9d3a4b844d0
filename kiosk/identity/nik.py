"""Indonesian NIK on the kiosk: the shared rule of kiosk/contract/nik.py, after trimming spaces.

A NIK typed on the keypad is checked here before anything is sent to the central service, so the
citizen is told what is wrong (``NikError.code`` picks the translated message in the UI). The
central checks the same rule (one rule for both: issue 12, defect 7).
"""

from __future__ import annotations

import datetime as dt

from kiosk.contract.nik import InvalidNik, NikInfo
from kiosk.contract.nik import mask_nik as _mask_nik
from kiosk.contract.nik import parse_nik as _parse_nik
from kiosk.contract.nik_regions import PROVINCES

NikError = InvalidNik
"""A NIK that cannot be valid; ``code`` says which rule failed."""

__all__ = ["PROVINCES", "NikError", "NikInfo", "mask_nik", "parse_nik"]


def parse_nik(s: str, today: dt.date | None = None) -> NikInfo:
    """Validate a NIK (surrounding spaces ignored) and return what it encodes; raise ``NikError``."""
    if not isinstance(s, str):
        raise NikError("type", "NIK must be text")
    return _parse_nik(s.strip(), today)


def mask_nik(s: str) -> str:
    """First 4 and last 4 digits kept, the rest bulleted: 3201••••••••0003."""
    return _mask_nik((s or "").strip())
