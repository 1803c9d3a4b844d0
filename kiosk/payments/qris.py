"""Checks a QRIS (EMVCo merchant-presented) payload before the kiosk shows it to anyone.

A QR on screen is a promise: "scan this and you pay the fee to this government merchant". So the
string from the central is parsed and checked here, and a payload that fails any rule is never
drawn. Rules (EMVCo MPM spec + Bank Indonesia's QRIS profile):

* a flat sequence of data objects ``TTLLvalue`` (2-digit tag, 2-digit decimal length);
* tag 00 = "01" first; tag 01 = "12" (dynamic: one payment, one amount);
* at least one merchant account template (tags 26-51) and a QRIS national merchant id (NMID,
  sub-tag 02 of the ``ID.CO.QRIS.WWW`` template) when asked for;
* tag 53 = "360" (rupiah), tag 54 = exactly the quoted amount, tag 58 = "ID";
* tag 59 merchant name and tag 60 city present;
* tag 63 last, 4 upper-case hex digits = CRC-16/CCITT-FALSE of everything before it, ``6304``
  included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

QRIS_GUI = "ID.CO.QRIS.WWW"
_AMOUNT = re.compile(r"^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$")


class QrisError(ValueError):
    """The payload breaks a rule; ``code`` is stable (tests, logs), the message says where."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def parse_tlv(text: str, where: str = "payload") -> list[tuple[str, str]]:
    """Split ``text`` into (tag, value) pairs; raises QrisError on any structural fault."""
    items: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        head = text[pos:pos + 4]
        if len(head) < 4 or not head.isdigit():
            raise QrisError("structure", f"{where}: bad data object header {head!r} at {pos}")
        tag, length = head[:2], int(head[2:])
        value = text[pos + 4:pos + 4 + length]
        if length == 0 or len(value) != length:
            raise QrisError("structure", f"{where}: tag {tag} length {length} runs past the end or is 0")
        items.append((tag, value))
        pos += 4 + length
    return items


@dataclass(frozen=True)
class QrisPayload:
    """The parts of a checked payload the kiosk uses (shown, printed, compared)."""

    raw: str
    tags: dict[str, str]
    merchant_name: str
    merchant_city: str
    amount: str | None
    dynamic: bool
    nmid: str | None
    accounts: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def bill_number(self) -> str | None:
        extra = self.tags.get("62")
        if not extra:
            return None
        return dict(parse_tlv(extra, "tag 62")).get("01")


def parse_qris(payload: str) -> QrisPayload:
    """Structure + CRC + the tags every QRIS has; no policy about amount or dynamic-ness."""
    if not payload.isascii() or not payload.isprintable():
        raise QrisError("charset", "payload must be printable ASCII")
    items = parse_tlv(payload)
    if not items or items[0] != ("00", "01"):
        raise QrisError("format_indicator", "tag 00 must come first and be '01'")
    if items[-1][0] != "63" or len(items[-1][1]) != 4:
        raise QrisError("crc_missing", "tag 63 (4-character CRC) must be the last data object")
    tags: dict[str, str] = {}
    for tag, value in items:
        if tag in tags:
            raise QrisError("duplicate_tag", f"tag {tag} appears twice")
        tags[tag] = value
    expected = f"{crc16_ccitt_false(payload[:-4].encode('ascii')):04X}"
    if tags["63"].upper() != expected:
        raise QrisError("crc", f"CRC {tags['63']!r} does not match the payload ({expected})")
    accounts = {t: dict(parse_tlv(v, f"tag {t}")) for t, v in tags.items() if "26" <= t <= "51"}
    if not accounts:
        raise QrisError("merchant_account", "no merchant account information (tags 26-51)")
    for tag, sub in accounts.items():
        if "00" not in sub:
            raise QrisError("merchant_account", f"tag {tag} has no globally unique identifier (00)")
    nmid = next((sub.get("02") for sub in accounts.values() if sub.get("00", "").upper() == QRIS_GUI), None)
    amount = tags.get("54")
    if amount is not None and not _AMOUNT.match(amount):
        raise QrisError("amount", f"tag 54 {amount!r} is not an amount")
    return QrisPayload(payload, tags, tags.get("59", "").strip(), tags.get("60", "").strip(), amount,
                       tags.get("01") == "12", nmid, accounts)


def validate_dynamic_qris(payload: str, amount_idr: int, *, expected_nmid: str | None = None,
                          require_nmid: bool = True) -> QrisPayload:
    """Everything ``parse_qris`` checks, plus what makes it safe to show for this one fee."""
    parsed = parse_qris(payload)
    for tag, code in (("59", "merchant_name"), ("60", "merchant_city"), ("58", "country"), ("53", "currency")):
        if not parsed.tags.get(tag, "").strip():
            raise QrisError(code, f"tag {tag} ({code.replace('_', ' ')}) is missing")
    if not parsed.dynamic:
        raise QrisError("not_dynamic", f"tag 01 is {parsed.tags.get('01')!r}; a fee needs a dynamic code ('12')")
    if parsed.tags["53"] != "360":
        raise QrisError("currency", f"tag 53 is {parsed.tags['53']!r}, not rupiah (360)")
    if parsed.tags["58"] != "ID":
        raise QrisError("country", f"tag 58 is {parsed.tags['58']!r}, not ID")
    # The amount must be the quoted fee written the plain way ("350000"): a different number, a
    # decimal form or a missing tag would let a citizen pay something other than what they saw.
    if parsed.amount != str(amount_idr):
        raise QrisError("amount", f"tag 54 is {parsed.amount!r}, the fee is {amount_idr}")
    if require_nmid and not parsed.nmid:
        raise QrisError("nmid", f"no national merchant id ({QRIS_GUI} template, sub-tag 02)")
    if expected_nmid is not None and parsed.nmid != expected_nmid:
        raise QrisError("nmid", f"merchant id {parsed.nmid!r} is not the expected {expected_nmid!r}")
    return parsed
