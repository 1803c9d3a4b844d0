"""One-shot checks for the technician screen and ``main.py diagnose`` (not for the running
kiosk, whose reads go through ``CardReaderService``). Call from a single thread."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.devices.card import pcsc


@dataclass(frozen=True)
class ReaderCheck:
    state: str  # "ok" | "no_readers" | "no_service"
    readers: tuple[str, ...]
    cards_present: tuple[str, ...]  # readers with a card on them right now
    detail: str


def check_readers() -> ReaderCheck:
    hr, ctx = pcsc.establish()
    if hr != pcsc.OK:
        return ReaderCheck("no_service", (), (), f"pcscd not reachable (0x{hr:08X})")
    try:
        hr, names = pcsc.list_readers(ctx)
        if hr == pcsc.NO_READERS or (hr == pcsc.OK and not names):
            return ReaderCheck("no_readers", (), (), "pcscd is running but sees no reader")
        if hr != pcsc.OK:
            return ReaderCheck("no_service", (), (), f"listing readers failed (0x{hr:08X})")
        hr, states = pcsc.status_change(ctx, 0, [(n, pcsc.STATE_UNAWARE) for n in names])
        present = tuple(n for n, e, _ in states if e & pcsc.STATE_PRESENT) if hr == pcsc.OK else ()
        return ReaderCheck("ok", tuple(names), present, f"{len(names)} reader(s)")
    finally:
        pcsc.release(ctx)
