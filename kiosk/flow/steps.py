"""The steps a citizen moves through; each maps to one screen in ``kiosk.ui``."""

from enum import StrEnum


class Step(StrEnum):
    WELCOME = "welcome"
    AGENCY = "agency"
    SERVICE = "service"
    CONFIRM = "confirm"
    IDENTIFY = "identify"
    PASSPORT = "passport"
    BOOKING = "booking"
    PAYMENT = "payment"
    ISSUING = "issuing"
    TICKET = "ticket"
    ISSUE_FAILED = "issue_failed"
    UNAVAILABLE = "unavailable"
    # The satisfaction survey (survey.py): the ticket, nine questions, about you, suggestion, thanks.
    SURVEY_TICKET = "survey_ticket"
    SURVEY_QUESTION = "survey_question"
    SURVEY_ABOUT = "survey_about"
    SURVEY_SUGGESTION = "survey_suggestion"
    SURVEY_THANKS = "survey_thanks"


# Steps where an unattended kiosk must warn and then wipe the session. ISSUING is excluded: the
# kiosk, not the citizen, is busy there. TICKET has its own shorter display timeout.
IDLE_GUARDED = frozenset(
    {
        Step.AGENCY,
        Step.SERVICE,
        Step.CONFIRM,
        Step.IDENTIFY,
        Step.PASSPORT,
        Step.BOOKING,
        Step.ISSUE_FAILED,
        Step.UNAVAILABLE,
        Step.SURVEY_TICKET,
        Step.SURVEY_QUESTION,
        Step.SURVEY_ABOUT,
        Step.SURVEY_SUGGESTION,
    }
)
