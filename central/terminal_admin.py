"""Administrator operations on terminals, straight on the central's database (no HTTP):
``main.py central issue-code --terminal T | --site S`` and ``main.py central revoke T``.

The database is the only shared state, so these work while centrals are serving it.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

from central.store import Store, to_us
from central.terminals import digest

# Crockford-like alphabet without 0/O, 1/I/L, U: read aloud and typed on a kiosk keypad.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_GROUPS, _GROUP_LEN = 4, 4  # 16 symbols: ~78 bits, far beyond what the rate limiter lets anyone try
DEFAULT_VALID_FOR = timedelta(hours=72)
_TERMINAL_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # as EnrolRequest.terminal_id


class TerminalAdminError(Exception):
    """A refused administrator command (message for the console)."""


def new_code() -> str:
    symbols = "".join(secrets.choice(_ALPHABET) for _ in range(_GROUPS * _GROUP_LEN))
    return "ENR-" + "-".join(symbols[i : i + _GROUP_LEN] for i in range(0, len(symbols), _GROUP_LEN))


def _now() -> datetime:
    return datetime.now(UTC)


def issue_code(
    db: Store,
    *,
    terminal_id: str | None = None,
    site_id: str | None = None,
    valid_for: timedelta = DEFAULT_VALID_FOR,
    now: datetime | None = None,
) -> str:
    """A new one-time code for that terminal id, or any new terminal of that site (both: that
    terminal, enrolled to that site; a terminal code without a site enrols to the default site).
    Only its hash is stored; the code itself is returned once."""
    if terminal_id is None and site_id is None:
        raise TerminalAdminError("give --terminal, --site or both")
    if terminal_id is not None and not _TERMINAL_ID.fullmatch(terminal_id):
        raise TerminalAdminError("a terminal id is 1-64 letters, digits, '.', '_' or '-'")
    now_us = to_us(now or _now())
    code = new_code()
    with db.write() as conn:
        if terminal_id is not None:
            enrolled = conn.execute(
                "SELECT 1 FROM terminals WHERE terminal_id=? AND revoked_us IS NULL", (terminal_id,)
            ).fetchone()
            if enrolled:
                raise TerminalAdminError(
                    f"terminal {terminal_id!r} is enrolled; revoke it first (main.py central revoke {terminal_id})"
                )
        conn.execute(
            "INSERT INTO enrolment_codes (code_hash, terminal_id, site_id, issued_us, expires_us) VALUES (?,?,?,?,?)",
            (digest(code).hex(), terminal_id, site_id, now_us, now_us + valid_for // timedelta(microseconds=1)),
        )
    return code


def revoke(db: Store, terminal_id: str, now: datetime | None = None) -> bool:
    """Invalidate the terminal's token at once. False when no enrolled terminal has that id."""
    with db.write() as conn:
        return (
            conn.execute(
                "UPDATE terminals SET revoked_us=?, previous_token_hash=NULL, rotate_key_hash=NULL "
                "WHERE terminal_id=? AND revoked_us IS NULL",
                (to_us(now or _now()), terminal_id),
            ).rowcount
            == 1
        )
