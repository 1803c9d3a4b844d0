"""Ticket numbers in words (pure functions), checked by example and by hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.speech import (
    BadTicketNumber,
    english_cardinal,
    indonesian_cardinal,
    ticket_announcement,
    ticket_number_words,
)


@pytest.mark.parametrize(
    "number,lang,style,words",
    [
        ("B-023", "id", "cardinal", "be, dua puluh tiga"),
        ("B-023", "en", "cardinal", "bee, twenty-three"),
        ("B-023", "id", "digits", "be, nol dua tiga"),
        ("B-023", "en", "digits", "bee, zero two three"),
        ("A-001", "id", "cardinal", "a, satu"),
        ("K-011", "id", "cardinal", "ka, sebelas"),
        ("K-010", "id", "cardinal", "ka, sepuluh"),
        ("T-100", "id", "cardinal", "te, seratus"),
        ("T-115", "id", "cardinal", "te, seratus lima belas"),
        ("T-115", "en", "cardinal", "tee, one hundred and fifteen"),
        ("S-999", "id", "cardinal", "es, sembilan ratus sembilan puluh sembilan"),
        ("H-1000", "id", "cardinal", "ha, seribu"),
        ("H-1205", "en", "cardinal", "aitch, one thousand two hundred and five"),
        ("W-2001", "en", "cardinal", "double-you, two thousand and one"),
        (" b 023 ", "id", "cardinal", "be, dua puluh tiga"),
    ],
)
def test_examples(number, lang, style, words):
    assert ticket_number_words(number, lang, style) == words


def test_announcements():
    assert ticket_announcement("B-023", "id") == "Nomor antrean Anda: be, dua puluh tiga."
    assert ticket_announcement("B-023", "en") == "Your queue number is bee, twenty-three."


@pytest.mark.parametrize("bad", ["", "023", "B-", "B--023", "ABC-1", "B-02a", "B-12345678"])
def test_rejects_non_ticket_numbers(bad):
    with pytest.raises(BadTicketNumber):
        ticket_number_words(bad, "id")


def test_rejects_unknown_language():
    with pytest.raises(ValueError):
        ticket_number_words("B-023", "fr")


def _id_value(words: str) -> int:
    """Parse Indonesian number words back into an int (an independent check of the generator)."""
    units = {
        w: i
        for i, w in enumerate(["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"])
    }
    tokens = (
        words.replace("sepuluh", "satu puluh")
        .replace("sebelas", "satu belas")
        .replace("seratus", "satu ratus")
        .replace("seribu", "satu ribu")
        .split()
    )
    total = group = current = 0
    for tok in tokens:
        if tok in units:
            current = units[tok]
        elif tok == "belas":
            group += 10 + current
            current = 0
        elif tok == "puluh":
            group += current * 10
            current = 0
        elif tok == "ratus":
            group += current * 100
            current = 0
        elif tok in ("ribu", "juta"):
            total += (group + current) * (1000 if tok == "ribu" else 1_000_000)
            group = current = 0
        else:
            raise AssertionError(tok)
    return total + group + current


@given(st.integers(min_value=0, max_value=999_999_999))
def test_indonesian_words_round_trip(n):
    assert _id_value(indonesian_cardinal(n)) == n


@given(st.integers(min_value=0, max_value=999_999_999))
def test_english_words_are_words(n):
    words = english_cardinal(n)
    assert words and all(part.isalpha() for part in words.replace("-", " ").split())


@given(
    st.sampled_from("ABCDEFGHJKLMNPRSTUVWXYZ"), st.integers(min_value=1, max_value=9999), st.sampled_from(["id", "en"])
)
def test_any_ticket_number_has_words_in_both_languages(letter, seq, lang):
    words = ticket_number_words(f"{letter}-{seq:03d}", lang)
    head, _, tail = words.partition(", ")
    assert head and tail and not any(ch.isdigit() for ch in words)
