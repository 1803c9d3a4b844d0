"""ISO 7816-4 secure messaging as profiled by ICAO 9303 Part 11 §9.8 (3DES, retail MAC).

Command: CLA|0x0C, data encrypted in DO'87' (with padding-content indicator 01), expected length
in DO'97', MAC in DO'8E' over SSC || padded header || DO'87' || DO'97'. Response: DO'87' (data),
DO'99' (the real status word), DO'8E' (MAC over SSC || DO'87' || DO'99'). SSC is incremented
before every command and every response.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from kiosk.identity import tlv
from kiosk.identity.icao.bac import SessionKeys
from kiosk.identity.icao.crypto import pad, retail_mac, tdes_decrypt, tdes_encrypt, unpad


class SecureMessagingError(Exception):
    """A protected response was malformed or its MAC did not verify."""


@dataclass(frozen=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None  # None: no Le; 0 means 256

    def to_bytes(self) -> bytes:
        out = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([self.le & 0xFF])
        return out


class SecureChannel:
    """Wraps commands and unwraps responses for one BAC session."""

    def __init__(self, keys: SessionKeys) -> None:
        self._enc = keys.ks_enc
        self._mac = keys.ks_mac
        self._ssc = keys.ssc

    @property
    def ssc(self) -> int:
        return self._ssc

    def _next_ssc(self) -> bytes:
        self._ssc = (self._ssc + 1) & 0xFFFFFFFFFFFFFFFF
        return self._ssc.to_bytes(8, "big")

    def wrap(self, cmd: Command) -> bytes:
        cla = cmd.cla | 0x0C
        header = bytes([cla, cmd.ins, cmd.p1, cmd.p2])
        do87 = b""
        if cmd.data:
            do87 = tlv.encode(0x87, b"\x01" + tdes_encrypt(self._enc, pad(cmd.data)))
        do97 = tlv.encode(0x97, bytes([cmd.le & 0xFF])) if cmd.le is not None else b""
        mac = retail_mac(self._mac, self._next_ssc() + pad(header) + do87 + do97)
        body = do87 + do97 + tlv.encode(0x8E, mac)
        if len(body) > 255:
            raise SecureMessagingError("command too long for a short APDU")
        return header + bytes([len(body)]) + body + b"\x00"

    def unwrap(self, data: bytes) -> tuple[bytes, int]:
        """Return (plain data, status word) from a protected response body."""
        ssc = self._next_ssc()
        do87 = do99 = do8e = None
        covered = b""  # the MAC covers the DOs exactly as the chip encoded them
        pos = 0
        try:
            while pos < len(data):
                item, end = tlv.parse_one(data, pos)
                raw = data[pos:end]
                pos = end
                if item.tag == 0x87:
                    do87, covered = item, covered + raw
                elif item.tag == 0x99:
                    do99, covered = item, covered + raw
                elif item.tag == 0x8E:
                    do8e = item
        except tlv.TlvError as exc:
            raise SecureMessagingError(f"protected response is not TLV: {exc}") from None
        if do8e is None or do99 is None or len(do99.value) != 2:
            raise SecureMessagingError("protected response lacks DO'99' or DO'8E'")
        if not hmac.compare_digest(retail_mac(self._mac, ssc + covered), do8e.value):
            raise SecureMessagingError("response MAC does not verify")
        plain = b""
        if do87 is not None:
            if len(do87.value) < 9 or do87.value[0] != 0x01 or (len(do87.value) - 1) % 8:
                raise SecureMessagingError("DO'87' is malformed")
            try:
                plain = unpad(tdes_decrypt(self._enc, do87.value[1:]))
            except ValueError as exc:
                raise SecureMessagingError(str(exc)) from None
        return plain, int.from_bytes(do99.value, "big")
