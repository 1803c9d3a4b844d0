"""Terminal authentication and enrolment for the reference central.

Two sources of terminals: the static ``terminals`` mapping given to ``create_app`` (demo and
tests) and terminals enrolled at run time with a one-time code. Only SHA-256 digests of tokens
and codes are kept; comparisons use ``hmac.compare_digest``.

A lost enrolment answer must not brick the kiosk: replaying the same code for the same terminal
within ``REPLAY_WINDOW`` issues a fresh token (the first one never reached anybody) instead of
refusing. Any other reuse of a code is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Callable

from central.db import Database, from_us, to_us
from central.errors import ApiProblem
from kiosk.contract import EnrolRequest, EnrolResponse

REPLAY_WINDOW = timedelta(minutes=10)
_DUMMY = hashlib.sha256(b"no such terminal").digest()


def digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8")).digest()


class TerminalRegistry:
    def __init__(
        self, db: Database, static: dict[str, str], enrolment_codes: list[str], clock: Callable[[], datetime]
    ) -> None:
        self.db = db
        self.clock = clock
        self._static = {tid: digest(tok) for tid, tok in static.items()}
        with db.write() as conn:
            for code in enrolment_codes:
                conn.execute(
                    "INSERT INTO enrolment_codes (code_hash) VALUES (?) ON CONFLICT DO NOTHING", (digest(code).hex(),)
                )

    def authenticate(self, terminal_id: str | None, token: str | None) -> str:
        """The terminal id when the token matches it; ApiProblem 401 otherwise."""
        expected = self._static.get(terminal_id or "")
        if expected is None and terminal_id:
            with self.db.read() as conn:
                row = conn.execute(
                    "SELECT token_hash FROM terminals WHERE terminal_id=?", (terminal_id,)
                ).fetchone()
            expected = bytes.fromhex(row["token_hash"]) if row else None
        # Always compare, even for unknown terminals, so timing says nothing about which exist.
        ok = hmac.compare_digest(digest(token or ""), expected or _DUMMY)
        if not token or expected is None or not ok:
            raise ApiProblem(401, "unauthorized", "missing or wrong terminal token / X-Terminal-Id")
        return terminal_id  # type: ignore[return-value]

    def enrol(self, req: EnrolRequest) -> EnrolResponse:
        if req.terminal_id in self._static:
            raise ApiProblem(409, "terminal_exists", f"terminal {req.terminal_id!r} is configured statically")
        token = secrets.token_urlsafe(32)
        code_hash = digest(req.code).hex()
        with self.db.write() as conn:
            now = self.clock()
            row = conn.execute(
                "SELECT used_by, used_us FROM enrolment_codes WHERE code_hash=?", (code_hash,)
            ).fetchone()
            if row is None:
                raise ApiProblem(403, "enrolment_code_invalid", "unknown enrolment code")
            if row["used_by"] is not None:
                replay = row["used_by"] == req.terminal_id and now - from_us(row["used_us"]) <= REPLAY_WINDOW
                if not replay:
                    raise ApiProblem(409, "enrolment_code_used", "this enrolment code was already used")
            else:
                # Conditional: of two enrolments racing for one code, only one finds it unused.
                claimed = conn.execute(
                    "UPDATE enrolment_codes SET used_by=?, used_us=? WHERE code_hash=? AND used_by IS NULL",
                    (req.terminal_id, to_us(now), code_hash),
                ).rowcount
                if claimed != 1:
                    raise ApiProblem(409, "enrolment_code_used", "this enrolment code was already used")
            conn.execute(
                "INSERT INTO terminals (terminal_id, token_hash, enrolled_us) VALUES (?,?,?) "
                "ON CONFLICT (terminal_id) DO UPDATE SET token_hash=excluded.token_hash, "
                "enrolled_us=excluded.enrolled_us",
                (req.terminal_id, digest(token).hex(), to_us(now)),
            )
        return EnrolResponse(terminal_id=req.terminal_id, token=token)
