"""Staff accounts of a site (counter staff, supervisors) and their sessions.

Passwords are scrypt hashes (as the kiosk's admin PINs, kiosk/admin/pin.py), never the password;
a session is an opaque random token of which only the SHA-256 is stored, so a copy of the database
opens no counter. Sessions expire (``SESSION_TTL``); logout deletes the row.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.errors import ApiProblem
from central.store import Store, from_us, to_us

Role = Literal["counter_staff", "supervisor"]
ROLES: tuple[Role, ...] = ("counter_staff", "supervisor")
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
MAXMEM = 64 * 1024 * 1024
SESSION_TTL = timedelta(hours=10)  # one working day at a counter, then sign in again
FREE_FAILURES = 5  # wrong passwords in a row before the account waits
LOCK_BASE = timedelta(seconds=30)  # then 30 s, doubling with each further failure, at most MAX_LOCK
MAX_LOCK = timedelta(minutes=15)
MIN_PASSWORD = 8
MAX_PASSWORD = 128
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
# Compared against when the username is unknown, so a wrong name costs the same time as a wrong password.
_DUMMY_HASH = "scrypt$" + "00" * 16 + "$" + "00" * 32


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, maxmem=MAXMEM, dklen=32, **SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, maxmem=MAXMEM, dklen=32, **SCRYPT)
    return hmac.compare_digest(digest.hex(), digest_hex)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def valid_username(name: str) -> bool:
    return 1 <= len(name) <= 64 and set(name) <= USERNAME_CHARS


@dataclass(frozen=True)
class StaffMember:
    id: str
    username: str
    display_name: str
    role: Role
    site: str = ""
    """The hall the account belongs to: every counter, ticket and stream it touches is this site's."""


@dataclass(frozen=True)
class Session:
    staff: StaffMember
    token: str
    expires_at: datetime


def _member(row: Any) -> StaffMember:
    return StaffMember(
        id=row["id"], username=row["username"], display_name=row["display_name"], role=row["role"], site=row["site"]
    )


MAX_SAME_NAME = 4  # accounts of one username at several sites tried by a login that names no site


