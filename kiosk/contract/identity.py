"""Resolving a card UID or a NIK to a (masked) identity through the central."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from kiosk.contract.base import RequestModel, ResponseModel

IdentityKind = Literal["uid", "nik"]
"""uid: contactless card UID in hex; nik: the 16-digit national identity number."""

UID_PATTERN = r"^[0-9A-Fa-f](?:[ :]?[0-9A-Fa-f]){7}(?:(?:[ :]?[0-9A-Fa-f]){6}){0,2}$"
"""A card UID as sent: 8, 14 or 20 hex digits (4, 7 or 10 bytes), a space or colon allowed between
digits. The same expression is in docs/openapi.json (plain ASCII classes read the same in
Python and ECMA-262 regular expressions)."""
NIK_PATTERN = r"^[0-9]{16}$"
"""A NIK as sent: 16 digits. Whether the digits are a possible NIK (kiosk.contract.nik) is the
central's answer, ``found: false``, not a malformed request."""
_UID = re.compile(UID_PATTERN)
_NIK = re.compile(NIK_PATTERN)


def _by_kind(schema: dict[str, Any]) -> None:
    # One schema per kind, so the published contract says which value goes with which kind.
    props = schema.get("properties", {})
    schema["oneOf"] = [
        {"properties": {"kind": {"const": kind}, "value": {"pattern": pattern}}}
        for kind, pattern in (("uid", UID_PATTERN), ("nik", NIK_PATTERN))
    ]
    props.get("value", {}).pop("maxLength", None)


class IdentityResolveRequest(RequestModel):
    """Body of POST /v1/identities/resolve. The value is personal data: never log it."""

    # Validation errors must not carry the NIK/UID into logs.
    model_config = ConfigDict(hide_input_in_errors=True, json_schema_extra=_by_kind)

    kind: IdentityKind
    """What ``value`` is."""
    value: str = Field(repr=False, max_length=40)
    """Card UID (4, 7 or 10 bytes as hex; a space or colon allowed between digits, normalised to
    uppercase without them) or NIK (16 digits)."""

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: object) -> object:
        # Messages describe the expected shape and never echo the value.
        if isinstance(data, dict) and isinstance(data.get("value"), str):
            value = data["value"]
            if data.get("kind") == "uid":
                if not _UID.match(value):
                    raise ValueError("card UID must be 4, 7 or 10 bytes of hex")
                data = {**data, "value": re.sub(r"[ :]", "", value).upper()}
            elif data.get("kind") == "nik" and not _NIK.match(value):
                raise ValueError("NIK must be exactly 16 digits")
        return data


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
