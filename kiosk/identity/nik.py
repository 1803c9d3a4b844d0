"""Indonesian NIK (Nomor Induk Kependudukan): validation, derived facts, masking.

Layout of the 16 digits: PP RR DD ddmmyy SSSS — province, regency/city, district, birth date
(day + 40 for women), serial. A NIK typed on the keypad is checked here before anything is sent
to the central service, so the citizen is told what is wrong (``NikError.code`` picks the
translated message in the UI).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Province codes used by Dukcapil (Kemendagri). 91/92 are the old Papua/Papua Barat codes still
# on most NIKs; 93-96 are the provinces created in 2022 (Papua Selatan, Papua Tengah,
# Papua Pegunungan, Papua Barat Daya).
PROVINCES: dict[str, str] = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung",
    "19": "Kepulauan Bangka Belitung", "21": "Kepulauan Riau", "31": "DKI Jakarta",
    "32": "Jawa Barat", "33": "Jawa Tengah", "34": "DI Yogyakarta", "35": "Jawa Timur",
    "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat", "62": "Kalimantan Tengah", "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara",
    "75": "Gorontalo", "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara",
    "91": "Papua", "92": "Papua Barat", "93": "Papua Selatan", "94": "Papua Tengah",
    "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}

_MASK = "\u2022"  # bullet, as in 3201••••••••0003


class NikError(ValueError):
    """A NIK that cannot be valid; ``code`` says which rule failed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class NikInfo:
    province_code: str
    regency_code: str  # 4 digits: province + regency/city
    district_code: str  # 6 digits: province + regency + kecamatan
    birth_date: dt.date
    sex: str  # "F" or "M"
    serial: str

    @property
    def province_name(self) -> str:
        return PROVINCES[self.province_code]

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def __repr__(self) -> str:
        return f"NikInfo(province_code={self.province_code!r}, <rest masked>)"


def parse_nik(s: str, today: dt.date | None = None) -> NikInfo:
    """Validate a NIK and return what it encodes; raise ``NikError`` with the reason."""
    today = today or dt.date.today()
    if not isinstance(s, str):
        raise NikError("type", "NIK must be text")
    nik = s.strip()
    if not nik:
        raise NikError("length", "NIK must be 16 digits, got none")
    if not nik.isascii() or not nik.isdigit():
        raise NikError("digits", "NIK must contain digits only")
    if len(nik) != 16:
        raise NikError("length", f"NIK must be 16 digits, got {len(nik)}")
    province = nik[0:2]
    if province not in PROVINCES:
        raise NikError("province", f"unknown province code {province}")
    if nik[2:4] == "00":
        raise NikError("regency", "regency/city code 00 does not exist")
    if nik[4:6] == "00":
        raise NikError("district", "district code 00 does not exist")
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "M"
    if day > 40:
        day -= 40
        sex = "F"
    birth = None
    calendar_ok = False
    for year in (2000 + yy, 1900 + yy):  # the most recent century that is not in the future
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        calendar_ok = True
        if candidate <= today:
            birth = candidate
            break
    if birth is None:
        if calendar_ok:
            raise NikError("birth_date", "birth date in the NIK is in the future")
        raise NikError("birth_date", "birth date in the NIK is not a calendar date")
    if nik[12:16] == "0000":
        raise NikError("serial", "serial number 0000 is not issued")
    return NikInfo(
        province_code=province,
        regency_code=nik[0:4],
        district_code=nik[0:6],
        birth_date=birth,
        sex=sex,
        serial=nik[12:16],
    )


def mask_nik(s: str) -> str:
    """First 4 and last 4 digits kept, the rest bulleted: 3201••••••••0003."""
    s = (s or "").strip()
    if len(s) <= 8:
        return _MASK * len(s)
    return s[:4] + _MASK * (len(s) - 8) + s[-4:]
