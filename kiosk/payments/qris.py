"""Checks a QRIS (EMVCo merchant-presented) payload before the kiosk shows it to anyone.

A QR on screen is a promise: "scan this and you pay the fee to this government merchant". So the
string from the central is parsed and checked here, and a payload that fails any rule is never
drawn. Rules (EMVCo MPM spec + Bank Indonesia's QRIS profile):

* a flat sequence of data objects ``TTLLvalue`` (2-digit tag, 2-digit decimal length counted in
  characters); the templates (26-51 merchant accounts, 62 additional data, 64 language, 80-99
  unreserved) are themselves well-formed sequences without a repeated sub-tag, and the account
  and unreserved templates start from a globally unique identifier (sub-tag 00);
* printable ASCII everywhere except inside the tag 64 alternate-language template, where EMVCo
  allows UTF-8 (the CRC is then computed over the UTF-8 bytes);
* tag 00 = "01" first; tag 01 = "12" (dynamic: one payment, one amount);
* at least one merchant account template and a QRIS national merchant id (NMID, sub-tag 02 of
  the ``ID.CO.QRIS.WWW`` template, "ID" + 13 digits) when asked for;
* tag 52 (MCC) 4 digits; tag 53 = "360" (rupiah); tag 54 = exactly the quoted amount; no tag 55,
  56 or 57 (a tip prompt or a convenience fee would make the bank app charge more than the screen
  says); tag 58 = "ID"; tag 59 merchant name <= 25 and tag 60 city <= 15 characters, present;
* tag 63 last, 4 upper-case hex digits = CRC-16/CCITT-FALSE of everything before it, ``6304``
  included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

QRIS_GUI = "ID.CO.QRIS.WWW"
_AMOUNT = re.compile(r"^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$")
_NMID = re.compile(r"^ID[0-9]{13}$")
_MCC = re.compile(r"^[0-9]{4}$")
LANGUAGE_TEMPLATE = "64"
# Tip or convenience indicator, fixed fee, percentage fee: each makes the citizen pay more than the fee.
SURCHARGE_TAGS = ("55", "56", "57")
# (tag, longest value) for the plain data objects whose EMVCo format has a maximum below 99.
_MAX_LENGTH = {"52": 4, "53": 3, "54": 13, "58": 2, "59": 25, "60": 15, "61": 10}
# Sub-tags of tag 62 that EMVCo defines as "ans ..25" (bill number ... purpose of transaction).
_ADDITIONAL_DATA_25 = {f"{n:02d}" for n in range(1, 9)}


class QrisError(ValueError):
    """The payload breaks a rule; ``code`` is stable (tests, logs), the message says where."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _shown(value: str, limit: int = 20) -> str:
    """A value quoted in an error message, cut short: the payload comes from outside."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


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
        head = text[pos : pos + 4]
        if len(head) < 4 or not (head.isascii() and head.isdigit()):
            raise QrisError("structure", f"{where}: bad data object header {_shown(head)} at {pos}")
        tag, length = head[:2], int(head[2:])
        value = text[pos + 4 : pos + 4 + length]
        if length == 0 or len(value) != length:
            raise QrisError("structure", f"{where}: tag {tag} length {length} runs past the end or is 0")
        items.append((tag, value))
        pos += 4 + length
    return items


def _is_template(tag: str) -> bool:
    return "26" <= tag <= "51" or tag in ("62", LANGUAGE_TEMPLATE) or "80" <= tag <= "99"


def _parse_template(tag: str, value: str) -> dict[str, str]:
    """A template's sub-objects; a repeated sub-tag or a missing identifier is a fault."""
    sub: dict[str, str] = {}
    for sub_tag, sub_value in parse_tlv(value, f"tag {tag}"):
        if sub_tag in sub:
            raise QrisError("structure", f"tag {tag}: sub-tag {sub_tag} appears twice")
        sub[sub_tag] = sub_value
    if ("26" <= tag <= "51" or "80" <= tag <= "99") and not sub.get("00", "").strip():
        code = "merchant_account" if tag <= "51" else "structure"
        raise QrisError(code, f"tag {tag} has no globally unique identifier (00)")
    return sub


def _check_charset(tag: str, value: str) -> None:
    # UTF-8 is allowed inside the language template only (a merchant name in another script).
    ok = value.isprintable() if tag == LANGUAGE_TEMPLATE else value.isascii() and value.isprintable()
    if not ok:
        raise QrisError("charset", f"tag {tag} holds characters outside its character set")


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
    templates: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def bill_number(self) -> str | None:
        return self.templates.get("62", {}).get("01")


