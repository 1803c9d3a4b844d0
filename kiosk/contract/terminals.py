"""Terminal enrolment: a one-time code from the central's administrator -> a terminal token."""

from __future__ import annotations

from pydantic import Field

from kiosk.contract.base import RequestModel, ResponseModel


class EnrolRequest(RequestModel):
    """Body of POST /v1/terminals/enrol (no token needed: this is how a kiosk gets one)."""

    code: str = Field(min_length=6, max_length=64, repr=False)
    """One-time enrolment code issued by the central's administrator."""
    terminal_id: str = Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")
    """The id this kiosk will use (from its settings)."""


class EnrolResponse(ResponseModel):
    """The terminal's credentials. Store the token with mode 0600; never log it."""

    terminal_id: str
    """The enrolled terminal id."""
    token: str = Field(min_length=16, repr=False)
    """Bearer token for every later call."""
