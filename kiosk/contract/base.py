"""Base classes for the wire models shared by the kiosk client and the reference central.

Two flavours, chosen per direction so the contract can grow without breaking deployed kiosks:

* ``RequestModel``: what the kiosk sends. ``extra="forbid"`` so a typo or a field the server does
  not know about is rejected loudly instead of being silently dropped, and ``strict`` so the
  central takes only what docs/openapi.json says: no ``0`` for a boolean, no ``"650000"`` for an
  amount (timestamps opt out per field: JSON has no datetime type, they arrive as strings).
* ``ResponseModel``: what the central sends back. ``extra="ignore"`` so a newer central may add
  fields and an older kiosk still validates the answer (forward compatibility).

Both are frozen: a validated answer is a value, never patched in place.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field


def _integral(value: Any) -> Any:
    # JSON Schema counts 5.0 as an integer, so the contract must take it; 5.5 stays an error.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _timestamp_text(value: Any) -> Any:
    # Lax datetime parsing would also take a number as Unix time; the contract says string.
    if not isinstance(value, (str, datetime)):
        raise ValueError("expected an RFC 3339 date-time string")
    return value


WireInt = Annotated[int, BeforeValidator(_integral)]
"""An integer in a request body: strict (no "650000", no true), but 650000.0 is the same JSON integer."""
WireDatetime = Annotated[AwareDatetime, Field(strict=False), BeforeValidator(_timestamp_text)]
"""A date-time with offset in a request body: an RFC 3339 string (or a datetime on the kiosk side)."""


class RequestModel(BaseModel):
    """A body the kiosk sends; unknown fields are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


class ResponseModel(BaseModel):
    """A body the central sends; unknown fields are ignored (newer central, older kiosk)."""

    model_config = ConfigDict(extra="ignore", frozen=True, use_attribute_docstrings=True)


class LocalizedText(ResponseModel):
    """A text in Bahasa Indonesia (the default) and English."""

    id: str = Field(min_length=1)
    """Bahasa Indonesia text (always present, the fallback)."""
    en: str = ""
    """English text; empty means "not translated", and ``get`` falls back to Indonesian."""

    def get(self, lang: str) -> str:
        """The text for ``lang`` ("id" or "en"); Indonesian when there is no such translation."""
        if lang == "en" and self.en:
            return self.en
        return self.id
