"""The satisfaction survey's steps of the citizen flow (SKM, issue 18): the ticket (its QR code
under the scanner, or its number on the keypad), checked with the central; nine questions, one per
screen; the optional respondent questions; an optional suggestion; sent; thanks.

A mixin of ``CitizenFlow`` like ``booking.py`` (guards ``_guard_*``, actions ``_act_*``, named in
``table.py``). The check and the sending run on the survey client's worker and come back as
events ("survey_checked" / "survey_sent", or "survey_failed" with a reason), dropped if the
citizen has gone by then. Nothing here identifies the citizen: a ticket, nine scores and bands.
"""

from __future__ import annotations

import re
import uuid
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from kiosk.contract.survey import (
    AGE_BANDS,
    EDUCATIONS,
    ELEMENTS,
    OCCUPATIONS,
    SEXES,
    SUGGESTION_MAX,
    RatingReceipt,
    RatingRequest,
    RatingStatus,
    Respondent,
)
from kiosk.contract.tickets import ticket_number

if TYPE_CHECKING:
    from .session import CitizenSession
    from .status import KioskStatus

T = TypeVar("T")
NUMBER_MAX = 7  # "AB-1234" without the dash is 6; one more for a slip of the finger
RESPONDENT_CHOICES: dict[str, tuple[str, ...]] = {
    "age_band": AGE_BANDS,
    "sex": SEXES,
    "education": EDUCATIONS,
    "occupation": OCCUPATIONS,
}
# Two respondent questions a screen: all four do not fit a short panel in easy access.
ABOUT_PAGES: tuple[tuple[str, ...], ...] = (("age_band", "sex"), ("education", "occupation"))
# What the ticket's QR code says: the tracking page's URL, ending in the ticket's id.
_TRACK_URL = re.compile(r"/t/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[?#].*)?$")
_NUMBER = re.compile(r"^([A-Z]{1,2})-?([0-9]{1,4})$")


class RatingService(Protocol):
    def check(self, ticket: str) -> Future[RatingStatus]:
        """Served and not rated yet, or fails with ``reason`` (not_found, not_served, already_rated, unavailable)."""

    def submit(self, rating: RatingRequest, key: str) -> Future[RatingReceipt]:
        """Send the rating under the Idempotency-Key ``key``; fails with ``reason`` like ``check``."""


@dataclass
class SurveyDraft:
    """The rating being filled in; part of the session, so it goes when the citizen does."""

    entry: str = ""  # the ticket number typed so far (letters and digits, no dash)
    ticket_id: str | None = None  # once the central said this ticket may be rated
    number: str = ""  # its number, for the screens
    scores: list[int] = field(default_factory=list)
    index: int = 0  # the question on screen (0..8)
    respondent: dict[str, str] = field(default_factory=dict)
    about_page: int = 0  # which of ABOUT_PAGES is on screen
    suggestion: str = ""
    sending: bool = False
    # One key per rating being filled in: sending again after a failure repeats it, so a first
    # attempt that did arrive answers "thank you" again instead of "already rated".
    idem_key: str = field(default_factory=lambda: str(uuid.uuid4()))


def ticket_from_scan(text: str) -> str | None:
    """The ticket id in a scanned tracking URL (the ticket's QR code), else None."""
    found = _TRACK_URL.search(text.strip())
    return found.group(1) if found else None


def number_from_entry(entry: str) -> str | None:
    """ "B23", "b-023" -> "B-023"; None when it cannot be a ticket number."""
    found = _NUMBER.match(entry.strip().upper())
    if found is None:
        return None
    return ticket_number(found.group(1), int(found.group(2)))


def typed_number_key(current: str, key: str) -> str:
    if key == "back":
        return current[:-1]
    if key == "clear":
        return ""
    key = key.upper()
    if len(key) == 1 and key.isascii() and key.isalnum() and len(current) < NUMBER_MAX:
        return current + key
    return current


def typed_text_key(current: str, key: str) -> str:
    """The suggestion after one key of the on-screen keyboard."""
    if key == "back":
        return current[:-1]
    if key == "clear":
        return ""
    if key == "space":
        key = " "
    if len(key) == 1 and key.isprintable() and len(current) < SUGGESTION_MAX:
        return current + key
    return current


