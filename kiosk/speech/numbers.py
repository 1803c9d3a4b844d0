"""Ticket numbers as words a listener understands, in Bahasa Indonesia and English.

Why "B, dua puluh tiga" and not "B, nol dua tiga": the citizen must recognise the number when
the hall's caller announces it, and Indonesian queue callers say the sequence as a cardinal
number after the letter ("Nomor antrean B dua puluh tiga, silakan menuju loket lima"); the
leading zeros on the ticket are padding for the printed layout, nobody says them. The letter is
written as its spoken name ("be", "bee") so the synthesiser never reads it as a word or an
article ("A" in English), and a comma after it gives a short pause that separates letter and
number. ``style="digits"`` reads every digit instead ("B, nol dua tiga"), for sites whose callers
do that. Pure functions: no I/O, no espeak-ng.
"""

from __future__ import annotations

import re
from typing import Literal

NumberStyle = Literal["cardinal", "digits"]

_TICKET = re.compile(r"^\s*([A-Za-z]{1,2})\s*-?\s*([0-9]{1,7})\s*$")

_ID_LETTERS = {
    "A": "a",
    "B": "be",
    "C": "ce",
    "D": "de",
    "E": "e",
    "F": "ef",
    "G": "ge",
    "H": "ha",
    "I": "i",
    "J": "je",
    "K": "ka",
    "L": "el",
    "M": "em",
    "N": "en",
    "O": "o",
    "P": "pe",
    "Q": "ki",
    "R": "er",
    "S": "es",
    "T": "te",
    "U": "u",
    "V": "fe",
    "W": "we",
    "X": "eks",
    "Y": "ye",
    "Z": "zet",
}
_EN_LETTERS = {
    "A": "ay",
    "B": "bee",
    "C": "see",
    "D": "dee",
    "E": "ee",
    "F": "eff",
    "G": "gee",
    "H": "aitch",
    "I": "eye",
    "J": "jay",
    "K": "kay",
    "L": "el",
    "M": "em",
    "N": "en",
    "O": "oh",
    "P": "pee",
    "Q": "cue",
    "R": "ar",
    "S": "ess",
    "T": "tee",
    "U": "you",
    "V": "vee",
    "W": "double-you",
    "X": "ex",
    "Y": "why",
    "Z": "zed",
}
_ID_DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
_EN_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

_ANNOUNCE = {"id": "Nomor antrean Anda: {words}.", "en": "Your queue number is {words}."}


class BadTicketNumber(ValueError):
    """The text is not a ticket number like "B-023"."""


def indonesian_cardinal(n: int) -> str:
    """0..999 999 999 in words: 23 -> "dua puluh tiga", 100 -> "seratus", 1000 -> "seribu"."""
    if n < 0 or n >= 1_000_000_000:
        raise ValueError(f"{n} is out of range")
    if n < 10:
        return _ID_DIGITS[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_ID_DIGITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_ID_DIGITS[tens]} puluh" + (f" {_ID_DIGITS[rest]}" if rest else "")
    for size, single, word in ((1_000_000, "satu juta", "juta"), (1000, "seribu", "ribu"), (100, "seratus", "ratus")):
        if n >= size:
            head, rest = divmod(n, size)
            # "seratus"/"seribu" for exactly one, but "satu juta" (Indonesian usage).
            out = single if head == 1 else f"{indonesian_cardinal(head)} {word}"
            return out + (f" {indonesian_cardinal(rest)}" if rest else "")
    raise AssertionError("unreachable")


def english_cardinal(n: int) -> str:
    """0..999 999 999 in words: 23 -> "twenty-three", 105 -> "one hundred and five"."""
    if n < 0 or n >= 1_000_000_000:
        raise ValueError(f"{n} is out of range")
    if n < 10:
        return _EN_DIGITS[n]
    if n < 20:
        return _EN_TEENS[n - 10]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_EN_DIGITS[rest]}" if rest else "")
    if n < 1000:
        head, rest = divmod(n, 100)
        return f"{_EN_DIGITS[head]} hundred" + (f" and {english_cardinal(rest)}" if rest else "")
    for size, word in ((1_000_000, "million"), (1000, "thousand")):
        if n >= size:
            head, rest = divmod(n, size)
            joiner = " and " if 0 < rest < 100 else " "
            return f"{english_cardinal(head)} {word}" + (f"{joiner}{english_cardinal(rest)}" if rest else "")
    raise AssertionError("unreachable")


def ticket_number_words(number: str, language: str, style: NumberStyle = "cardinal") -> str:
    """ "B-023" -> "be, dua puluh tiga" (id) / "bee, twenty-three" (en); digits style:
    "be, nol dua tiga" / "bee, zero two three". Raises ``BadTicketNumber`` for anything else."""
    m = _TICKET.match(number)
    if m is None:
        raise BadTicketNumber(f"{number!r} is not a ticket number like 'B-023'")
    if language not in ("id", "en"):
        raise ValueError(f"language must be 'id' or 'en', not {language!r}")
    letters_map = _ID_LETTERS if language == "id" else _EN_LETTERS
    letters = " ".join(letters_map[c] for c in m[1].upper())
    digits = m[2]
    if style == "digits":
        names = _ID_DIGITS if language == "id" else _EN_DIGITS
        spoken = " ".join(names[int(d)] for d in digits)
    else:
        spoken = (indonesian_cardinal if language == "id" else english_cardinal)(int(digits))
    return f"{letters}, {spoken}"


def ticket_announcement(number: str, language: str, style: NumberStyle = "cardinal") -> str:
    """The sentence the kiosk speaks for an issued ticket, e.g. "Nomor antrean Anda: be, dua puluh tiga."."""
    return _ANNOUNCE[language].format(words=ticket_number_words(number, language, style))
