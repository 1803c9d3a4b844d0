"""Resolving a card UID or a NIK to a (masked) identity through the central."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from kiosk.contract.base import RequestModel, ResponseModel
from kiosk.contract.nik import InvalidNik, parse_nik

IdentityKind = Literal["uid", "nik"]
"""uid: contactless card UID in hex; nik: the 16-digit national identity number."""

_HEX_UID = re.compile(r"^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$")


class IdentityResolveRequest(RequestModel):
    """Body of POST /v1/identities/resolve. The value is personal data: never log it."""

    # Validation errors must not carry the NIK/UID into logs.
    model_config = ConfigDict(hide_input_in_errors=True)

    kind: IdentityKind
    """What ``value`` is."""
    value: str = Field(repr=False, max_length=32)
    """Card UID (4, 7 or 10 bytes as hex; spaces/colons allowed, normalised to uppercase) or NIK."""

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data):  # type: ignore[no-untyped-def]
        if isinstance(data, dict) and data.get("kind") == "uid" and isinstance(data.get("value"), str):
            data = {**data, "value": re.sub(r"[\s:]", "", data["value"]).upper()}
        return data

    @model_validator(mode="after")
    def _shape(self) -> "IdentityResolveRequest":
        # Messages describe the expected shape and never echo the value.
        if self.kind == "uid" and not _HEX_UID.match(self.value):
            raise ValueError("card UID must be 4, 7 or 10 bytes of hex")
        if self.kind == "nik":
            # The one NIK rule (province and regency from the Kemendagri list), as on the kiosk.
            try:
                parse_nik(self.value)
            except InvalidNik as exc:
                raise ValueError(exc.message) from None
        return self


class ResolvedIdentity(ResponseModel):
    """What the kiosk may know about the person: masked, minimal."""

    model_config = ConfigDict(hide_input_in_errors=True)

    found: bool
    """False when the central knows no one with that UID/NIK."""
    display_name_masked: str | None = None
    """Name with most letters hidden, e.g. "S••• R••••••••" (safe to show on screen)."""
    nik_masked: str | None = None
    """NIK masked like 3201••••••••0003 (None for staff cards)."""
    birth_date: date | None = None
    """Birth date, used to suggest the elderly priority queue (60+)."""
    is_staff: bool = False
    """True for a staff or technician card (opens admin mode after the PIN)."""
    staff_role: Literal["staff", "technician"] | None = None
    """Role of a staff card; None for citizens."""
