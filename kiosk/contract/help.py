"""Help requests: a citizen at the kiosk presses "Call staff"; staff acknowledge (issue 15).

What travels is the kiosk's current step and nothing about the citizen: no name, no NIK, no
ticket. A request belongs to one kiosk session (its Idempotency-Key); a new session's request
closes the terminal's older ones, so a late acknowledgement never reaches the next citizen.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from kiosk.contract.base import RequestModel, ResponseModel

HelpStep = Literal[
    "welcome",
    "agency",
    "service",
    "confirm",
    "identify",
    "passport",
    "booking",
    "payment",
    "issuing",
    "ticket",
    "issue_failed",
    "unavailable",
    "survey_ticket",
    "survey_question",
    "survey_about",
    "survey_suggestion",
    "survey_thanks",
]
"""The kiosk screen the citizen is on: every step of kiosk.flow.steps.Step (a test keeps them equal)."""
HelpState = Literal["open", "acknowledged", "cancelled", "closed"]
"""open: nobody answered yet; acknowledged: a staff member is coming; cancelled: the kiosk withdrew
it (the session ended); closed: a newer request of the terminal replaced it."""


class HelpRequestCreate(RequestModel):
    """Body of POST /v1/help-requests."""

    step: HelpStep


class HelpRequestView(ResponseModel):
    """A help request as the kiosk sees it."""

    id: str
    state: HelpState
    step: str
    created_at: AwareDatetime
    acknowledged_at: AwareDatetime | None = None
    acknowledged_by: str | None = Field(default=None, max_length=80)
    """The display name of the staff member who is coming (set once acknowledged)."""
