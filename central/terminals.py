"""Terminal authentication, enrolment and token rotation for the reference central.

Two sources of terminals: the static ``terminals`` mapping given to ``create_app`` (demo and
tests) and terminals enrolled at run time with a one-time code. Only SHA-256 digests of tokens,
codes and idempotency keys are kept; comparisons use ``hmac.compare_digest``.

Rules (all enforced by conditional SQL inside one write transaction that locks the rows it decides
on (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: ``SELECT .. FOR UPDATE``), so they hold with several
central processes on one database):

* a code is used once, and only for what it was issued for: one terminal id, or any *new*
  terminal of one site (``central issue-code``; catalogue demo codes are site codes); the terminal
  then belongs to that site (a code without one: the central's default site) and reads and
  changes only that site's catalogue, queues, tickets and payments;
* an enrolled terminal is never re-keyed by enrolment: an administrator revokes it first;
* a lost enrolment or rotation answer must not brick the kiosk: the *same request* (same code or
  old token, same terminal, same Idempotency-Key, which only the original caller knows) repeated
  within ``REPLAY_WINDOW`` is answered with the *same* token again. Any other reuse is refused.
  The token is an HMAC, under a random secret kept in the database, of the code or old token,
  the key and the terminal id: a repeat computes it again instead of storing it, and however
  the attempts are ordered (a slow first attempt processed after the retry) they agree;
* failed attempts are slowed down per client (``central.throttle``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from central.errors import ApiProblem
from central.store import Store, to_us
from central.throttle import AuthThrottle
from kiosk.contract import EnrolRequest, EnrolResponse

REPLAY_WINDOW = timedelta(minutes=10)
# Everything authentication reads, in one statement (one round trip): the client's token failures
# and the enrolled terminal's token hash and site (NULLs when there are none).
_AUTH_SQL = (
    "SELECT (SELECT failures FROM auth_failures WHERE bucket='token' AND client=?) AS failures,"
    " (SELECT blocked_until_us FROM auth_failures WHERE bucket='token' AND client=?) AS blocked_until_us,"
    " (SELECT token_hash FROM terminals WHERE terminal_id=? AND revoked_us IS NULL) AS token_hash,"
    " (SELECT site_id FROM terminals WHERE terminal_id=? AND revoked_us IS NULL) AS site_id"
)
_DUMMY = hashlib.sha256(b"no such terminal").digest()


@dataclass(frozen=True)
class TerminalPrincipal:
    """An authenticated kiosk: its id and the site it belongs to (what it may read and change)."""

    id: str
    site: str


@dataclass(frozen=True)
class HotCaller:
    """A terminal on the hot path (reserve, confirm on PostgreSQL's asyncio pool). ``guard`` is
    what the statement itself checks before it changes anything: (pre-shared, terminal id, token
    hash). A token revoked or rotated through another process then stops at the next statement,
    although this process authenticated it before and did not ask again (``vouched``)."""

    principal: TerminalPrincipal
    guard: tuple[bool, str, str]
    vouched: bool


# In SQL, the guard's test (its three parameters in order): a pre-shared terminal, or an enrolled
# one whose current token this still is.
GUARD_SQL = (
    "(?::boolean OR EXISTS (SELECT 1 FROM terminals WHERE terminal_id=? AND token_hash=? AND revoked_us IS NULL))"
)
_VOUCHED_MAX = 50_000  # terminals remembered per process; more than a fleet has


def _static_entry(terminal_id: str, entry: Any, default_site: str) -> tuple[str, str]:
    """(token hash, site) of a pre-shared terminal: a token string (the default site) or
    ``{"token": ..., "site": ...}``."""
    if isinstance(entry, str):
        return digest(entry).hex(), default_site
    if isinstance(entry, Mapping) and isinstance(entry.get("token"), str):
        return digest(entry["token"]).hex(), str(entry.get("site") or default_site)
    raise ValueError(f"terminal {terminal_id[:64]!r}: expected a token or {{token, site}}")


def _unauthorized() -> ApiProblem:
    return ApiProblem(401, "unauthorized", "missing or wrong terminal token / X-Terminal-Id")


def digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8")).digest()


def _matches(secret: str | None, stored_hex: str | None) -> bool:
    expected = bytes.fromhex(stored_hex) if stored_hex else _DUMMY
    # Always compare, even with nothing stored, so timing says nothing about which terminals exist.
    ok = hmac.compare_digest(digest(secret or ""), expected)
    return ok and bool(secret) and bool(stored_hex)


class TerminalRegistry:
    def __init__(
        self,
        db: Store,
        static: Mapping[str, Any],
        enrolment_codes: list[str] | Mapping[str, list[str]],
        clock: Callable[[], datetime],
        site_id: str = "",
        sites: tuple[str, ...] = (),
    ) -> None:
        """``site_id``: the default site (codes and terminals without one); ``sites``: every site
        served (a code bound to another is refused). ``enrolment_codes``: demo codes of the default
        site, or {site: codes}."""
        self.db = db
        self.clock = clock
        self.site_id = site_id
        self.sites = set(sites) | {site_id}
        self.throttle = AuthThrottle(db, clock)
        static_entries = {tid: _static_entry(tid, entry, site_id) for tid, entry in static.items()}
        unknown = sorted({site for _, site in static_entries.values()} - self.sites)
        if unknown:
            raise ValueError(f"pre-shared terminals name sites this central does not serve: {', '.join(unknown)[:200]}")
        self._static = {tid: h for tid, (h, _) in static_entries.items()}
        self._static_site = {tid: site for tid, (_, site) in static_entries.items()}
        codes = enrolment_codes if isinstance(enrolment_codes, Mapping) else {site_id: list(enrolment_codes)}
        self._enrolment_codes = [(code, site) for site, site_codes in codes.items() for code in site_codes]
        # Written on first need, not here: a central started without migrating (--no-migrate) on a
        # schema behind the head must still start and say so in /readyz, not crash on a column.
        self._secret: bytes | None = None
        # terminal id -> (token digest, site) of terminals authenticated in full by this process
        # (HotCaller): only a request that presented the token itself is ever remembered.
        self._vouched: dict[str, tuple[bytes, str]] = {}

    def _seeded_secret(self) -> bytes:
        """The token secret, after storing it and the catalogue's demo codes (idempotent: several
        processes may do this at once; the first secret written wins and all read it back)."""
        if self._secret is None:
            with self.db.write() as conn:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('token_secret', ?) ON CONFLICT DO NOTHING",
                    (secrets.token_hex(32),),
                )
                secret = bytes.fromhex(
                    conn.execute("SELECT value FROM meta WHERE key='token_secret'").fetchone()["value"]
                )
                for code, site in self._enrolment_codes:  # catalogue demo codes: any new terminal of its site
                    conn.execute(
                        "INSERT INTO enrolment_codes (code_hash, site_id) VALUES (?,?) ON CONFLICT DO NOTHING",
                        (digest(code).hex(), site or None),
                    )
            self._secret = secret
        return self._secret

    def _token_for(self, purpose: str, proof: str, key: str | None, terminal_id: str) -> str:
        """The token a request answers with: derived from what only its sender knows (the code or
        old token and the Idempotency-Key) when it has a key, so a repeat gets the same one."""
        if not key:
            return secrets.token_urlsafe(32)
        message = f"{purpose}\x00{proof}\x00{key}\x00{terminal_id}".encode()
        mac = hmac.new(self._seeded_secret(), message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")

    # -- authentication ---------------------------------------------------------------------------

    def authenticate(self, terminal_id: str | None, token: str | None, client: str = "") -> TerminalPrincipal:
        """The terminal and its site when the token matches; ApiProblem 401 (or 429 while throttled)."""
        with self.db.read() as conn:
            row = conn.execute(_AUTH_SQL, (client, client, terminal_id or "", terminal_id or "")).fetchone()
        principal, note = self.decide(terminal_id, token, client, row)
        if note == "failed":
            self.throttle.failed("token", client)
        elif note == "succeeded":
            self.throttle.succeeded("token", client)
        if principal is None:
            raise _unauthorized()
        return principal

    async def authenticate_async(
        self, terminal_id: str | None, token: str | None, client: str = ""
    ) -> TerminalPrincipal:
        """``authenticate`` on the event loop (PostgreSQL's asyncio pool, one statement); the rare
        writes after a failure (the throttle's count) go to a worker thread."""
        from starlette.concurrency import run_in_threadpool

        row = await self.db.aio.fetch_one(_AUTH_SQL, (client, client, terminal_id or "", terminal_id or ""))
        principal, note = self.decide(terminal_id, token, client, row)
        if note == "failed":
            await run_in_threadpool(self.throttle.failed, "token", client)
        elif note == "succeeded":
            await run_in_threadpool(self.throttle.succeeded, "token", client)
        if principal is None:
            raise _unauthorized()
        return principal

    # -- the hot path: a token once authenticated is checked again inside the statement ----------

    def vouch(self, principal: TerminalPrincipal, token: str) -> HotCaller:
        """Remember a terminal this request authenticated in full, with its token's digest; its
        next hot calls skip the authentication statement (the guard in theirs checks instead)."""
        if len(self._vouched) >= _VOUCHED_MAX:
            self._vouched.clear()
        token_digest = digest(token)
        self._vouched[principal.id] = (token_digest, principal.site)
        return HotCaller(principal, self._guard(principal.id, token_digest), vouched=False)

    def vouched(self, terminal_id: str | None, token: str | None) -> HotCaller | None:
        """The terminal as authenticated before in this process with this very token, or None."""
        known = self._vouched.get(terminal_id or "")
        if known is None or not token or not hmac.compare_digest(digest(token), known[0]):
            return None
        tid = terminal_id or ""
        return HotCaller(TerminalPrincipal(tid, known[1]), self._guard(tid, known[0]), vouched=True)

    def forget(self, terminal_id: str) -> None:
        """Its statement found the token no longer live (revoked or rotated elsewhere)."""
        self._vouched.pop(terminal_id, None)

    def _guard(self, terminal_id: str, token_digest: bytes) -> tuple[bool, str, str]:
        return (terminal_id in self._static, terminal_id, token_digest.hex())

    def decide(
        self, terminal_id: str | None, token: str | None, client: str, row: Any
    ) -> tuple[TerminalPrincipal | None, str | None]:
        """(the principal or None, what the throttle must record: "failed", "succeeded" or None)
        from ``_AUTH_SQL``'s row; raises RateLimited while the client is blocked."""
        earlier_failures = self.throttle.verdict(row["failures"], row["blocked_until_us"])
        stored = self._static.get(terminal_id or "")
        site = self._static_site.get(terminal_id or "", self.site_id)
        if stored is None and terminal_id:
            stored = row["token_hash"]
            site = row["site_id"] or self.site_id
        if not _matches(token, stored):
            # No token at all is an unenrolled kiosk asking, not a guess.
            return None, ("failed" if token else None)
        return TerminalPrincipal(terminal_id or "", site), ("succeeded" if earlier_failures else None)

    def site_of(self, terminal_id: str, enrolled_site: str | None) -> str:
        """A terminal's site without its token (the supervisor's "offline" alert): a pre-shared
        terminal's, else ``enrolled_site`` (its ``terminals.site_id``), else the default site."""
        return self._static_site.get(terminal_id) or enrolled_site or self.site_id

    # -- enrolment ----------------------------------------------------------------------------------

    def enrol(self, req: EnrolRequest, idempotency_key: str | None = None, client: str = "") -> EnrolResponse:
        self.throttle.check("enrol", client)
        if req.terminal_id in self._static:
            raise ApiProblem(409, "terminal_exists", f"terminal {req.terminal_id!r} is configured statically")
        try:
            token = self._enrol(req, idempotency_key)
        except ApiProblem as exc:
            if exc.code.startswith("enrolment_code_"):  # a code that does not work here: maybe a guess
                self.throttle.failed("enrol", client)
            raise
        self.throttle.succeeded("enrol", client)
        return EnrolResponse(terminal_id=req.terminal_id, token=token)

    def _enrol(self, req: EnrolRequest, key: str | None) -> str:
        code_hash, tid = digest(req.code).hex(), req.terminal_id
        key_hash = digest(key).hex() if key else None
        self._seeded_secret()  # the demo codes are in the table from here on
        token = self._token_for("enrol", req.code, key, tid)
        with self.db.write() as conn:
            now = to_us(self.clock())
            # FOR UPDATE (PostgreSQL): a concurrent claim of this code waits here for our commit and
            # then reads it used, instead of both reading it free.
            code = conn.execute(
                "SELECT terminal_id, site_id, expires_us, used_by, used_us, used_key_hash "
                "FROM enrolment_codes WHERE code_hash=?" + conn.for_update,
                (code_hash,),
            ).fetchone()
            if code is None:
                raise ApiProblem(403, "enrolment_code_invalid", "unknown enrolment code")
            if code["terminal_id"] is not None and code["terminal_id"] != tid:
                raise ApiProblem(403, "enrolment_code_invalid", "this enrolment code was issued for another terminal")
            site = code["site_id"] or self.site_id  # a code without a site: the default site's
            if site not in self.sites:
                raise ApiProblem(403, "enrolment_code_invalid", "this enrolment code was issued for another site")
            if code["expires_us"] is not None and now >= code["expires_us"]:
                raise ApiProblem(403, "enrolment_code_expired", "this enrolment code has expired; ask for a new one")
            if code["used_by"] is not None:
                replay = (
                    code["used_by"] == tid
                    and key_hash is not None
                    and code["used_key_hash"] == key_hash
                    and now - code["used_us"] <= REPLAY_WINDOW // timedelta(microseconds=1)
                )
                # The same token again, if the terminal still holds it (not revoked or rotated since).
                still = (
                    replay
                    and conn.execute(
                        "SELECT 1 FROM terminals WHERE terminal_id=? AND code_hash=? AND token_hash=? AND revoked_us IS NULL",
                        (tid, code_hash, digest(token).hex()),
                    ).fetchone()
                )
                if not still:
                    raise ApiProblem(409, "enrolment_code_used", "this enrolment code was already used")
                return token
            claimed = conn.execute(
                "UPDATE enrolment_codes SET used_by=?, used_us=?, used_key_hash=? WHERE code_hash=? AND used_by IS NULL",
                (tid, now, key_hash, code_hash),
            ).rowcount
            if claimed != 1:  # conditional: of two claims of one code, only one finds it unused
                raise ApiProblem(409, "enrolment_code_used", "this enrolment code was already used")
            # Insert, or take over a *revoked* row; an enrolled terminal is left alone (rowcount 0).
            inserted = conn.execute(
                "INSERT INTO terminals (terminal_id, token_hash, enrolled_us, site_id, code_hash) VALUES (?,?,?,?,?) "
                "ON CONFLICT (terminal_id) DO UPDATE SET token_hash=excluded.token_hash, "
                "enrolled_us=excluded.enrolled_us, site_id=excluded.site_id, code_hash=excluded.code_hash, "
                "revoked_us=NULL, previous_token_hash=NULL, rotate_key_hash=NULL, rotated_us=NULL "
                "WHERE terminals.revoked_us IS NOT NULL",
                (tid, digest(token).hex(), now, site or None, code_hash),
            ).rowcount
            if inserted != 1:  # raising rolls back: the code stays unused
                raise ApiProblem(
                    409,
                    "terminal_enrolled",
                    f"terminal {tid!r} is already enrolled; an administrator must revoke it before it is enrolled again",
                )
        return token

    # -- rotation -------------------------------------------------------------------------------------

    def rotate(
        self, terminal_id: str | None, token: str | None, idempotency_key: str, client: str = ""
    ) -> EnrolResponse:
        """Current token -> new token; the old one stops working at once (except for repeating this
        very rotation with the same Idempotency-Key within ``REPLAY_WINDOW``: the same new token)."""
        self.throttle.check("token", client)
        if terminal_id in self._static:
            if _matches(token, self._static[terminal_id]):
                raise ApiProblem(409, "terminal_static", "this terminal's token is set in the central's configuration")
            self.throttle.failed("token", client)
            raise _unauthorized()
        new = self._token_for("rotate", token or "", idempotency_key, terminal_id or "")
        key_hash = digest(idempotency_key).hex()
        with self.db.write() as conn:
            now = to_us(self.clock())
            row = conn.execute(
                "SELECT token_hash, previous_token_hash, rotate_key_hash, rotated_us FROM terminals "
                "WHERE terminal_id=? AND revoked_us IS NULL" + conn.for_update,
                (terminal_id or "",),
            ).fetchone()
            done = 0
            if row is not None and _matches(token, row["token_hash"]):
                done = conn.execute(
                    "UPDATE terminals SET token_hash=?, previous_token_hash=token_hash, rotate_key_hash=?, rotated_us=? "
                    "WHERE terminal_id=? AND token_hash=? AND revoked_us IS NULL",
                    (digest(new).hex(), key_hash, now, terminal_id, row["token_hash"]),
                ).rowcount
            elif (
                row is not None
                and _matches(token, row["previous_token_hash"])
                and row["rotate_key_hash"] == key_hash
                and now - row["rotated_us"] <= REPLAY_WINDOW // timedelta(microseconds=1)
            ):
                done = int(row["token_hash"] == digest(new).hex())  # the same answer, still current
        if done != 1:
            if token:
                self.throttle.failed("token", client)
            raise _unauthorized()
        return EnrolResponse(terminal_id=terminal_id, token=new)  # type: ignore[arg-type]
