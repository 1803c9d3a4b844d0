"""What a card reading yields. Lives only in the session; its repr never shows personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from kiosk.identity.nik import mask_nik

Source = Literal["uid", "emrtd", "ektp_sam", "nik"]
_MASK = "\u2022"


def mask_name(name: str | None) -> str:
    """'BUDI SANTOSO' -> 'BUDI S******': first word kept, then initials only."""
    if not name:
        return ""
    words = name.split()
    return " ".join([words[0]] + [w[0] + "*" * (len(w) - 1) for w in words[1:]])


def _mask_middle(value: str | None, keep: int = 2) -> str | None:
    if value is None:
        return None
    if len(value) <= keep * 2:
        return _MASK * len(value)
    return value[:keep] + _MASK * (len(value) - 2 * keep) + value[-keep:]


@dataclass(frozen=True)
class CardIdentity:
    source: Source
    uid_hex: str | None = None
    nik: str | None = None
    name: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    document_number: str | None = None
    nationality: str | None = None
    expiry: dt.date | None = None
    document_code: str | None = None
    issuing_state: str | None = None
    # True when the card alone cannot identify the citizen (e-KTP without a SAM): ask for the NIK
    nik_required: bool = False
    apdu_count: int = field(default=0, compare=False)

    def masked_name(self) -> str:
        return mask_name(self.name)

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def __repr__(self) -> str:
        parts = [f"source={self.source!r}"]
        if self.uid_hex is not None:
            parts.append(f"uid={_mask_middle(self.uid_hex)}")
        if self.nik is not None:
            parts.append(f"nik={mask_nik(self.nik)}")
        if self.name is not None:
            parts.append(f"name={self.masked_name()!r}")
        if self.document_number is not None:
            parts.append(f"document={_mask_middle(self.document_number, 1)}")
        if self.birth_date is not None:
            parts.append("birth_date=<set>")
        if self.nik_required:
            parts.append("nik_required=True")
        return f"CardIdentity({', '.join(parts)})"

    __str__ = __repr__


@dataclass(frozen=True)
class MrzNeeded:
    """An eMRTD is on the reader but BAC needs the MRZ data (typed on the keypad or scanned)."""

    reason: str = "mrz_needed"
    wrong_key: bool = False  # True if MRZ data was supplied and the chip refused it


CardReading = CardIdentity | MrzNeeded
