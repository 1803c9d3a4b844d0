"""Admin PINs: scrypt hashes on disk (never the PIN), and a lockout that grows.

The file lives in the kiosk's data folder (outside the repository), mode 0600. It holds one
salted scrypt hash per role and the failure counters of each path to the prompt (gesture, staff
card), so a restart does not reset a lockout.
scrypt with N=2^15, r=8, p=1 costs ~100 ms and 32 MiB per guess on the target machine: slow enough
to make an offline guess of a 6-digit PIN take days on that hardware, fast enough for a keypad.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypedDict, cast

from kiosk.atomic_file import atomic_write

Role = Literal["staff", "technician"]
ROLES: tuple[Role, ...] = ("staff", "technician")


class ScryptParams(TypedDict):
    n: int
    r: int
    p: int


class PinEntry(ScryptParams):
    """One role's PIN in the file: the scrypt parameters it was hashed with, salt and hash (hex)."""

    kdf: str
    salt: str
    hash: str


# How the PIN prompt was reached. Each path has its own wrong-PIN counter and lockout: anyone in
# the hall can reach the prompt by the corner gesture, so a citizen's wrong PINs lock that path
# only; a staff card (something only staff hold) still leads to a PIN prompt that accepts the PIN.
# A wrong PIN matches no role, so a counter "per role" could not say whose it was: per path it can.
PromptPath = Literal["gesture", "staff_card"]
PATHS: tuple[PromptPath, ...] = ("gesture", "staff_card")


class LockState(TypedDict):
    failures: int
    lockouts: int
    locked_until: float


class PinFile(TypedDict):
    pins: dict[Role, PinEntry]
    paths: dict[PromptPath, LockState]


SCRYPT: ScryptParams = {"n": 2**15, "r": 8, "p": 1}
MAXMEM = 64 * 1024 * 1024
MIN_DIGITS, MAX_DIGITS = 4, 12
MAX_LOCK_S = 24 * 3600.0


class PinInUse(ValueError):
    """The PIN is already another role's: one PIN must open one role only (issue 12, defect 9)."""

    def __init__(self, other_role: str) -> None:
        super().__init__(f"this PIN is already the {other_role} PIN; choose another")
        self.other_role = other_role


class PinLocked(Exception):
    """Too many wrong PINs; ``seconds_left`` until the next try is allowed."""

    def __init__(self, seconds_left: float) -> None:
        super().__init__(f"admin mode locked for {seconds_left:.0f} more seconds")
        self.seconds_left = seconds_left


@dataclass(frozen=True)
class PinCheck:
    """Outcome of one PIN entry."""

    role: Role | None  # the role the PIN belongs to; None = wrong PIN
    attempts_left: int  # wrong PINs still allowed before the lockout
    locked_for_s: float = 0.0  # > 0 when this wrong PIN started a lockout
    path: PromptPath = "gesture"  # the path whose counter this entry counted on
    lockout_number: int = 0  # which lockout in a row this one is (1, 2, ...), when locked_for_s > 0


def _hash(pin: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=params["n"], r=params["r"], p=params["p"], maxmem=MAXMEM, dklen=32
    )


def valid_pin(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and MIN_DIGITS <= len(pin) <= MAX_DIGITS


class PinStore:
    """PIN hashes and lockout state of one kiosk. Blocking (scrypt, file I/O): call off the GUI thread."""

    def __init__(
        self, path: Path, max_attempts: int = 5, lockout_base_s: float = 60.0, clock: Callable[[], float] = time.time
    ) -> None:
        self.path = Path(path)
        self.max_attempts = max_attempts
        self.lockout_base_s = lockout_base_s
        self._clock = clock
        self._data = self._load()

    def _load(self) -> PinFile:
        try:
            # Written only by _save; the defaults below fill in what an older file lacks.
            data = cast(PinFile, json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            data = cast(PinFile, {})
        data.setdefault("pins", {})
        paths = data.setdefault("paths", {})
        # A file from before per-path lockouts: its single counter was the gesture's.
        old = cast(dict[str, Any], data)
        if "failures" in old:
            paths.setdefault(
                "gesture",
                {
                    "failures": old.pop("failures"),
                    "lockouts": old.pop("lockouts", 0),
                    "locked_until": old.pop("locked_until", 0.0),
                },
            )
        for path in PATHS:
            paths.setdefault(path, {"failures": 0, "lockouts": 0, "locked_until": 0.0})
        return data

    def _lock(self, path: PromptPath) -> LockState:
        if path not in PATHS:
            raise ValueError(f"path must be one of {PATHS}")
        return self._data["paths"][path]

    def _save(self) -> None:
        atomic_write(self.path, json.dumps(self._data, indent=1).encode("utf-8"), mode=0o600)

    def forget_pins(self) -> None:
        """Drop every PIN (the demo sets fresh ones at each start); lockout state is kept."""
        self._data["pins"] = {}
        self._save()

    def set_pin(self, role: Role, pin: str) -> None:
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, got {role!r}")
        if not valid_pin(pin):
            raise ValueError(f"a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits")
        # Checked here, where every PIN is written (CLI, demo set-up, any admin screen): with two
        # roles on one PIN, which role opens would depend on the order of the file.
        for other in self._roles_opened_by(pin):
            if other != role:
                raise PinInUse(other)
        salt = secrets.token_bytes(16)
        self._data["pins"][role] = {
            "kdf": "scrypt",
            **SCRYPT,
            "salt": salt.hex(),
            "hash": _hash(pin, salt, SCRYPT).hex(),
        }
        self._save()

    def _roles_opened_by(self, pin: str) -> list[Role]:
        """Every role whose hash ``pin`` matches."""
        roles: list[Role] = []
        # Every role's hash is computed, so the time taken says nothing about which one matched.
        for name, entry in self._data["pins"].items():
            digest = _hash(pin, bytes.fromhex(entry["salt"]), entry) if valid_pin(pin) else b""
            if hmac.compare_digest(digest, bytes.fromhex(entry["hash"])):
                roles.append(name)
        return roles

    def locked_for(self, path: PromptPath = "gesture") -> float:
        """Seconds until a PIN may be tried again on ``path`` (0 = now)."""
        return max(0.0, self._lock(path)["locked_until"] - self._clock())

    def check(self, pin: str, path: PromptPath = "gesture") -> PinCheck:
        """Which role ``pin`` opens. Raises ``PinLocked`` during a lockout of ``path`` (the PIN is
        not tried); wrong PINs count against ``path`` only."""
        left = self.locked_for(path)
        if left > 0:
            raise PinLocked(left)
        lock = self._lock(path)
        opened = self._roles_opened_by(pin)
        # A file written before PINs were kept apart may still give two roles one PIN: it then
        # opens the least powerful of them, whatever the order in the file.
        role: Role | None = next((name for name in ROLES if name in opened), None)
        if role is not None:
            lock.update({"failures": 0, "lockouts": 0, "locked_until": 0.0})
            self._save()
            return PinCheck(role, self.max_attempts, path=path)
        lock["failures"] += 1
        locked = 0.0
        if lock["failures"] >= self.max_attempts:
            # Each lockout doubles the last one: 1, 2, 4, 8 ... minutes, at most a day.
            locked = min(MAX_LOCK_S, self.lockout_base_s * 2 ** lock["lockouts"])
            lock["lockouts"] += 1
            lock["failures"] = 0
            lock["locked_until"] = self._clock() + locked
        self._save()
        return PinCheck(
            None,
            self.max_attempts - lock["failures"] if not locked else 0,
            locked,
            path,
            lock["lockouts"] if locked else 0,
        )
