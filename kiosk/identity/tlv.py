"""BER-TLV as used by ICAO 9303 data groups and ISO 7816-4 secure messaging.

Card responses are untrusted input: every length is checked against the buffer, tags are at most
four bytes, lengths at most four bytes (``84 xx xx xx xx``), and indefinite length (``80``) is
refused. Anything else raises ``TlvError`` — never IndexError or ValueError.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_TAG_BYTES = 4
MAX_LENGTH_BYTES = 4


class TlvError(ValueError):
    """Malformed BER-TLV data (truncated, over-long, or an unsupported encoding)."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes

    @property
    def constructed(self) -> bool:
        """Bit 6 of the first tag byte: the value is itself a TLV sequence."""
        first = self.tag
        while first > 0xFF:
            first >>= 8
        return bool(first & 0x20)

    def children(self) -> list[Tlv]:
        if not self.constructed:
            raise TlvError(f"tag {self.tag:X} is primitive, it has no children")
        return parse_all(self.value)

    def __repr__(self) -> str:  # values may be personal data: show only their size
        return f"Tlv(tag={self.tag:X}, len={len(self.value)})"


def read_tag(data: bytes, pos: int) -> tuple[int, int]:
    """Return (tag, position after the tag)."""
    if pos >= len(data):
        raise TlvError("truncated: tag expected")
    first = data[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:  # multi-byte tag: continue while bit 8 is set
        count = 1
        while True:
            if pos >= len(data):
                raise TlvError("truncated inside a multi-byte tag")
            b = data[pos]
            pos += 1
            count += 1
            if count > MAX_TAG_BYTES:
                raise TlvError("tag longer than 4 bytes")
            tag = (tag << 8) | b
            if not b & 0x80:
                break
    return tag, pos


def read_length(data: bytes, pos: int) -> tuple[int, int]:
    """Return (length, position after the length field)."""
    if pos >= len(data):
        raise TlvError("truncated: length expected")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    n = first & 0x7F
    if n == 0:
        raise TlvError("indefinite length is not allowed")
    if n > MAX_LENGTH_BYTES:
        raise TlvError(f"length field of {n} bytes is not supported")
    if pos + n > len(data):
        raise TlvError("truncated inside a long-form length")
    return int.from_bytes(data[pos : pos + n], "big"), pos + n


def parse_one(data: bytes, pos: int = 0) -> tuple[Tlv, int]:
    """Parse one TLV at ``pos``; return it and the position after it."""
    tag, pos = read_tag(data, pos)
    length, pos = read_length(data, pos)
    end = pos + length
    if end > len(data):
        raise TlvError(f"tag {tag:X} claims {length} bytes, only {len(data) - pos} left")
    return Tlv(tag, bytes(data[pos:end])), end


def parse_all(data: bytes) -> list[Tlv]:
    """Parse a whole buffer as a sequence of TLVs; trailing garbage is an error."""
    out: list[Tlv] = []
    pos = 0
    while pos < len(data):
        item, pos = parse_one(data, pos)
        out.append(item)
    return out


def find(items: list[Tlv], tag: int) -> Tlv:
    for item in items:
        if item.tag == tag:
            return item
    raise TlvError(f"tag {tag:X} not found")


def header_length(data: bytes) -> int:
    """Total size (header + value) of the TLV starting ``data``, from its first bytes only.

    Used to learn a file's size from its first few bytes before reading the rest.
    """
    _, pos = read_tag(data, 0)
    length, pos = read_length(data, pos)
    return pos + length


def encode_length(n: int) -> bytes:
    if n < 0:
        raise TlvError("negative length")
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    if len(body) > MAX_LENGTH_BYTES:
        raise TlvError("length too large")
    return bytes([0x80 | len(body)]) + body


def encode(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    return tag_bytes + encode_length(len(value)) + value
