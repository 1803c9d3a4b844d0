"""Thin layer over pyscard's PC/SC bindings (``smartcard.scard``).

Every function here must run on the card service's thread: pcsc-lite handles are not meant to
be shared between threads, and pyscard adds no locking. The one exception is ``cancel``, which
PC/SC defines for another thread to end a wait of the context's own thread. Return codes are normalised to unsigned
32-bit values so they compare equal to the ``SCARD_*`` constants.
"""

from __future__ import annotations

from smartcard import scard

from kiosk.identity.channel import CardProtocolError

PNP_READER = "\\\\?PnP?\\Notification"


def code(hr: int) -> int:
    return hr & 0xFFFFFFFF


def _u(name: str) -> int:
    return code(getattr(scard, name))


OK = 0
TIMEOUT = _u("SCARD_E_TIMEOUT")
CANCELLED = _u("SCARD_E_CANCELLED")  # SCardCancel ended a SCardGetStatusChange wait
NO_READERS = _u("SCARD_E_NO_READERS_AVAILABLE")
SHARING_VIOLATION = _u("SCARD_E_SHARING_VIOLATION")
UNKNOWN_READER = _u("SCARD_E_UNKNOWN_READER")
READER_UNAVAILABLE = _u("SCARD_E_READER_UNAVAILABLE")
# pcscd is gone or our context died with it: re-establish the context (with backoff)
SERVICE_GONE = frozenset(
    _u(n) for n in ("SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED", "SCARD_E_INVALID_HANDLE", "SCARD_F_COMM_ERROR")
)
# the card left (or was reset under us) while we held it
CARD_GONE = frozenset(
    _u(n)
    for n in (
        "SCARD_W_REMOVED_CARD",
        "SCARD_E_NO_SMARTCARD",
        "SCARD_W_RESET_CARD",
        "SCARD_W_UNPOWERED_CARD",
        "SCARD_W_UNRESPONSIVE_CARD",
    )
)

STATE_PRESENT = scard.SCARD_STATE_PRESENT
STATE_CHANGED = scard.SCARD_STATE_CHANGED
STATE_MUTE = scard.SCARD_STATE_MUTE
STATE_UNKNOWN = scard.SCARD_STATE_UNKNOWN
STATE_UNAVAILABLE = scard.SCARD_STATE_UNAVAILABLE
STATE_UNAWARE = scard.SCARD_STATE_UNAWARE


class TransmitFailed(CardProtocolError):
    """The APDU never got an answer (reader error, card gone). ``hr`` is the PC/SC code."""

    def __init__(self, hr: int | None, message: str) -> None:
        super().__init__(message)
        self.hr = code(hr) if hr is not None else None


def establish() -> tuple[int, int]:
    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    return code(hr), ctx


def release(ctx: int) -> None:
    try:
        scard.SCardReleaseContext(ctx)
    except Exception:
        pass


def list_readers(ctx: int) -> tuple[int, list[str]]:
    hr, names = scard.SCardListReaders(ctx, [])
    return code(hr), list(names or [])


def status_change(
    ctx: int, timeout_s: float, states: list[tuple[str, int]]
) -> tuple[int, list[tuple[str, int, bytes]]]:
    hr, result = scard.SCardGetStatusChange(ctx, max(0, int(timeout_s * 1000)), states)
    return code(hr), [(r, e, bytes(a)) for r, e, a in (result or [])]


def cancel(ctx: int) -> None:
    """SCardCancel: end ``ctx``'s SCardGetStatusChange wait now (a no-op when it is not waiting)."""
    try:
        scard.SCardCancel(ctx)
    except Exception:
        pass


def connect_exclusive(ctx: int, reader: str) -> tuple[int, int, int]:
    hr, hcard, proto = scard.SCardConnect(
        ctx, reader, scard.SCARD_SHARE_EXCLUSIVE, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
    )
    return code(hr), hcard, proto


def disconnect(hcard: int) -> None:
    try:
        scard.SCardDisconnect(hcard, scard.SCARD_LEAVE_CARD)
    except Exception:
        pass


class PcscChannel:
    """``CardChannel`` over one exclusive PC/SC connection; counts APDUs for the bench."""

    def __init__(self, hcard: int, protocol: int) -> None:
        self._hcard = hcard
        self._protocol = protocol
        self.apdu_count = 0

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.apdu_count += 1
        hr, resp = scard.SCardTransmit(self._hcard, self._protocol, list(apdu))
        if code(hr) != OK:
            raise TransmitFailed(hr, f"transmit failed: {scard.SCardGetErrorMessage(hr)}")
        if len(resp) < 2:
            raise TransmitFailed(None, "card answered without a status word")
        return bytes(resp[:-2]), (resp[-2] << 8) | resp[-1]
