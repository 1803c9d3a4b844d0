"""DES/3DES primitives for BAC and secure messaging, on the ``cryptography`` package.

TripleDES moved to ``cryptography.hazmat.decrepit`` in cryptography 43 (the old location warns
and will go away); both are handled. eMRTD BAC uses two-key 3DES in CBC mode with a zero IV and
the ISO 9797-1 MAC algorithm 3 ("retail MAC") with padding method 2.
"""

from __future__ import annotations

import hashlib

try:  # cryptography >= 43
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:  # pragma: no cover - older cryptography
    from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

ZERO_IV = bytes(8)


def pad(data: bytes) -> bytes:
    """ISO 9797-1 padding method 2: 0x80 then zeros up to a multiple of 8."""
    data = data + b"\x80"
    return data + bytes(-len(data) % 8)


def unpad(data: bytes) -> bytes:
    i = data.rfind(b"\x80")
    if i < 0 or any(data[i + 1 :]) or len(data) - i > 8:
        raise ValueError("bad ISO 9797-1 padding")
    return data[:i]


def adjust_parity(key: bytes) -> bytes:
    """Set each byte's lowest bit so that the byte has odd parity (DES key convention)."""
    out = bytearray()
    for b in key:
        hi = b & 0xFE
        out.append(hi | ((bin(hi).count("1") + 1) % 2))
    return bytes(out)


def kdf(seed: bytes, counter: int) -> bytes:
    """ICAO 9303 Part 11 §9.7.1: SHA-1(seed || counter), first 16 bytes, parity adjusted."""
    return adjust_parity(hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()[:16])


def _cipher(key: bytes, iv: bytes = ZERO_IV) -> Cipher[modes.CBC]:
    if len(key) != 16:
        raise ValueError("BAC uses two-key 3DES: 16-byte keys")
    # K1|K2|K1 is two-key 3DES; cryptography deprecates passing the 16-byte form directly
    return Cipher(TripleDES(key + key[:8]), modes.CBC(iv))


def tdes_encrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    if len(data) % 8:
        raise ValueError("3DES input must be a multiple of 8 bytes")
    enc = _cipher(key, iv).encryptor()
    return enc.update(data) + enc.finalize()


def tdes_decrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    if len(data) % 8:
        raise ValueError("3DES input must be a multiple of 8 bytes")
    dec = _cipher(key, iv).decryptor()
    return dec.update(data) + dec.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO 9797-1 MAC algorithm 3 with DES, padding method 2: 8-byte MAC.

    Single-DES CBC-MAC under Ka over the padded data, then the last block is decrypted with Kb
    and encrypted again with Ka. 3DES with K|K|K is single DES (8-byte keys are deprecated).
    """
    ka, kb = key[:8], key[8:16]
    padded = pad(data)
    enc = Cipher(TripleDES(ka * 3), modes.CBC(ZERO_IV)).encryptor()
    last = (enc.update(padded) + enc.finalize())[-8:]
    dec = Cipher(TripleDES(kb * 3), modes.ECB()).decryptor()
    step = dec.update(last) + dec.finalize()
    enc2 = Cipher(TripleDES(ka * 3), modes.ECB()).encryptor()
    return enc2.update(step) + enc2.finalize()
