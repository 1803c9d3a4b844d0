"""NIK (Nomor Induk Kependudukan) structure checks and masking.

A NIK has 16 digits: 6 for the region (province, regency, district), DDMMYY birth date (women
add 40 to the day) and a 4-digit serial that is never 0000. This validates the structure only;
whether the person exists is the central's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_NIK = re.compile(r"^[0-9]{16}$")


class InvalidNik(ValueError):
    """The string is not a structurally valid NIK (the message never repeats the digits)."""


@dataclass(frozen=True)
class NikInfo:
    """What the NIK itself says about its holder."""

    region_code: str
    birth_date: date
    female: bool


def parse_nik(nik: str, *, today: date | None = None) -> NikInfo:
    """Check ``nik`` and return its region, birth date and sex; raises ``InvalidNik``."""
    if not _NIK.match(nik):
        raise InvalidNik("NIK must be exactly 16 digits")
    if nik[:2] < "11" or nik[2:4] == "00" or nik[4:6] == "00":
        raise InvalidNik("NIK region code is not valid")
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    if female:
        day -= 40
    today = today or date.today()
    # Two-digit year: a year "in the future" must be last century.
    year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    try:
        born = date(year, month, day)
    except ValueError:
        raise InvalidNik("NIK birth date part is not a valid date") from None
    if born > today:
        year -= 100
        born = born.replace(year=year)
    if nik[12:] == "0000":
        raise InvalidNik("NIK serial must not be 0000")
    return NikInfo(region_code=nik[:6], birth_date=born, female=female)


def is_valid_nik(nik: str, *, today: date | None = None) -> bool:
    """True when ``nik`` passes ``parse_nik``."""
    try:
        parse_nik(nik, today=today)
    except InvalidNik:
        return False
    return True


def mask_nik(nik: str) -> str:
    """First 4 and last 4 digits with bullets between, e.g. 3201••••••••0003."""
    if len(nik) <= 8:
        return "•" * len(nik)
    return nik[:4] + "•" * (len(nik) - 8) + nik[-4:]


def mask_name(name: str) -> str:
    """Keep each word's first letter: "Siti Rahmawati" -> "S••• R••••••••"."""
    return " ".join(w[0] + "•" * (len(w) - 1) for w in name.split() if w)
