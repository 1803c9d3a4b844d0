"""NIK (Nomor Induk Kependudukan): the one structure rule, shared by the kiosk and the central.

Layout of the 16 digits: PP RR DD ddmmyy SSSS: province, regency/city, district (kecamatan),
birth date (women add 40 to the day), serial (never 0000). Province and regency must be
Kemendagri codes (kiosk/contract/nik_regions.py, with its source and date). Whether the person
exists is the central's business. ``InvalidNik.code`` names the rule that failed (the kiosk
picks its translated message by it); messages never repeat the digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kiosk.contract.nik_regions import PROVINCES, REGENCIES, RETIRED_REGENCIES

_DIGITS16 = re.compile(r"^[0-9]{16}$")
_MASK = "\u2022"  # bullet, as in 3201••••••••0003
KNOWN_REGENCIES = frozenset(REGENCIES) | frozenset(RETIRED_REGENCIES)
"""Regency/city codes (4 digits) a NIK may start with: the current list and retired codes."""
INCOMPLETE_PROVINCES = frozenset({"64", "91"})
"""Provinces whose older regency codes are in no list shipped here (Kalimantan Timur before
Kalimantan Utara, 2012; Papua before its 2022 split): NIKs keep those codes for life, so in these
provinces only regency 00 is refused. A false refusal keeps a citizen out; a typo only ends in
"not found" at the central."""


class InvalidNik(ValueError):
    """Not a structurally valid NIK; ``code`` says which rule failed: type, length, digits,
    province, regency, district, birth_date or serial."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class NikInfo:
    """What the NIK itself says about its holder."""

    province_code: str
    regency_code: str
    """4 digits: province + regency/city."""
    district_code: str
    """6 digits: province + regency + kecamatan."""
    birth_date: date
    sex: str
    """"F" or "M"."""
    serial: str

    @property
    def region_code(self) -> str:
        return self.district_code

    @property
    def female(self) -> bool:
        return self.sex == "F"

    @property
    def province_name(self) -> str:
        return PROVINCES[self.province_code]

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def __repr__(self) -> str:
        return f"NikInfo(province_code={self.province_code!r}, <rest masked>)"


def parse_nik(nik: str, today: date | None = None) -> NikInfo:
    """Check ``nik`` (exactly 16 ASCII digits, no spaces) and return what it encodes."""
    if not isinstance(nik, str):
        raise InvalidNik("type", "NIK must be text")
    if not _DIGITS16.match(nik):
        if nik and not (nik.isascii() and nik.isdigit()):
            raise InvalidNik("digits", "NIK must be exactly 16 digits (digits only)")
        raise InvalidNik("length", f"NIK must be exactly 16 digits, got {min(len(nik), 99)}")
    if nik[0:2] not in PROVINCES:
        raise InvalidNik("province", "NIK region code: no such province")
    if nik[2:4] == "00" or (nik[0:4] not in KNOWN_REGENCIES and nik[0:2] not in INCOMPLETE_PROVINCES):
        raise InvalidNik("regency", "NIK region code: no such regency/city in the Kemendagri list")
    if nik[4:6] == "00":
        raise InvalidNik("district", "NIK region code: district 00 does not exist")
    birth, sex = _birth_date(nik[6:12], today or date.today())
    if nik[12:16] == "0000":
        raise InvalidNik("serial", "NIK serial must not be 0000")
    return NikInfo(
        province_code=nik[0:2],
        regency_code=nik[0:4],
        district_code=nik[0:6],
        birth_date=birth,
        sex=sex,
        serial=nik[12:16],
    )


def _birth_date(ddmmyy: str, today: date) -> tuple[date, str]:
    day, month, yy = int(ddmmyy[0:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    sex = "M"
    if day > 40:
        day, sex = day - 40, "F"
    calendar_ok = False
    # Two digits of year: the most recent century that is not in the future (29 Feb 00 exists
    # in 2000 but not in 1900, hence trying each century rather than computing one).
    for year in (2000 + yy, 1900 + yy):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        calendar_ok = True
        if candidate <= today:
            return candidate, sex
    if calendar_ok:
        raise InvalidNik("birth_date", "NIK birth date part lies in the future")
    raise InvalidNik("birth_date", "NIK birth date part is not a valid date")


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
        return _MASK * len(nik)
    return nik[:4] + _MASK * (len(nik) - 8) + nik[-4:]


def mask_name(name: str) -> str:
    """Keep each word's first letter: "Siti Rahmawati" -> "S••• R••••••••"."""
    return " ".join(w[0] + _MASK * (len(w) - 1) for w in name.split() if w)
