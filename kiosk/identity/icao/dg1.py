"""DG1 (the MRZ as stored on the chip): tag 61 wrapping 5F1F, check digits verified."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.identity import mrz as mrz_mod
from kiosk.identity import tlv

TAG_DG1 = 0x61
TAG_MRZ = 0x5F1F


class Dg1Error(ValueError):
    """DG1 is malformed or one of its check digits does not match."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Dg1:
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: dt.date
    sex: str
    expiry: dt.date

    @property
    def name(self) -> tuple[str, str]:
        return self.surname, self.given_names

    def __repr__(self) -> str:
        return f"Dg1(document_code={self.document_code!r}, <personal fields masked>)"


def parse_dg1(data: bytes, today: dt.date | None = None) -> Dg1:
    try:
        outer, _end = tlv.parse_one(data)
        if outer.tag != TAG_DG1:
            raise Dg1Error("tag", f"DG1 must start with tag 61, got {outer.tag:X}")
        inner = tlv.find(tlv.parse_all(outer.value), TAG_MRZ)
        try:
            text = inner.value.decode("ascii")
        except UnicodeDecodeError:
            raise Dg1Error("charset", "DG1 MRZ is not ASCII") from None
        m = mrz_mod.parse_any(text, today)
    except tlv.TlvError as exc:
        raise Dg1Error("tlv", f"DG1 is not valid TLV: {exc}") from None
    except mrz_mod.MrzError as exc:
        raise Dg1Error(exc.code, f"DG1 MRZ: {exc}") from None
    return Dg1(
        document_code=m.document_code,
        issuing_state=m.issuing_state,
        surname=m.surname,
        given_names=m.given_names,
        document_number=m.document_number,
        nationality=m.nationality,
        birth_date=m.birth_date,
        sex=m.sex,
        expiry=m.expiry_date,
    )
