"""ICAO 9303 machine readable zone: check digits, the BAC key seed input, TD1/TD3 parsing.

Dates in the MRZ have two-digit years; the century is chosen relative to ``today`` (a birth date
is never in the future, an expiry is at most 20 years ahead).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_WEIGHTS = (7, 3, 1)


class MrzError(ValueError):
    """An MRZ field is malformed or its check digit does not match."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def char_value(c: str) -> int:
    if "0" <= c <= "9":
        return ord(c) - 48
    if "A" <= c <= "Z":
        return ord(c) - 55
    if c == "<":
        return 0
    raise MrzError("charset", f"character {c!r} is not allowed in an MRZ")


def check_digit(field: str) -> str:
    """ICAO 9303 Part 3 check digit: weights 7-3-1, sum modulo 10."""
    return str(sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


def verify(field: str, digit: str, what: str) -> None:
    # '<' as a check digit is only allowed for an empty optional field
    if digit == "<" and set(field) <= {"<"}:
        return
    if check_digit(field) != digit:
        raise MrzError("check_digit", f"check digit of the {what} does not match")


def parse_yymmdd(s: str, *, kind: str, today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    if len(s) != 6 or not s.isdigit():
        raise MrzError("date", f"{kind} must be 6 digits YYMMDD")
    yy, mm, dd = int(s[:2]), int(s[2:4]), int(s[4:6])
    if kind == "birth date":
        year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    else:
        year = 2000 + yy if 2000 + yy <= today.year + 20 else 1900 + yy
    try:
        d = dt.date(year, mm, dd)
    except ValueError:
        raise MrzError("date", f"{kind} is not a calendar date") from None
    if kind == "birth date" and d > today:
        d = d.replace(year=d.year - 100)
    return d


@dataclass(frozen=True)
class MrzInfo:
    """What BAC needs: document number, birth date and expiry exactly as printed (YYMMDD)."""

    document_number: str
    birth_date: str
    expiry_date: str

    def __post_init__(self) -> None:
        doc = self.document_number.upper().replace(" ", "")
        object.__setattr__(self, "document_number", doc)
        if not doc or any(c != "<" and not c.isalnum() for c in doc):
            raise MrzError("document_number", "document number must be letters and digits")
        for c in doc:
            char_value(c)
        for value, kind in ((self.birth_date, "birth date"), (self.expiry_date, "expiry date")):
            if len(value) != 6 or not value.isdigit():
                raise MrzError("date", f"{kind} must be 6 digits YYMMDD")

    def key_seed_input(self) -> str:
        """Document number (padded to 9 with '<') + CD, birth date + CD, expiry + CD."""
        doc = self.document_number.ljust(9, "<")
        return (
            doc
            + check_digit(doc)
            + self.birth_date
            + check_digit(self.birth_date)
            + self.expiry_date
            + check_digit(self.expiry_date)
        )

    def __repr__(self) -> str:
        return "MrzInfo(<masked>)"


@dataclass(frozen=True)
class MrzData:
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: dt.date
    sex: str
    expiry_date: dt.date
    optional_data: str

    def __repr__(self) -> str:
        return f"MrzData(document_code={self.document_code!r}, <personal fields masked>)"


def _name(field: str) -> tuple[str, str]:
    surname, _, given = field.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _sex(c: str) -> str:
    if c not in ("M", "F", "<", "X"):
        raise MrzError("sex", "sex must be M, F, X or <")
    return "X" if c == "<" else c


def parse_td3(mrz: str, today: dt.date | None = None) -> MrzData:
    """Passport MRZ: two lines of 44 characters (newlines optional)."""
    s = mrz.replace("\n", "").replace("\r", "")
    if len(s) != 88:
        raise MrzError("length", "a TD3 MRZ has 2 lines of 44 characters")
    for c in s:
        char_value(c)
    l1, l2 = s[:44], s[44:]
    verify(l2[0:9], l2[9], "document number")
    verify(l2[13:19], l2[19], "birth date")
    verify(l2[21:27], l2[27], "expiry date")
    verify(l2[28:42], l2[42], "optional data")
    verify(l2[0:10] + l2[13:20] + l2[21:43], l2[43], "whole line")
    surname, given = _name(l1[5:44])
    return MrzData(
        document_code=l1[0:2].rstrip("<"),
        issuing_state=l1[2:5].rstrip("<"),
        surname=surname,
        given_names=given,
        document_number=l2[0:9].rstrip("<"),
        nationality=l2[10:13].rstrip("<"),
        birth_date=parse_yymmdd(l2[13:19], kind="birth date", today=today),
        sex=_sex(l2[20]),
        expiry_date=parse_yymmdd(l2[21:27], kind="expiry date", today=today),
        optional_data=l2[28:42].rstrip("<"),
    )


def parse_td1(mrz: str, today: dt.date | None = None) -> MrzData:
    """ID-card MRZ: three lines of 30 characters."""
    s = mrz.replace("\n", "").replace("\r", "")
    if len(s) != 90:
        raise MrzError("length", "a TD1 MRZ has 3 lines of 30 characters")
    for c in s:
        char_value(c)
    l1, l2, l3 = s[:30], s[30:60], s[60:]
    verify(l1[5:14], l1[14], "document number")
    verify(l2[0:6], l2[6], "birth date")
    verify(l2[8:14], l2[14], "expiry date")
    verify(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29], "whole MRZ")
    surname, given = _name(l3)
    return MrzData(
        document_code=l1[0:2].rstrip("<"),
        issuing_state=l1[2:5].rstrip("<"),
        surname=surname,
        given_names=given,
        document_number=l1[5:14].rstrip("<"),
        nationality=l2[15:18].rstrip("<"),
        birth_date=parse_yymmdd(l2[0:6], kind="birth date", today=today),
        sex=_sex(l2[7]),
        expiry_date=parse_yymmdd(l2[8:14], kind="expiry date", today=today),
        optional_data=l1[15:30].rstrip("<"),
    )


def parse_td2(mrz: str, today: dt.date | None = None) -> MrzData:
    """TD2 MRZ: two lines of 36 characters."""
    s = mrz.replace("\n", "").replace("\r", "")
    if len(s) != 72:
        raise MrzError("length", "a TD2 MRZ has 2 lines of 36 characters")
    for c in s:
        char_value(c)
    l1, l2 = s[:36], s[36:]
    verify(l2[0:9], l2[9], "document number")
    verify(l2[13:19], l2[19], "birth date")
    verify(l2[21:27], l2[27], "expiry date")
    verify(l2[0:10] + l2[13:20] + l2[21:35], l2[35], "whole line")
    surname, given = _name(l1[5:36])
    return MrzData(
        document_code=l1[0:2].rstrip("<"),
        issuing_state=l1[2:5].rstrip("<"),
        surname=surname,
        given_names=given,
        document_number=l2[0:9].rstrip("<"),
        nationality=l2[10:13].rstrip("<"),
        birth_date=parse_yymmdd(l2[13:19], kind="birth date", today=today),
        sex=_sex(l2[20]),
        expiry_date=parse_yymmdd(l2[21:27], kind="expiry date", today=today),
        optional_data=l2[28:35].rstrip("<"),
    )


def parse_any(mrz: str, today: dt.date | None = None) -> MrzData:
    """Pick TD1/TD2/TD3 by length (90/72/88 characters without newlines)."""
    s = mrz.replace("\n", "").replace("\r", "")
    parsers = {88: parse_td3, 90: parse_td1, 72: parse_td2}
    if len(s) not in parsers:
        raise MrzError("length", f"an MRZ has 72, 88 or 90 characters, got {len(s)}")
    return parsers[len(s)](s, today)
