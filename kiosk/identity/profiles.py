"""Card profiles: turn whatever card is on the reader into a ``CardIdentity``.

The service asks each profile in order whether it ``matches`` (by ATR, or by the card's answer
to a probe APDU — answers are cached so probing costs each APDU once), and the first match
``read``s. Order matters: eMRTD and e-KTP are recognised positively, the UID profile accepts
any contactless card and so goes last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.identity.channel import SW_OK, CardChannel, CardProtocolError
from kiosk.identity.icao import lds
from kiosk.identity.icao.bac import BacError, bac_keys
from kiosk.identity.icao.dg1 import Dg1Error, parse_dg1
from kiosk.identity.model import CardIdentity, CardReading, MrzNeeded
from kiosk.identity.mrz import MrzInfo

GET_UID = bytes.fromhex("FFCA000000")


class Probe:
    """Caches APDU answers so that several profiles can look at the same response."""

    def __init__(self, channel: CardChannel) -> None:
        self._channel = channel
        self._answers: dict[bytes, tuple[bytes, int]] = {}

    def answer(self, apdu: bytes) -> tuple[bytes, int]:
        if apdu not in self._answers:
            self._answers[apdu] = self._channel.transmit(apdu)
        return self._answers[apdu]


# Returns the MRZ data to use for BAC, or None when nobody has typed it yet.
BacKeySource = Callable[[], MrzInfo | None]


class SamSession(Protocol):
    """A Dukcapil SAM in a certified reader (supplied by the deployment, never by this project)."""

    def recognises(self, atr: bytes) -> bool: ...

    def read_identity(self, channel: CardChannel) -> CardIdentity: ...


@dataclass
class ReadContext:
    bac_key_source: BacKeySource | None = None
    sam: SamSession | None = None
    # MRZ data the chip already refused for this card: do not retry the same key forever
    refused: set[str] = field(default_factory=set)


class CardProfile(Protocol):
    name: str

    def matches(self, atr: bytes, probe: Probe) -> bool: ...

    def read(self, channel: CardChannel, ctx: ReadContext, probe: Probe) -> CardReading: ...


def read_uid(probe: Probe) -> str:
    data, sw = probe.answer(GET_UID)
    if sw != SW_OK:
        raise CardProtocolError("reader did not return a UID", sw)
    if not 4 <= len(data) <= 10:  # ISO 14443 UIDs are 4, 7 or 10 bytes
        raise CardProtocolError(f"UID of {len(data)} bytes is not plausible")
    return data.hex().upper()


class ContactlessUidProfile:
    """Any contactless card: its UID, resolved to a person by the central service."""

    name = "uid"

    def matches(self, atr: bytes, probe: Probe) -> bool:
        _, sw = probe.answer(GET_UID)
        return sw == SW_OK

    def read(self, channel: CardChannel, ctx: ReadContext, probe: Probe) -> CardReading:
        return CardIdentity(source="uid", uid_hex=read_uid(probe))


class EmrtdProfile:
    """ICAO 9303 e-passport (e-paspor included): BAC with MRZ data, then DG1."""

    name = "emrtd"

    def matches(self, atr: bytes, probe: Probe) -> bool:
        _, sw = probe.answer(lds.select_application_apdu())
        return sw == SW_OK

    def read(self, channel: CardChannel, ctx: ReadContext, probe: Probe) -> CardReading:
        mrz = ctx.bac_key_source() if ctx.bac_key_source else None
        if mrz is None:
            return MrzNeeded()
        seed_input = mrz.key_seed_input()
        if seed_input in ctx.refused:
            return MrzNeeded(wrong_key=True)
        try:
            sm = lds.authenticate(channel, bac_keys(mrz))
        except BacError:
            ctx.refused.add(seed_input)
            return MrzNeeded(wrong_key=True)
        raw = lds.read_file(channel, sm, lds.SFI_DG1)
        try:
            dg1 = parse_dg1(raw)
        except Dg1Error as exc:
            raise CardProtocolError(f"DG1 unreadable: {exc.code}") from None
        return CardIdentity(
            source="emrtd",
            name=" ".join(part for part in (dg1.given_names, dg1.surname) if part),
            birth_date=dg1.birth_date,
            sex=dg1.sex,
            document_number=dg1.document_number,
            nationality=dg1.nationality,
            expiry=dg1.expiry,
            document_code=dg1.document_code,
            issuing_state=dg1.issuing_state,
        )


class EktpProfile:
    """Indonesian e-KTP. Its data needs a Dukcapil SAM; without one: UID, and ask for the NIK.

    ``atr_prefixes`` come from the deployment (the chips in circulation vary by batch); with
    no prefixes the profile only claims cards its SAM recognises.
    """

    name = "ektp"

    def __init__(self, sam: SamSession | None = None, atr_prefixes: tuple[bytes, ...] = ()):
        self._sam = sam
        self._prefixes = atr_prefixes

    def matches(self, atr: bytes, probe: Probe) -> bool:
        if self._sam is not None and self._sam.recognises(atr):
            return True
        return any(atr.startswith(p) for p in self._prefixes)

    def read(self, channel: CardChannel, ctx: ReadContext, probe: Probe) -> CardReading:
        sam = self._sam or ctx.sam
        if sam is not None:
            return sam.read_identity(channel)
        return CardIdentity(source="uid", uid_hex=read_uid(probe), nik_required=True)


def default_profiles(sam: SamSession | None = None, ektp_atr_prefixes: tuple[bytes, ...] = ()) -> list[CardProfile]:
    return [EmrtdProfile(), EktpProfile(sam, ektp_atr_prefixes), ContactlessUidProfile()]


def read_card(channel: CardChannel, atr: bytes, profiles: list[CardProfile], ctx: ReadContext) -> CardReading:
    """Pick the first matching profile and read. ``CardProtocolError`` if none matches."""
    probe = Probe(channel)
    for profile in profiles:
        if profile.matches(atr, probe):
            return profile.read(channel, ctx, probe)
    raise CardProtocolError("no profile recognises this card")
