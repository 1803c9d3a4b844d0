"""The hall caller's sentence, in both languages, reusing the kiosk's number words."""

from __future__ import annotations

import pytest

from central.domain import BadCounterLabel, call_text
from kiosk.speech import BadTicketNumber, ticket_number_words


@pytest.mark.parametrize(
    "language,style,text",
    [
        ("id", "digits", "Nomor antrean a, nol dua tiga, silakan ke loket lima."),
        ("en", "digits", "Number ay, zero two three, please go to counter five."),
        ("id", "cardinal", "Nomor antrean a, dua puluh tiga, silakan ke loket lima."),
        ("en", "cardinal", "Number ay, twenty-three, please go to counter five."),
    ],
)
def test_the_issue_examples(language, style, text):
    assert call_text("A-023", "5", language, style) == text


@pytest.mark.parametrize(
    "label,language,words",
    [
        ("12", "id", "loket dua belas."),
        ("12", "en", "counter twelve."),
        ("B2", "id", "loket be, dua."),
        ("B-2", "en", "counter bee, two."),
    ],
)
def test_counter_labels(label, language, words):
    assert call_text("C-101", label, language).endswith(words)


def test_the_number_is_said_as_the_kiosk_says_it():
    assert ticket_number_words("K-011", "id", "digits") in call_text("K-011", "3", "id")


@pytest.mark.parametrize("label", ["", "Loket lima", "5a", "12345"])
def test_unsayable_labels_are_refused(label):
    with pytest.raises(BadCounterLabel):
        call_text("A-001", label, "id")


def test_refusals_do_not_echo_long_input():
    with pytest.raises(BadTicketNumber) as refused:
        call_text("X" * 5000, "5", "id")
    assert len(str(refused.value)) < 100
    with pytest.raises(ValueError):
        call_text("A-001", "5", "fr")
