"""Errors and server time."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import AwareDatetime, Field, field_validator

from kiosk.contract.base import ResponseModel


class ApiError(ResponseModel):
    """The body of every non-2xx answer from the central."""

    code: str = Field(min_length=1, max_length=64)
    """Stable machine-readable code, e.g. "reservation_lapsed", "unauthorized"."""
    message: str = Field(max_length=2000)
    """Human-readable explanation for logs and technicians (not shown to citizens)."""


class ServerTime(ResponseModel):
    """Answer of GET /v1/time, for clock-skew checks."""

    now: AwareDatetime
    """The central's clock, in UTC."""
    site_timezone: str
    """IANA time zone of the site."""

    @field_validator("now")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        if value.utcoffset() != timedelta(0):
            raise ValueError("server time must be in UTC (offset +00:00)")
        return value