class SurveySteps:
    """Guards and actions of the SURVEY_* steps (see ``table.py``)."""

    session: CitizenSession
    status: KioskStatus
    _ratings: RatingService | None

    # Provided by CitizenFlow, the class this is mixed into.
    def _answer_later(self, future: Future[T], found: str, key: str, failed: str) -> None:
        raise NotImplementedError

    @property
    def _draft(self) -> SurveyDraft:
        return self.session.survey

    def _guard_survey_available(self, **_: Any) -> bool:
        # A kiosk closed for the day takes no session of any kind (the welcome screen says so).
        return self._ratings is not None and not self.status.closed_message

    def _guard_rating_scanned(self, text: str = "", **_: Any) -> bool:
        return self._guard_survey_available() and ticket_from_scan(text) is not None

    def _guard_survey_last_question(self, **_: Any) -> bool:
        return self._draft.index == len(ELEMENTS) - 1

    def _guard_survey_not_sending(self, **_: Any) -> bool:
        # Leaving the suggestion step while the rating is on its way would drop its answer on a
        # step that does not take it, and "sending" would stay set: the survey stuck.
        return not self._draft.sending

    def _guard_survey_not_first_question(self, **_: Any) -> bool:
        return self._draft.index > 0

    def _guard_survey_more_about(self, **_: Any) -> bool:
        return self._draft.about_page < len(ABOUT_PAGES) - 1

    def _guard_survey_later_about(self, **_: Any) -> bool:
        return self._draft.about_page > 0

    def _act_survey_about_page(self, **_: Any) -> None:
        self._draft.about_page += 1

    def _act_survey_about_back(self, **_: Any) -> None:
        self._draft.about_page -= 1

    def _act_survey_key(self, key: str = "", **_: Any) -> None:
        if not self.session.lookup_pending:
            self._draft.entry = typed_number_key(self._draft.entry, key)

    def _act_survey_text(self, text: str = "", **_: Any) -> None:
        # The scanner types the ticket's QR code (its tracking URL): check that ticket at once.
        if self.session.lookup_pending:
            return
        ticket_id = ticket_from_scan(text)
        if ticket_id is not None:
            self._check(ticket_id)
            return
        for c in text:
            self._act_survey_key(key=c)

    def _act_survey_submit(self, **_: Any) -> None:
        if self.session.lookup_pending:
            return
        number = number_from_entry(self._draft.entry)
        if number is None:
            self.session.notice = "survey.format"
            return
        self._check(number)

    def _check(self, ticket: str) -> None:
        if self._ratings is None:
            self.session.notice = "survey.unavailable"
            return
        self.session.lookup_pending = True
        self.session.notice = "survey.checking"
        self._answer_later(self._ratings.check(ticket), "survey_checked", "status", "survey_failed")

    def _act_survey_checked(self, status: RatingStatus, **_: Any) -> None:
        self.session.lookup_pending = False
        self.session.notice = None
        self.session.survey = SurveyDraft(ticket_id=status.ticket_id, number=status.ticket_number)

    def _act_survey_failed(self, reason: str = "unavailable", **_: Any) -> None:
        self.session.lookup_pending = False
        self._draft.sending = False
        self.session.notice = f"survey.{reason}"

    def _act_survey_answer(self, score: int = 0, **_: Any) -> None:
        d = self._draft
        if not 1 <= score <= 4 or d.index >= len(ELEMENTS):
            return
        del d.scores[d.index :]  # answering again after "back" replaces the answer
        d.scores.append(score)
        if d.index < len(ELEMENTS) - 1:
            d.index += 1

    def _act_survey_previous(self, **_: Any) -> None:
        self._draft.index -= 1

    def _act_survey_respondent(self, question: str = "", value: str = "", **_: Any) -> None:
        choices = RESPONDENT_CHOICES.get(question)
        if choices is None or question not in ABOUT_PAGES[self._draft.about_page]:
            return
        if value in choices and self._draft.respondent.get(question) != value:
            self._draft.respondent[question] = value
        else:  # a second touch on the chosen answer takes it back: every question is optional
            self._draft.respondent.pop(question, None)

    def _act_survey_type(self, key: str = "", **_: Any) -> None:
        if not self._draft.sending:
            self._draft.suggestion = typed_text_key(self._draft.suggestion, key)

    def _act_survey_typed_text(self, text: str = "", **_: Any) -> None:
        for c in text:
            self._act_survey_type(key=c)

    def _act_survey_send(self, **_: Any) -> None:
        d = self._draft
        if d.sending or d.ticket_id is None or len(d.scores) != len(ELEMENTS):
            return
        if self._ratings is None:
            self.session.notice = "survey.unavailable"
            return
        rating = RatingRequest.model_validate(
            {
                "ticket_id": d.ticket_id,
                **dict(zip(ELEMENTS, d.scores, strict=True)),
                "respondent": Respondent.model_validate(d.respondent) if d.respondent else None,
                "suggestion": d.suggestion.strip() or None,
                "language": self.session.language,
            }
        )
        d.sending = True
        self.session.notice = "survey.sending"
        self._answer_later(self._ratings.submit(rating, d.idem_key), "survey_sent", "receipt", "survey_failed")

    def _act_survey_sent(self, **_: Any) -> None:
        self._draft.sending = False
        self.session.notice = None