def parse_qris(payload: str) -> QrisPayload:
    """Structure + CRC + the tags every QRIS has; no policy about amount or dynamic-ness."""
    if not payload.isprintable():
        raise QrisError("charset", "payload must be printable text")
    items = parse_tlv(payload)
    if not items or items[0] != ("00", "01"):
        raise QrisError("format_indicator", "tag 00 must come first and be '01'")
    if items[-1][0] != "63" or len(items[-1][1]) != 4:
        raise QrisError("crc_missing", "tag 63 (4-character CRC) must be the last data object")
    tags: dict[str, str] = {}
    for tag, value in items:
        if tag in tags:
            raise QrisError("duplicate_tag", f"tag {tag} appears twice")
        _check_charset(tag, value)
        tags[tag] = value
    expected = f"{crc16_ccitt_false(payload[:-4].encode('utf-8')):04X}"
    if tags["63"] != expected:  # upper-case hex, as the payload is specified; "a1b2" is a changed payload
        raise QrisError("crc", f"CRC {_shown(tags['63'])} does not match the payload ({expected})")
    templates = {t: _parse_template(t, v) for t, v in tags.items() if _is_template(t)}
    accounts = {t: sub for t, sub in templates.items() if "26" <= t <= "51"}
    if not accounts:
        raise QrisError("merchant_account", "no merchant account information (tags 26-51)")
    nmid = next((sub.get("02") for sub in accounts.values() if sub.get("00", "").upper() == QRIS_GUI), None)
    amount = tags.get("54")
    if amount is not None and not _AMOUNT.match(amount):
        raise QrisError("amount", f"tag 54 {_shown(amount)} is not an amount")
    return QrisPayload(
        payload,
        tags,
        tags.get("59", "").strip(),
        tags.get("60", "").strip(),
        amount,
        tags.get("01") == "12",
        nmid,
        accounts,
        templates,
    )


def _check_lengths_and_templates(parsed: QrisPayload) -> None:
    """What a bank app refuses: over-long fields, a bad MCC, NMID, additional data or language template."""
    for tag, longest in _MAX_LENGTH.items():
        value = parsed.tags.get(tag)
        if value is not None and len(value) > longest:
            code = {"59": "merchant_name", "60": "merchant_city", "54": "amount"}.get(tag, "field_length")
            raise QrisError(code, f"tag {tag} is {len(value)} characters, at most {longest} allowed")
    if not _MCC.match(parsed.tags.get("52", "")):
        raise QrisError("mcc", "tag 52 (merchant category code) must be 4 digits")
    for sub_tag, value in parsed.templates.get("62", {}).items():
        if sub_tag in _ADDITIONAL_DATA_25 and len(value) > 25:
            raise QrisError("additional_data", f"tag 62 sub-tag {sub_tag} is longer than 25 characters")
        if sub_tag == "09" and (len(value) > 3 or set(value) - set("AME")):
            raise QrisError("additional_data", "tag 62 sub-tag 09 may only ask for A, M and E")
    language = parsed.templates.get(LANGUAGE_TEMPLATE)
    if language is not None:
        if len(language.get("00", "")) != 2 or not language.get("01", "").strip():
            raise QrisError("language_template", "tag 64 needs a language (00) and a merchant name (01)")
        if len(language["01"]) > 25 or len(language.get("02", "")) > 15:
            raise QrisError("language_template", "tag 64 name or city is too long")
    for sub in parsed.accounts.values():
        if sub.get("00", "").upper() == QRIS_GUI and "02" in sub and not _NMID.match(sub["02"]):
            raise QrisError("nmid", "the national merchant id is not 'ID' and 13 digits")


def validate_dynamic_qris(
    payload: str, amount_idr: int, *, expected_nmid: str | None = None, require_nmid: bool = True
) -> QrisPayload:
    """Everything ``parse_qris`` checks, plus what makes it safe to show for this one fee."""
    parsed = parse_qris(payload)
    for tag, code in (
        ("59", "merchant_name"),
        ("60", "merchant_city"),
        ("58", "country"),
        ("53", "currency"),
        ("52", "mcc"),
    ):
        if not parsed.tags.get(tag, "").strip():
            raise QrisError(code, f"tag {tag} ({code.replace('_', ' ')}) is missing")
    if not parsed.dynamic:
        raise QrisError(
            "not_dynamic", f"tag 01 is {_shown(parsed.tags.get('01', ''))}; a fee needs a dynamic code ('12')"
        )
    if parsed.tags["53"] != "360":
        raise QrisError("currency", f"tag 53 is {_shown(parsed.tags['53'])}, not rupiah (360)")
    if parsed.tags["58"] != "ID":
        raise QrisError("country", f"tag 58 is {_shown(parsed.tags['58'])}, not ID")
    # The amount must be the quoted fee written the plain way ("350000"): a different number, a
    # decimal form or a missing tag would let a citizen pay something other than what they saw.
    if parsed.amount != str(amount_idr):
        raise QrisError("amount", f"tag 54 is {_shown(parsed.amount or '')}, the fee is {amount_idr}")
    surcharges = [tag for tag in SURCHARGE_TAGS if tag in parsed.tags]
    if surcharges:
        raise QrisError("surcharge", f"tag {surcharges[0]} would add a tip or convenience fee to the amount")
    _check_lengths_and_templates(parsed)
    if require_nmid and not parsed.nmid:
        raise QrisError("nmid", f"no national merchant id ({QRIS_GUI} template, sub-tag 02)")
    if expected_nmid is not None and parsed.nmid != expected_nmid:
        raise QrisError("nmid", f"merchant id {_shown(parsed.nmid or '')} is not the expected {_shown(expected_nmid)}")
    return parsed
