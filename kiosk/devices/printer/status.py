"""Real-time printer status (DLE EOT n) and its decoding.

ESC/POS replies to ``DLE EOT n`` with one byte whose bits 0,1,4,7 are fixed (0,1,1,0). A byte that
breaks them is not a status reply (stale data, an ASB message, line noise) and counts as no reply.
No reply is "unknown" and unknown can never print: python-escpos 3.1 reads silence as "plenty of
paper", which is how kiosks end up calling numbers nobody holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DLE_EOT = b"\x10\x04"
STATUS_QUERIES = (1, 2, 4)  # printer status, off-line cause, roll paper sensor
FIXED_MASK = 0b1001_0011
FIXED_VALUE = 0b0001_0010


def status_query(n: int) -> bytes:
    return DLE_EOT + bytes((n,))


def valid_reply(reply: bytes) -> int | None:
    """The status byte if ``reply`` is exactly one byte with the fixed bits right, else None."""
    if len(reply) != 1 or reply[0] & FIXED_MASK != FIXED_VALUE:
        return None
    return reply[0]


def decode_printer(reply: bytes) -> dict[str, bool] | None:
    """n=1: bit 3 set = off-line."""
    b = valid_reply(reply)
    return None if b is None else {"offline": bool(b & 0x08)}


def decode_offline_cause(reply: bytes) -> dict[str, bool] | None:
    """n=2: bit 2 cover open, bit 5 stopped by paper end, bit 6 error."""
    b = valid_reply(reply)
    if b is None:
        return None
    return {"cover_open": bool(b & 0x04), "paper_stop": bool(b & 0x20), "error": bool(b & 0x40)}


def decode_paper(reply: bytes) -> dict[str, bool] | None:
    """n=4: bits 2-3 near-end sensor, bits 5-6 paper-end sensor (either bit of a pair counts)."""
    b = valid_reply(reply)
    if b is None:
        return None
    return {"near_end": bool(b & 0x0C), "paper_out": bool(b & 0x60)}


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said about itself; ``unknown`` when any of the three replies was missing."""

    online: bool = False
    cover_open: bool = False
    paper_near_end: bool = False
    paper_out: bool = False
    error: bool = False
    unknown: bool = True
    raw: Mapping[int, str | None] = field(default_factory=dict)  # n -> hex byte, None if no reply

    @property
    def can_print(self) -> bool:
        return self.online and not self.unknown and not self.cover_open and not self.paper_out and not self.error

    @property
    def summary(self) -> str:
        """One word for logs, heartbeats and the technician."""
        if self.unknown:
            return "unknown"
        for name in ("paper_out", "cover_open", "error"):
            if getattr(self, name):
                return name
        if not self.online:
            return "offline"
        return "paper_near_end" if self.paper_near_end else "ok"

    @classmethod
    def from_replies(cls, replies: Mapping[int, bytes]) -> PrinterStatus:
        """Combine the replies to DLE EOT 1, 2 and 4 (missing keys count as no reply)."""
        p = decode_printer(replies.get(1, b""))
        c = decode_offline_cause(replies.get(2, b""))
        r = decode_paper(replies.get(4, b""))
        raw = {n: (replies.get(n) or b"").hex() or None for n in STATUS_QUERIES}
        unknown = p is None or c is None or r is None
        return cls(
            online=bool(p and not p["offline"]),
            cover_open=bool(c and c["cover_open"]),
            paper_near_end=bool(r and r["near_end"]),
            paper_out=bool((r and r["paper_out"]) or (c and c["paper_stop"])),
            error=bool(c and c["error"]),
            unknown=unknown,
            raw=raw,
        )

    @classmethod
    def unknown_status(cls) -> PrinterStatus:
        return cls(unknown=True, raw={n: None for n in STATUS_QUERIES})


def encode_status(
    n: int,
    *,
    offline: bool = False,
    cover_open: bool = False,
    near_end: bool = False,
    paper_out: bool = False,
    error: bool = False,
) -> bytes:
    """The byte a healthy ESC/POS printer would send; used by the emulator and virtual printer."""
    b = FIXED_VALUE
    if n == 1:
        b |= 0x08 if offline else 0
    elif n == 2:
        b |= (0x04 if cover_open else 0) | (0x20 if paper_out else 0) | (0x40 if error else 0)
    elif n == 4:
        b |= (0x0C if near_end or paper_out else 0) | (0x60 if paper_out else 0)
    elif n == 3:
        pass  # error cause: nothing to report
    else:
        raise ValueError(f"no DLE EOT {n} in ESC/POS")
    return bytes((b,))
