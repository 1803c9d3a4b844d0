"""Speech output for accessibility mode: espeak-ng on its own worker, plus ticket numbers in words.

Qt-free. The flow decides *what* to say (step texts, the ticket announcement); ``Speaker`` says it.
"""

from kiosk.speech.numbers import (
    BadTicketNumber,
    english_cardinal,
    indonesian_cardinal,
    ticket_announcement,
    ticket_number_words,
)
from kiosk.speech.settings import SpeechSettings
from kiosk.speech.speaker import Speaker, Utterance

__all__ = [
    "BadTicketNumber",
    "Speaker",
    "SpeechSettings",
    "Utterance",
    "english_cardinal",
    "indonesian_cardinal",
    "ticket_announcement",
    "ticket_number_words",
]
