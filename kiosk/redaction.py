"""The one scrubber for what the kiosk writes about itself: log records and crash reports.

Code logs what happened as a short constant message plus named fields
(``log.info("payment created", extra=log_fields(payment_id=...))``), and fields are redacted by
their name, not by guessing at their value: a personal field (``nik``, ``name``, ``card_uid``,
``mrz`` ...) is never written, an identifier the central also keeps (``payment_id``,
``reference`` ...) is written exactly as it is, so a complaint about money can be matched to the
central's record. Every other field, every positional argument, the message text itself,
exception text and crash messages go through ``scrub_text``, the last line of defence against a
careless f-string, with these rules (in this order):

* UUIDs (payment, entry and request ids) are kept intact;
* a value in quotes (``'…'`` or ``"…"``, as in an exception's message) is removed: a name
  cannot be told from other words, and exceptions quote the values they choke on (a quoted
  ``%s`` placeholder in a message template is kept: the value it gets is scrubbed on its own);
* MRZ text (a run of 20+ of ``A-Z 0-9 <`` with a ``<`` filler in it) becomes ``[mrz]``;
* a NIK, 16 digits however grouped (``3273015708850003``, ``3273-0157-0885-0003``,
  ``32.73.01.570885.0003``, with spaces) becomes ``[nik]``;
* any other run of 9+ digits (phone, family card, account numbers) becomes ``[number]``;
* card UIDs and raw card data (4+ hex bytes, maybe ``:`` or space separated, with a letter and a
  digit in them, or 12+ hex digits) become ``[hex]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Never written, whatever the value: these name personal data.
PERSONAL_FIELDS = frozenset(
    {
        "nik",
        "name",
        "full_name",
        "holder",
        "masked_name",
        "birth_date",
        "address",
        "phone",
        "card_uid",
        "uid",
        "atr",
        "card_data",
        "apdu",
        "mrz",
        "document_number",
        "passport_number",
    }
)
# Written exactly: identifiers shared with the central service or the journal, needed to match
# a complaint to a record. Long values are cut (a field is not a place for a document).
ID_FIELDS = frozenset(
    {
        "payment_id",
        "entry_id",
        "ticket_id",
        "reservation_id",
        "request_id",
        "idempotency_key",
        "reference",
        "terminal_id",
        "service_id",
        "agency_id",
        "state",
        "step",
    }
)
MAX_FIELD = 120
REMOVED = "[removed]"

_UUID = re.compile(
    r"(?<![0-9A-Za-z-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
    r"(?![0-9A-Za-z-])"
)
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-#0 +]?\d*(?:\.\d+)?[sdrifxXeEgGcoa]")
_FRAME_LINE = re.compile(r'^\s*File "[^"\n]*", line \d+, in [\w<>.]+\s*$')
_MRZ = re.compile(r"[A-Za-z0-9<]*<[A-Za-z0-9<]*")
_NIK = re.compile(r"(?<!\d)\d(?:[ .\-/]?\d){15}(?!\d)")
_DIGITS = re.compile(r"\d{9,}")
# Card UIDs are 4, 7 or 10 bytes: 8/14/20 hex digits, maybe spaced or colon-separated.
_HEX_RUN = re.compile(r"(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{2}[ :]?){4,}(?![0-9A-Za-z])")


def _hex_sub(m: re.Match[str]) -> str:
    run = m.group(0).rstrip(" :")
    digits = re.sub(r"[ :]", "", run)
    looks_like_data = len(digits) >= 12 or (any(c.isalpha() for c in digits) and any(c.isdigit() for c in digits))
    return "[hex]" + m.group(0)[len(run) :] if looks_like_data else m.group(0)


def _unquote_value(m: re.Match[str]) -> str:
    # A quoted format placeholder ('"%s %s"' in a library's log message) is code, not a value.
    return m.group(0) if _PLACEHOLDER.search(m.group(0)) else "'…'"


def _scrub_piece(text: str) -> str:
    """The rules for text that holds no UUID."""
    text = _QUOTED.sub(_unquote_value, text)
    text = _MRZ.sub(lambda m: "[mrz]" if len(m.group(0)) >= 20 else m.group(0), text)
    text = _NIK.sub("[nik]", text)
    text = _DIGITS.sub("[number]", text)
    return _HEX_RUN.sub(_hex_sub, text)


def scrub_text(text: str) -> str:
    """``text`` with personal data removed (the rules above); UUIDs pass unchanged."""
    out, pos = [], 0
    for m in _UUID.finditer(text):
        out += [_scrub_piece(text[pos : m.start()]), m.group(0)]
        pos = m.end()
    out.append(_scrub_piece(text[pos:]))
    return "".join(out)


def scrub_traceback(text: str) -> str:
    """A formatted traceback: frame lines (``File "…", line N, in f``) name code, not data, and
    are kept, so a technician still sees where it failed; every other line is scrubbed."""
    return "".join(line if _FRAME_LINE.match(line) else scrub_text(line) for line in text.splitlines(keepends=True))


def _cut(text: str) -> str:
    return text if len(text) <= MAX_FIELD else text[: MAX_FIELD - 1] + "…"


def scrub_field(name: str, value: Any) -> Any:
    """One named field as it may be written: removed, kept, or scrubbed as text."""
    key = name.lower()
    if key in PERSONAL_FIELDS:
        return REMOVED
    if value is None or isinstance(value, bool) or (isinstance(value, (int, float)) and key in ID_FIELDS):
        return value
    if key in ID_FIELDS:
        return _cut(str(value))
    if isinstance(value, float) or (isinstance(value, int) and abs(value) < 10**8):
        return value
    return _cut(scrub_text(str(value)))


def scrub_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {str(name): scrub_field(str(name), value) for name, value in fields.items()}


def log_fields(**fields: Any) -> dict[str, Any]:
    """``extra=`` for a log call: the named fields a record carries (redacted by name when written)."""
    return {"fields": fields}


class _Scrubbed:
    """A log argument of any type, shown only through the scrubber (for ``%s`` and ``%r``)."""

    __slots__ = ("_repr", "_str")

    def __init__(self, value: Any) -> None:
        self._str = scrub_text(str(value))
        self._repr = scrub_text(repr(value))

    def __str__(self) -> str:
        return self._str

    def __repr__(self) -> str:
        return self._repr


def scrub_arg(value: Any) -> Any:
    """A positional log argument: text scrubbed, small numbers kept (``%d`` still works)."""
    if value is None or isinstance(value, (bool, float)):
        return value
    if isinstance(value, int) and abs(value) < 10**8:
        return value
    if isinstance(value, str):
        return scrub_text(value)
    return _Scrubbed(value)
