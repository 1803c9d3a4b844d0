"""Read an ESC/POS byte stream back: text lines, QR payloads, cuts, images and status queries.

Used by the loopback emulator and the virtual printer so tests can check what would come out of a
real printer. It knows the length of every command our renderer sends (and of the common others),
which matters: a DLE EOT inside image or QR data is data, not a status query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, DLE, FS, LF = 0x1B, 0x1D, 0x10, 0x1C, 0x0A
CODE_PAGES = {0: "cp437", 2: "cp850", 16: "cp1252", 19: "cp858"}
_ESC_ONE_ARG = set(b"tE-a!dM3JG{VrRSUe ")  # ESC c n
_GS_ONE_ARG = set(b"!BhwHfaIbr")  # GS c n
PARTIAL_CUTS = {1, 49, 66, 98}


@dataclass
class Job:
    """What one job (from ESC @ to the next ESC @ or the end of the connection) would print."""

    raw: bytearray = field(default_factory=bytearray)
    lines: list[str] = field(default_factory=list)
    qr_codes: list[str] = field(default_factory=list)
    rasters: list[tuple[int, int]] = field(default_factory=list)  # (width dots, height dots)
    cuts: int = 0
    printed: bool = True  # False when the printer was in a fault state while receiving it
    _line: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.lines + ([self._line] if self._line else []))

    @property
    def complete(self) -> bool:
        """A job counts as complete once its cut arrived."""
        return self.cuts > 0


def _command_length(buf: bytes | bytearray, i: int) -> int | None:
    """Length of the command starting at ``buf[i]``; None if more bytes are needed."""
    n = len(buf) - i
    first = buf[i]
    if first in (ESC, GS, DLE, FS) and n < 2:
        return None
    if first == ESC:
        c = buf[i + 1]
        if c in (ord("@"), ord("2")):
            return 2
        if c in _ESC_ONE_ARG:
            return 3
        if c in (ord("p"),):
            return 5
        if c == ord("$"):
            return 4
        if c == ord("*"):
            if n < 5:
                return None
            dots = buf[i + 3] | buf[i + 4] << 8
            return 5 + dots * (1 if buf[i + 2] in (0, 1) else 3)
        return 2
    if first == GS:
        c = buf[i + 1]
        if c in _GS_ONE_ARG:
            return 3
        if c == ord("V"):
            if n < 3:
                return None
            return 3 if buf[i + 2] in (0, 1, 48, 49) else 4
        if c in (ord("L"), ord("W")):
            return 4
        if c == ord("v"):
            if n < 8:
                return None
            return 8 + (buf[i + 4] | buf[i + 5] << 8) * (buf[i + 6] | buf[i + 7] << 8)
        if c == ord("("):
            if n < 5:
                return None
            return 5 + (buf[i + 3] | buf[i + 4] << 8)
        if c == ord("8"):
            if n < 7:
                return None
            return 7 + int.from_bytes(buf[i + 3 : i + 7], "little")
        if c == ord("k"):
            if n < 3:
                return None
            if buf[i + 2] <= 6:  # NUL-terminated barcode data
                end = buf.find(b"\x00", i + 3)
                return None if end < 0 else end - i + 1
            return None if n < 4 else 4 + buf[i + 3]
        return 3
    if first == DLE:
        c = buf[i + 1]
        if c == 0x14:
            return 5
        return 3 if c in (0x04, 0x05) else 2
    if first == FS:
        c = buf[i + 1]
        return 2 if c in (ord("."), ord("&")) else (4 if c == ord("p") else 3)
    return 1


class JobRecorder:
    """Feed it bytes as they arrive; it splits them into jobs and reports status queries."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self.jobs: list[Job] = []
        self.data_bytes = 0  # every byte consumed except real-time status queries
        self.code_page = "cp437"
        self.faulted = False  # set by the owner: jobs received now are not printed

    def _job(self) -> Job:
        if not self.jobs:
            self.jobs.append(Job(printed=not self.faulted))
        return self.jobs[-1]

    def feed(self, data: bytes) -> list[int]:
        """Consume ``data``; returns the ``n`` of each DLE EOT n query found, in order."""
        self._buf += data
        queries: list[int] = []
        i = 0
        while i < len(self._buf):
            length = _command_length(self._buf, i)
            if length is None or i + length > len(self._buf):
                break
            cmd = bytes(self._buf[i : i + length])
            i += length
            if cmd[:2] == b"\x10\x04":
                queries.append(cmd[2])
                continue
            self.data_bytes += length
            self._apply(cmd)
        del self._buf[:i]
        return queries

    def _apply(self, cmd: bytes) -> None:
        if cmd == b"\x1b@":
            self.jobs.append(Job(printed=not self.faulted))
            self.code_page = "cp437"
        job = self._job()
        job.raw += cmd
        if self.faulted:
            job.printed = False
        first = cmd[0]
        if first == LF or cmd[:2] == b"\x1bd":
            job.lines.append(job._line)
            job._line = ""
        elif first >= 0x20 and len(cmd) == 1:
            job._line += cmd.decode(self.code_page, errors="replace")
        elif cmd[:2] == b"\x1bt":
            self.code_page = CODE_PAGES.get(cmd[2], "cp437")
        elif cmd[:2] == b"\x1dV":
            job.cuts += 1
        elif cmd[:3] == b"\x1d(k" and cmd[5:8] == b"1P0":
            job.qr_codes.append(cmd[8:].decode("utf-8", errors="replace"))
        elif cmd[:3] == b"\x1dv0":
            job.rasters.append(((cmd[4] | cmd[5] << 8) * 8, cmd[6] | cmd[7] << 8))
