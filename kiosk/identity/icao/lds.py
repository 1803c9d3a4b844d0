"""Talking to an eMRTD chip: select the application, run BAC, read files by short file id."""

from __future__ import annotations

from kiosk.identity import tlv
from kiosk.identity.channel import SW_OK, CardChannel, CardProtocolError
from kiosk.identity.icao.bac import BacError, BacKeys, BacTerminal
from kiosk.identity.icao.sm import Command, SecureChannel, SecureMessagingError

EMRTD_AID = bytes.fromhex("A0000002471001")
SFI_COM = 0x1E
SFI_DG1 = 0x01
# EXTERNAL AUTHENTICATE with a cryptogram from the wrong MRZ data: chips answer 6300, 6982 or
# 6988 (ICAO 9303 fixes no status word), so every answer but success means "refused", except a
# chip saying it has no such command: it does not do BAC, and no typing will change that.
SW_NOT_SUPPORTED = frozenset({0x6D00, 0x6E00})
SW_END_OF_FILE = 0x6282
CHUNK = 0xDF  # keeps every protected response inside a short APDU
MAX_FILE = 0x8000  # READ BINARY offsets are 15 bits; DG1/EF.COM are far smaller


def select_application_apdu() -> bytes:
    return Command(0x00, 0xA4, 0x04, 0x0C, EMRTD_AID).to_bytes()


def select_application(channel: CardChannel) -> bool:
    _, sw = channel.transmit(select_application_apdu())
    return sw == SW_OK


def authenticate(channel: CardChannel, keys: BacKeys, terminal: BacTerminal | None = None) -> SecureChannel:
    """GET CHALLENGE + EXTERNAL AUTHENTICATE; raises ``BacError`` whenever the mutual
    authentication fails (the chip refuses our cryptogram, or its answer does not verify)."""
    terminal = terminal or BacTerminal(keys)
    rnd_ic, sw = channel.transmit(Command(0x00, 0x84, 0x00, 0x00, le=8).to_bytes())
    if sw != SW_OK or len(rnd_ic) != 8:
        raise CardProtocolError("GET CHALLENGE failed", sw)
    data = terminal.external_authenticate_data(rnd_ic)
    resp, sw = channel.transmit(Command(0x00, 0x82, 0x00, 0x00, data, le=0x28).to_bytes())
    if sw in SW_NOT_SUPPORTED:
        raise CardProtocolError("EXTERNAL AUTHENTICATE not supported", sw)
    if sw != SW_OK:
        raise BacError(f"the chip refused the MRZ data (SW {sw:04X})")
    return SecureChannel(terminal.complete(resp))


def _protected(channel: CardChannel, sm: SecureChannel, cmd: Command) -> tuple[bytes, int]:
    data, sw = channel.transmit(sm.wrap(cmd))
    if not data:  # an error status without SM objects: the session is over
        raise CardProtocolError("chip answered without secure messaging", sw)
    try:
        return sm.unwrap(data)
    except SecureMessagingError as exc:
        raise CardProtocolError(str(exc), sw) from None


def read_file(channel: CardChannel, sm: SecureChannel, sfi: int) -> bytes:
    """READ BINARY by short file id: 4 bytes to learn the TLV size, then the rest in chunks."""
    head, sw = _protected(channel, sm, Command(0x00, 0xB0, 0x80 | sfi, 0x00, le=4))
    if sw not in (SW_OK, SW_END_OF_FILE) or len(head) < 2:
        raise CardProtocolError(f"READ BINARY of SFI {sfi:02X} failed", sw)
    try:
        total = tlv.header_length(head)
    except tlv.TlvError:
        if len(head) < 4:
            raise CardProtocolError("file header is truncated") from None
        raise CardProtocolError("file does not start with a TLV header") from None
    if total > MAX_FILE:
        raise CardProtocolError("file is larger than an eMRTD data group can be")
    out = bytearray(head[:total])
    while len(out) < total:
        offset = len(out)
        want = min(CHUNK, total - offset)
        part, sw = _protected(channel, sm, Command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=want))
        if sw not in (SW_OK, SW_END_OF_FILE) or not part:
            raise CardProtocolError(f"READ BINARY at offset {offset} failed", sw)
        out += part[: total - offset]
    return bytes(out)
