"""The hall caller's sentence for a call, in Bahasa Indonesia and English.

Ticket numbers are spoken by ``kiosk.speech.numbers`` (the kiosk's own announcement uses it too), so
the hall says a number the way the kiosk told the citizen, given the same style. ``"digits"`` is the
default here because the hall brief's example says "A nol dua tiga"; a site whose callers say
"A dua puluh tiga" sets ``"cardinal"``. The counter label is said as a number when it is one
("5" -> "lima"), and letter by letter with its number otherwise ("B2" -> "be, dua").
"""

from __future__ import annotations

import re

from kiosk.speech.numbers import (
    BadTicketNumber,
    NumberStyle,
    english_cardinal,
    indonesian_cardinal,
    ticket_number_words,
)

_SENTENCE = {
    "id": "Nomor antrean {number}, silakan ke loket {counter}.",
    "en": "Number {number}, please go to counter {counter}.",
}
_NUMERIC_LABEL = re.compile(r"^[0-9]{1,4}$")
_LETTERED_LABEL = re.compile(r"^[A-Za-z]{1,2}-?[0-9]{1,4}$")


class BadCounterLabel(ValueError):
    """A counter label the caller cannot say (only "5" or "B2"-like labels are spoken)."""


def counter_label_words(label: str, language: str) -> str:
    label = label.strip()
    if _NUMERIC_LABEL.match(label):
        return (indonesian_cardinal if language == "id" else english_cardinal)(int(label))
    if _LETTERED_LABEL.match(label):
        return ticket_number_words(label, language, "cardinal")
    raise BadCounterLabel("a counter label is a number like '5' or letters and a number like 'B2'")


def call_text(number: str, counter_label: str, language: str, style: NumberStyle = "digits") -> str:
    """E.g. ("A-023", "5", "id") -> "Nomor antrean a, nol dua tiga, silakan ke loket lima."."""
    if language not in _SENTENCE:
        raise ValueError("language must be 'id' or 'en'")
    if len(number) > 16:
        # ticket_number_words quotes what it refuses; keep an overlong input out of the message.
        raise BadTicketNumber("a ticket number is at most 16 characters, like 'B-023'")
    return _SENTENCE[language].format(
        number=ticket_number_words(number, language, style), counter=counter_label_words(counter_label, language)
    )
