"""Chip side of BAC and secure messaging, for the virtual e-passport.

Written against the terminal side in ``kiosk.identity.icao`` only through the shared crypto
primitives (which the ICAO worked-example tests pin down), so a bug in the terminal's message
layout shows up as a MAC or status-word failure here.
"""

from __future__ import annotations

import hmac
import os

from kiosk.identity import tlv
from kiosk.identity.icao.bac import BacKeys, SessionKeys, session_keys
from kiosk.identity.icao.crypto import pad, retail_mac, tdes_decrypt, tdes_encrypt, unpad

SW_OK = b"\x90\x00"
SW_AUTH_FAILED = b"\x63\x00"
SW_SM_BROKEN = b"\x69\x88"  # secure messaging data objects missing or incorrect


class ChipAuth:
    def __init__(self, keys: BacKeys) -> None:
        self.keys = keys
        self.rnd_ic: bytes | None = None

    def challenge(self) -> bytes:
        self.rnd_ic = os.urandom(8)
        return self.rnd_ic

    def external_authenticate(self, data: bytes) -> tuple[bytes, SessionKeys] | None:
        """Verify the terminal's cryptogram; None means 'wrong key' (answer 6300)."""
        if self.rnd_ic is None or len(data) != 40:
            return None
        e_ifd, m_ifd = data[:32], data[32:]
        if not hmac.compare_digest(retail_mac(self.keys.k_mac, e_ifd), m_ifd):
            return None
        s = tdes_decrypt(self.keys.k_enc, e_ifd)
        rnd_ifd, rnd_ic, k_ifd = s[0:8], s[8:16], s[16:32]
        if rnd_ic != self.rnd_ic:
            return None
        k_ic = os.urandom(16)
        e_ic = tdes_encrypt(self.keys.k_enc, self.rnd_ic + rnd_ifd + k_ic)
        answer = e_ic + retail_mac(self.keys.k_mac, e_ic)
        self.rnd_ic = None
        return answer, session_keys(k_ifd, k_ic, rnd_ic, rnd_ifd)


class ChipSession:
    """Unwraps protected commands and wraps responses with the session keys."""

    def __init__(self, keys: SessionKeys) -> None:
        self.enc, self.mac, self.ssc = keys.ks_enc, keys.ks_mac, keys.ssc

    def _tick(self) -> bytes:
        self.ssc = (self.ssc + 1) & 0xFFFFFFFFFFFFFFFF
        return self.ssc.to_bytes(8, "big")

    def unwrap_command(self, apdu: bytes) -> tuple[bytes, bytes, int | None] | None:
        """Return (plain header with CLA 00, data, Le) or None if the MAC or layout is wrong."""
        if len(apdu) < 6 or apdu[0] & 0x0C != 0x0C:
            return None
        header, lc = apdu[:4], apdu[4]
        body = apdu[5 : 5 + lc]
        if len(body) != lc:
            return None
        try:
            items = tlv.parse_all(body)
        except tlv.TlvError:
            return None
        covered, data, le, mac = b"", b"", None, None
        for item in items:
            raw = tlv.encode(item.tag, item.value)
            if item.tag == 0x87:
                covered += raw
                try:
                    data = unpad(tdes_decrypt(self.enc, item.value[1:]))
                except ValueError:
                    return None
            elif item.tag == 0x97:
                covered += raw
                le = item.value[0] if item.value else 0
            elif item.tag == 0x8E:
                mac = item.value
        ssc = self._tick()
        if mac is None or not hmac.compare_digest(retail_mac(self.mac, ssc + pad(header) + covered), mac):
            return None
        return bytes([apdu[0] & ~0x0C & 0xFF]) + header[1:], data, le

    def wrap_response(self, data: bytes, sw: bytes) -> bytes:
        do87 = tlv.encode(0x87, b"\x01" + tdes_encrypt(self.enc, pad(data))) if data else b""
        do99 = tlv.encode(0x99, sw)
        mac = retail_mac(self.mac, self._tick() + do87 + do99)
        return do87 + do99 + tlv.encode(0x8E, mac) + SW_OK
