"""Basic Access Control (ICAO 9303 Part 11 §4.3): keys from the MRZ, mutual authentication.

The terminal proves it has seen the data page (document number, birth and expiry dates);
the chip answers with its half of the session key seed. Session keys and the send sequence
counter (SSC) then drive secure messaging.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from kiosk.identity.icao.crypto import kdf, retail_mac, tdes_decrypt, tdes_encrypt
from kiosk.identity.mrz import MrzInfo

ENC = 1
MAC = 2


class BacError(Exception):
    """Mutual authentication failed (wrong MRZ data, or a chip that does not follow BAC)."""


@dataclass(frozen=True)
class BacKeys:
    k_enc: bytes
    k_mac: bytes

    def __repr__(self) -> str:
        return "BacKeys(<secret>)"


@dataclass(frozen=True)
class SessionKeys:
    ks_enc: bytes
    ks_mac: bytes
    ssc: int

    def __repr__(self) -> str:
        return "SessionKeys(<secret>)"


def key_seed(mrz: MrzInfo) -> bytes:
    """Kseed: the first 16 bytes of SHA-1 over the MRZ information."""
    return hashlib.sha1(mrz.key_seed_input().encode("ascii")).digest()[:16]


def keys_from_seed(seed: bytes) -> BacKeys:
    return BacKeys(kdf(seed, ENC), kdf(seed, MAC))


def bac_keys(mrz: MrzInfo) -> BacKeys:
    return keys_from_seed(key_seed(mrz))


@dataclass
class BacTerminal:
    """Terminal side of the mutual authentication; random values are injectable for tests."""

    keys: BacKeys
    rnd_ifd: bytes = b""
    k_ifd: bytes = b""

    def __post_init__(self) -> None:
        self.rnd_ifd = self.rnd_ifd or os.urandom(8)
        self.k_ifd = self.k_ifd or os.urandom(16)

    def external_authenticate_data(self, rnd_ic: bytes) -> bytes:
        """E_IFD || M_IFD for EXTERNAL AUTHENTICATE, from the chip's GET CHALLENGE answer."""
        if len(rnd_ic) != 8:
            raise BacError("GET CHALLENGE must return 8 bytes")
        self._rnd_ic = rnd_ic
        e_ifd = tdes_encrypt(self.keys.k_enc, self.rnd_ifd + rnd_ic + self.k_ifd)
        return e_ifd + retail_mac(self.keys.k_mac, e_ifd)

    def complete(self, response: bytes) -> SessionKeys:
        """Check the chip's E_IC || M_IC and derive the session keys and SSC."""
        if len(response) != 40:
            raise BacError("EXTERNAL AUTHENTICATE response must be 40 bytes")
        e_ic, m_ic = response[:32], response[32:]
        if not hmac.compare_digest(retail_mac(self.keys.k_mac, e_ic), m_ic):
            raise BacError("chip's MAC does not verify")
        r = tdes_decrypt(self.keys.k_enc, e_ic)
        if r[0:8] != self._rnd_ic or r[8:16] != self.rnd_ifd:
            raise BacError("chip's answer does not match our challenge")
        k_ic = r[16:32]
        return session_keys(self.k_ifd, k_ic, self._rnd_ic, self.rnd_ifd)


def session_keys(k_ifd: bytes, k_ic: bytes, rnd_ic: bytes, rnd_ifd: bytes) -> SessionKeys:
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=False))
    ssc = int.from_bytes(rnd_ic[4:8] + rnd_ifd[4:8], "big")
    return SessionKeys(kdf(seed, ENC), kdf(seed, MAC), ssc)