class StaffDirectory:
    """Accounts, login, logout and bearer-token checks of every site; ``site`` is the default one
    (new accounts without a site). A session carries its account's site."""

    def __init__(self, db: Store, site: str, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.site = site
        self.clock = clock

    def add(
        self, username: str, password: str, role: Role, display_name: str | None = None, *, site: str | None = None
    ) -> StaffMember:
        """Create an account at ``site`` (the admin CLI); ValueError for a bad name, role or password."""
        site = site or self.site
        username = username.strip().lower()
        if not valid_username(username):
            raise ValueError("a username is 1-64 characters of a-z, 0-9, '.', '_' or '-'")
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise ValueError(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")
        member = StaffMember(str(uuid.uuid4()), username, (display_name or username)[:80], role, site)
        hashed = hash_password(password)

        def step(conn: Any) -> None:
            if conn.execute("SELECT 1 FROM staff WHERE site=? AND username=?", (site, username)).fetchone():
                raise ValueError(f"there is already an account {username!r} at this site")
            conn.execute(
                "INSERT INTO staff (id, site, username, display_name, role, password_hash, created_us)"
                " VALUES (?,?,?,?,?,?,?)",
                (member.id, site, username, member.display_name, role, hashed, to_us(self.clock())),
            )

        self.db.transact(step)
        return member

    def login(self, username: str, password: str, site: str | None = None) -> Session:
        """A session for the account; without ``site``, the one account of that name (at any
        site) whose password this is, so a counter page needs no site picker."""
        username = username.strip().lower()[:64]
        where, args = ("site=? AND username=?", (site, username)) if site else ("username=?", (username,))
        rows = self.db.run_read(
            lambda conn: conn.execute(
                f"SELECT * FROM staff WHERE {where} AND disabled=0 ORDER BY site LIMIT ?", (*args, MAX_SAME_NAME)
            ).fetchall()
        )
        now = self.clock()
        locked = [r["locked_until_us"] for r in rows if (r["locked_until_us"] or 0) > to_us(now)]
        if rows and len(locked) == len(rows):
            # Guessing is slowed per account, in the database, so every worker process sees it.
            wait_s = -(-(min(locked) - to_us(now)) // 1_000_000)
            raise ApiProblem(429, "too_many_attempts", f"too many wrong passwords; try again in {wait_s} s")
        rows = [r for r in rows if (r["locked_until_us"] or 0) <= to_us(now)]
        matching = [r for r in rows if password_matches(password[:MAX_PASSWORD], r["password_hash"])]
        if not rows:
            password_matches(password[:MAX_PASSWORD], _DUMMY_HASH)  # an unknown name costs as long
        if len(matching) > 1:
            raise ApiProblem(409, "site_required", "this account exists at several sites; sign in naming the site")
        if not matching:
            for row in rows:
                self._count_failure(row["id"], now)
            raise ApiProblem(401, "bad_credentials", "wrong username or password")
        row = matching[0]
        token = secrets.token_urlsafe(32)
        expires = now + SESSION_TTL

        def step(conn: Any) -> None:
            conn.execute("UPDATE staff SET failed_logins=0, locked_until_us=NULL WHERE id=?", (row["id"],))
            conn.execute("DELETE FROM staff_sessions WHERE expires_us <= ?", (to_us(now),))
            conn.execute(
                "INSERT INTO staff_sessions (token_hash, staff_id, created_us, expires_us) VALUES (?,?,?,?)",
                (token_hash(token), row["id"], to_us(now), to_us(expires)),
            )

        self.db.transact(step)
        return Session(_member(row), token, expires)

    def _count_failure(self, staff_id: str, now: datetime) -> None:
        def step(conn: Any) -> None:
            (failed,) = conn.execute(
                "UPDATE staff SET failed_logins = failed_logins + 1 WHERE id=? RETURNING failed_logins", (staff_id,)
            ).fetchone()
            if failed >= FREE_FAILURES:
                lock = min(LOCK_BASE * 2 ** min(failed - FREE_FAILURES, 10), MAX_LOCK)
                conn.execute("UPDATE staff SET locked_until_us=? WHERE id=?", (to_us(now + lock), staff_id))

        self.db.transact(step)

    def authenticate(self, token: str | None) -> StaffMember:
        if not token or len(token) > 256:
            raise ApiProblem(401, "staff_auth_required", "sign in as counter staff (Authorization: Bearer <session>)")
        now_us = to_us(self.clock())
        row = self.db.run_read(
            lambda conn: conn.execute(
                "SELECT staff.* FROM staff_sessions s JOIN staff ON staff.id = s.staff_id"
                " WHERE s.token_hash=? AND s.expires_us > ? AND staff.disabled=0",
                (token_hash(token), now_us),
            ).fetchone()
        )
        if row is None:
            raise ApiProblem(401, "session_expired", "the session is unknown or expired; sign in again")
        return _member(row)

    def logout(self, token: str) -> None:
        self.db.transact(
            lambda conn: conn.execute("DELETE FROM staff_sessions WHERE token_hash=?", (token_hash(token),))
        )

    def session_expiry(self, token: str) -> datetime | None:
        row = self.db.run_read(
            lambda conn: conn.execute(
                "SELECT expires_us FROM staff_sessions WHERE token_hash=?", (token_hash(token),)
            ).fetchone()
        )
        return from_us(row["expires_us"]) if row else None


# ---- the staff side of HTTP: one bearer scheme and one dependency for every staff router ------

STAFF_BEARER = HTTPBearer(
    auto_error=False, scheme_name="StaffSession", description="Session token from POST /v1/staff/login"
)


def bearer_token(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(STAFF_BEARER)]) -> str | None:
    """The raw session token of a request, if it sent one."""
    return creds.credentials if creds is not None else None


def staff_auth(staff_dir: StaffDirectory) -> Callable[..., StaffMember]:
    """The dependency answering the signed-in staff member of a request (ApiProblem 401 if none)."""

    def staff(token: Annotated[str | None, Depends(bearer_token)]) -> StaffMember:
        return staff_dir.authenticate(token)

    return staff
