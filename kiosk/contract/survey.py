"""Wire models of the satisfaction survey (SKM, PermenPANRB 14/2017; issue 18).

A citizen rates the service of one served ticket, once: the nine elements of the regulation, each
on its four-point scale (1 = worst, 4 = best), optional respondent data in bands (never a NIK or a
name), and an optional suggestion. The kiosk sends it with its terminal token (it may name the
ticket by its number, typed on the keypad); the phone page sends it with the ticket's id alone
(the UUID printed in the ticket's QR code is what proves the citizen holds the ticket).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, Field

from .base import RequestModel, ResponseModel, WireInt
from .tickets import Language

ELEMENTS: tuple[str, ...] = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")
"""U1 requirements, U2 procedure, U3 time, U4 cost/fee, U5 product specification, U6 competence,
U7 behaviour, U8 complaint handling, U9 facilities (the regulation's order)."""

AgeBand = Literal["under_20", "20_29", "30_39", "40_49", "50_59", "60_plus"]
Sex = Literal["male", "female"]
Education = Literal["sd", "smp", "sma", "diploma", "s1", "s2_s3"]
Occupation = Literal["pns", "tni_polri", "private", "self_employed", "student", "other"]
AGE_BANDS: tuple[AgeBand, ...] = ("under_20", "20_29", "30_39", "40_49", "50_59", "60_plus")
SEXES: tuple[Sex, ...] = ("male", "female")
EDUCATIONS: tuple[Education, ...] = ("sd", "smp", "sma", "diploma", "s1", "s2_s3")
OCCUPATIONS: tuple[Occupation, ...] = ("pns", "tni_polri", "private", "self_employed", "student", "other")
SUGGESTION_MAX = 500
TICKET_ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
TICKET_NUMBER_PATTERN = r"^[A-Z]{1,2}-[0-9]{3,4}$"

Score = Field(ge=1, le=4)


class Respondent(RequestModel):
    """The respondent questions of the regulation, each optional, each a band (never exact)."""

    age_band: AgeBand | None = None
    sex: Sex | None = None
    education: Education | None = None
    occupation: Occupation | None = None


class RatingRequest(RequestModel):
    """Body of POST /v1/ratings."""

    ticket_id: str | None = Field(default=None, pattern=TICKET_ID_PATTERN)
    """The ticket's id (from its QR code); it wins when ``ticket_number`` is given too."""
    ticket_number: str | None = Field(default=None, pattern=TICKET_NUMBER_PATTERN)
    """Today's ticket number, e.g. "B-023" (terminals only: a number is easy to guess). A rating
    naming neither field names no ticket: 404."""
    u1: WireInt = Score
    u2: WireInt = Score
    u3: WireInt = Score
    u4: WireInt = Score
    u5: WireInt = Score
    u6: WireInt = Score
    u7: WireInt = Score
    u8: WireInt = Score
    u9: WireInt = Score
    respondent: Respondent | None = None
    suggestion: str | None = Field(default=None, max_length=SUGGESTION_MAX)
    language: Language = "id"

    def scores(self) -> tuple[int, ...]:
        return tuple(getattr(self, e) for e in ELEMENTS)


class RatingReceipt(ResponseModel):
    """The central took the rating."""

    ticket_number: str
    service_id: str
    business_date: date
    rated_at: AwareDatetime


class RatingStatus(ResponseModel):
    """GET /v1/ratings/{ticket}: may this ticket be rated now (the kiosk and phone page ask first)."""

    ticket_id: str
    ticket_number: str
    served: bool
    rated: bool
