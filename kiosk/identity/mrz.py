"""ICAO 9303 machine readable zone: check digits, the BAC key seed input, TD1/TD3 parsing.

Dates in the MRZ have two-digit years; the century is chosen relative to ``today`` (a birth date
is never in the future, an expiry is at most 20 years ahead).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

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


# A field's place in the MRZ: (line, first column, column after the last), as ICAO 9303 gives them.
_Place = tuple[int, int, int]


@dataclass(frozen=True)
class _Layout:
    """Where TD1, TD2 and TD3 keep each field; one parser reads all three through it."""

    name: str
    lines: int
    width: int
    document_number: _Place
    nationality: _Place
    birth_date: _Place
    sex: _Place
    expiry_date: _Place
    optional_data: _Place
    names: _Place
    # (what, the places it covers, the place of its check digit), verified in this order: a
    # field's own digit before the composite one, so the error names the field that is wrong.
    checks: tuple[tuple[str, tuple[_Place, ...], _Place], ...]


_TD3 = _Layout(
    name="TD3",
    lines=2,
    width=44,
    document_number=(1, 0, 9),
    nationality=(1, 10, 13),
    birth_date=(1, 13, 19),
    sex=(1, 20, 21),
    expiry_date=(1, 21, 27),
    optional_data=(1, 28, 42),
    names=(0, 5, 44),
    checks=(
        ("document number", ((1, 0, 9),), (1, 9, 10)),
        ("birth date", ((1, 13, 19),), (1, 19, 20)),
        ("expiry date", ((1, 21, 27),), (1, 27, 28)),
        ("optional data", ((1, 28, 42),), (1, 42, 43)),
        ("whole line", ((1, 0, 10), (1, 13, 20), (1, 21, 43)), (1, 43, 44)),
    ),
)
# TD2 is TD3 on 36 columns, with a shorter optional field that has no check digit of its own.
_TD2 = replace(
    _TD3,
    name="TD2",
    width=36,
    optional_data=(1, 28, 35),
    names=(0, 5, 36),
    checks=(
        *_TD3.checks[:3],
        ("whole line", ((1, 0, 10), (1, 13, 20), (1, 21, 35)), (1, 35, 36)),
    ),
)
_TD1 = _Layout(
    name="TD1",
    lines=3,
    width=30,
    document_number=(0, 5, 14),
    nationality=(1, 15, 18),
    birth_date=(1, 0, 6),
    sex=(1, 7, 8),
    expiry_date=(1, 8, 14),
    optional_data=(0, 15, 30),
    names=(2, 0, 30),
    checks=(
        ("document number", ((0, 5, 14),), (0, 14, 15)),
        ("birth date", ((1, 0, 6),), (1, 6, 7)),
        ("expiry date", ((1, 8, 14),), (1, 14, 15)),
        ("whole MRZ", ((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)), (1, 29, 30)),
    ),
)


def _parse(mrz: str, layout: _Layout, today: dt.date | None) -> MrzData:
    s = mrz.replace("\n", "").replace("\r", "")
    if len(s) != layout.lines * layout.width:
        raise MrzError("length", f"a {layout.name} MRZ has {layout.lines} lines of {layout.width} characters")
    for c in s:
        char_value(c)

    def at(place: _Place) -> str:
        line, start, stop = place
        return s[line * layout.width + start : line * layout.width + stop]

    for what, covered, digit in layout.checks:
        verify("".join(at(place) for place in covered), at(digit), what)
    surname, given = _name(at(layout.names))
    return MrzData(
        document_code=at((0, 0, 2)).rstrip("<"),
        issuing_state=at((0, 2, 5)).rstrip("<"),
        surname=surname,
        given_names=given,
        document_number=at(layout.document_number).rstrip("<"),
        nationality=at(layout.nationality).rstrip("<"),
        birth_date=parse_yymmdd(at(layout.birth_date), kind="birth date", today=today),
        sex=_sex(at(layout.sex)),
        expiry_date=parse_yymmdd(at(layout.expiry_date), kind="expiry date", today=today),
        optional_data=at(layout.optional_data).rstrip("<"),
    )


def parse_td3(mrz: str, today: dt.date | None = None) -> MrzData:
    """Passport MRZ: two lines of 44 characters (newlines optional)."""
    return _parse(mrz, _TD3, today)


def parse_td1(mrz: str, today: dt.date | None = None) -> MrzData:
    """ID-card MRZ: three lines of 30 characters."""
    return _parse(mrz, _TD1, today)


def parse_td2(mrz: str, today: dt.date | None = None) -> MrzData:
    """TD2 MRZ: two lines of 36 characters."""
    return _parse(mrz, _TD2, today)


def parse_any(mrz: str, today: dt.date | None = None) -> MrzData:
    """Pick TD1/TD2/TD3 by length (90/72/88 characters without newlines)."""
    s = mrz.replace("\n", "").replace("\r", "")
    parsers = {88: parse_td3, 90: parse_td1, 72: parse_td2}
    if len(s) not in parsers:
        raise MrzError("length", f"an MRZ has 72, 88 or 90 characters, got {len(s)}")
    return parsers[len(s)](s, today)
