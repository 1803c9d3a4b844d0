"""Base classes for the wire models shared by the kiosk client and the reference central.

Two flavours, chosen per direction so the contract can grow without breaking deployed kiosks:

* ``RequestModel``: what the kiosk sends. ``extra="forbid"`` so a typo or a field the server does
  not know about is rejected loudly instead of being silently dropped.
* ``ResponseModel``: what the central sends back. ``extra="ignore"`` so a newer central may add
  fields and an older kiosk still validates the answer (forward compatibility).

Both are frozen: a validated answer is a value, never patched in place.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RequestModel(BaseModel):
    """A body the kiosk sends; unknown fields are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


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
