"""Virtual cards for the vpcd harness.

* ``UidCard`` — a contactless card: the reader's pseudo-APDU FF CA 00 00 00 returns its UID.
* ``EmrtdCard`` — an e-passport chip: SELECT of the eMRTD application, BAC (GET CHALLENGE,
  EXTERNAL AUTHENTICATE; wrong MRZ data gives ``refuse_sw``, 6300 unless told: chips in
  circulation also answer 6982 or 6988), then secure messaging for SELECT and
  READ BINARY (also by short file id) of EF.COM and DG1.
* ``VanishingCard`` — wraps a card and drops the connection at the n-th APDU (card pulled away).
* ``SilentCard`` — has an ATR but holds every APDU without answering.
* ``GarbageCard`` — answers everything with seeded random junk that sometimes looks right.
"""

from __future__ import annotations

import os
import random
from typing import ClassVar

from kiosk.identity import tlv
from kiosk.identity.icao.bac import bac_keys
from kiosk.identity.mrz import MrzInfo, check_digit
from tests.pcsc.emrtd_chip import SW_AUTH_FAILED, SW_OK, SW_SM_BROKEN, ChipAuth, ChipSession
from tests.pcsc.vpcd import Hold, Vanish


def contactless_atr(historical: bytes) -> bytes:
    """PC/SC part 3 ATR for a contactless card: 3B 8n 80 01 <historical bytes> TCK."""
    body = bytes([0x3B, 0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for b in body[1:]:
        tck ^= b
    return body + bytes([tck])


UID_ATR = contactless_atr(bytes.fromhex("804F0CA00000030603000100000000"))  # storage card
EMRTD_ATR = contactless_atr(bytes.fromhex("E1F35E1177A1A0"))  # ISO 14443-4 card


class _Base:
    atr = UID_ATR

    def power(self, on: bool) -> None:
        pass

    def reset(self) -> None:
        pass


class UidCard(_Base):
    def __init__(self, uid: bytes = bytes.fromhex("04A1B2C3D4E5F6")) -> None:
        self.uid = uid

    def apdu(self, command: bytes) -> bytes:
        if command[:4] == bytes.fromhex("FFCA0000"):
            return self.uid + SW_OK
        if command[1:2] == b"\xa4":
            return b"\x6a\x82"
        return b"\x6d\x00"


def td3_mrz(
    doc: str, nationality: str, birth: str, sex: str, expiry: str, surname: str, given: str, state: str = "IDN"
) -> str:
    """Build a TD3 MRZ with correct check digits (for test passports)."""
    name = (surname.replace(" ", "<") + "<<" + given.replace(" ", "<")).ljust(39, "<")[:39]
    line1 = ("P<" + state + name).ljust(44, "<")
    docf = doc.ljust(9, "<")
    opt = "<" * 14
    body = (
        docf
        + check_digit(docf)
        + nationality
        + birth
        + check_digit(birth)
        + sex
        + expiry
        + check_digit(expiry)
        + opt
        + "<"
    )
    composite = check_digit(body[0:10] + body[13:20] + body[21:43])
    return line1 + body + composite


class EmrtdCard(_Base):
    atr = EMRTD_ATR
    AID = bytes.fromhex("A0000002471001")
    FIDS: ClassVar[dict[int, int]] = {0x011E: 0x1E, 0x0101: 0x01}

    def __init__(self, mrz_info: MrzInfo, mrz_text: str, refuse_sw: bytes = SW_AUTH_FAILED) -> None:
        self.auth = ChipAuth(bac_keys(mrz_info))
        self.refuse_sw = refuse_sw
        self.external_authenticates = 0  # how often a key was tried (a refused one must not come back)
        com = tlv.encode(0x60, tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000") + tlv.encode(0x5C, b"\x61"))
        self.files = {0x1E: com, 0x01: tlv.encode(0x61, tlv.encode(0x5F1F, mrz_text.encode()))}
        self.reset()

    def reset(self) -> None:
        self.selected_app = False
        self.session: ChipSession | None = None
        self.current: int | None = None

    def power(self, on: bool) -> None:
        self.reset()

    def apdu(self, command: bytes) -> bytes:
        if command[:4] == bytes.fromhex("FFCA0000"):  # contactless readers answer with a random UID
            return b"\x08" + os.urandom(3) + SW_OK
        if self.session is not None and command[0] & 0x0C == 0x0C:
            return self._protected(command)
        self.session = None  # any plain command ends secure messaging
        ins = command[1]
        if ins == 0xA4 and command[2] == 0x04:
            aid = command[5 : 5 + command[4]]
            self.selected_app = aid == self.AID
            return SW_OK if self.selected_app else b"\x6a\x82"
        if not self.selected_app:
            return b"\x6d\x00"
        if ins == 0x84:
            return self.auth.challenge() + SW_OK
        if ins == 0x82:
            self.external_authenticates += 1
            result = self.auth.external_authenticate(command[5 : 5 + command[4]])
            if result is None:
                return self.refuse_sw
            answer, keys = result
            self.session = ChipSession(keys)
            return answer + SW_OK
        if ins in (0xA4, 0xB0):
            return b"\x69\x82"  # security status not satisfied: BAC first
        return b"\x6d\x00"

    def _protected(self, command: bytes) -> bytes:
        assert self.session is not None
        plain = self.session.unwrap_command(command)
        if plain is None:
            self.session = None
            return SW_SM_BROKEN
        header, data, le = plain
        ins, p1, p2 = header[1], header[2], header[3]
        if ins == 0xA4 and p1 == 0x02 and len(data) == 2:
            sfi = self.FIDS.get(int.from_bytes(data, "big"))
            if sfi is None:
                return self.session.wrap_response(b"", b"\x6a\x82")
            self.current = sfi
            return self.session.wrap_response(b"", b"\x90\x00")
        if ins == 0xB0:
            if p1 & 0x80:
                sfi, offset = p1 & 0x1F, p2
                if sfi not in self.files:
                    return self.session.wrap_response(b"", b"\x6a\x82")
                self.current = sfi
            else:
                offset = (p1 << 8) | p2
            if self.current is None:
                return self.session.wrap_response(b"", b"\x69\x86")
            content = self.files[self.current]
            n = 256 if le == 0 else (le or 0)
            chunk = content[offset : offset + n]
            sw = b"\x90\x00" if len(chunk) == n else b"\x62\x82"
            return self.session.wrap_response(chunk, sw)
        return self.session.wrap_response(b"", b"\x6d\x00")


class VanishingCard:
    """Delegates to ``inner`` but drops the connection when APDU number ``at`` arrives."""

    def __init__(self, inner: _Base, at: int) -> None:
        self.inner = inner
        self.atr = inner.atr
        self.at = at
        self.count = 0

    def power(self, on: bool) -> None:
        self.inner.power(on)

    def reset(self) -> None:
        self.inner.reset()

    def apdu(self, command: bytes) -> bytes:
        self.count += 1
        if self.count >= self.at:
            raise Vanish()
        return self.inner.apdu(command)


class SilentCard(_Base):
    def apdu(self, command: bytes) -> bytes:
        raise Hold()


class GarbageCard(_Base):
    """Random answers: sometimes a plausible status word, sometimes truncated junk."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.atr = self.rng.choice([UID_ATR, EMRTD_ATR])

    def apdu(self, command: bytes) -> bytes:
        r = self.rng
        choice = r.random()
        # (an empty answer would mean "card gone" to vpcd, so junk is at least one byte)
        if choice < 0.15:
            return bytes([r.randrange(256)])
        body = r.randbytes(r.choice([0, 1, 3, 8, 20, 40, 60]))
        sw = r.choice([b"\x90\x00", b"\x90\x00", b"\x63\x00", b"\x6a\x82", r.randbytes(2)])
        return body + sw
