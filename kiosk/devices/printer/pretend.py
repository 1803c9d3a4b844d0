"""What the two pretend printers share (the loopback emulator on TCP and the in-memory virtual
printer): paper, cover and error state changed from any thread, and the DLE EOT replies a real
printer in that state would send."""

from __future__ import annotations

import threading
from typing import Literal

from kiosk.devices.printer.status import encode_status

PaperState = Literal["ok", "near_end", "out"]


class PretendPrinter:
    """Fault state under ``_lock``; the subclass feeds job bytes and asks for the replies."""

    def __init__(self, paper: PaperState = "ok") -> None:
        self._lock = threading.Lock()
        self._paper: PaperState = paper
        self._cover_open = False
        self._error = False
        self._answer_status = True

    def set_paper(self, state: PaperState) -> None:
        if state not in ("ok", "near_end", "out"):
            raise ValueError(f"paper state must be ok, near_end or out, got {state!r}")
        with self._lock:
            self._paper = state

    def set_cover_open(self, is_open: bool) -> None:
        with self._lock:
            self._cover_open = is_open

    def set_error(self, error: bool) -> None:
        with self._lock:
            self._error = error

    def set_status_answer(self, enabled: bool) -> None:
        """False: DLE EOT queries get no reply at all (as from a hung or unplugged printer)."""
        with self._lock:
            self._answer_status = enabled

    @property
    def paper(self) -> PaperState:
        return self._paper

    # ---- for the subclass, with ``_lock`` held -------------------------------------------------
    def _faulted(self) -> bool:
        """A printer in this state prints nothing of what it receives."""
        return self._paper == "out" or self._cover_open or self._error

    def _status_reply(self, n: int) -> bytes:
        """The answer to DLE EOT ``n``: empty when the printer is silent."""
        if not self._answer_status:
            return b""
        out = self._paper == "out"
        return encode_status(
            n,
            offline=self._faulted(),
            cover_open=self._cover_open,
            near_end=self._paper == "near_end",
            paper_out=out,
            error=self._error,
        )
