"""The lock files (locks/*.txt, written by scripts/lock.sh) match pyproject.toml, pin everything
with hashes, and a terminal's lock leaves the central's web stack out."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# The platform the locks are written for (scripts/lock.sh): the kiosks' Debian 12, CPython 3.11.
TARGET = {
    **default_environment(),
    "python_version": "3.11",
    "python_full_version": "3.11.2",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "platform_machine": "x86_64",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}
LOCK_EXTRAS = {"kiosk": ("usb", "serial"), "test": ("test",)}
WEB_STACK = {"fastapi", "uvicorn", "starlette"}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def read_lock(name: str) -> dict[str, tuple[str, list[str]]]:
    """{canonical name: (version, [hashes])} from one lock file; fails on any unpinned line."""
    pins: dict[str, tuple[str, list[str]]] = {}
    current = None
    for raw in (ROOT / "locks" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("--hash="):
            assert current is not None, f"hash before any requirement in locks/{name}.txt"
            pins[current][1].append(line.removeprefix("--hash=").rstrip(" \\"))
            continue
        match = _PIN.match(line)
        assert match, f"locks/{name}.txt: not an exact pin: {line[:80]!r}"
        current = canonicalize_name(match.group(1))
        pins[current] = (match.group(2), [])
    return pins


def direct_requirements(extras: tuple[str, ...]) -> list[Requirement]:
    """The project's requirements for these extras on the target platform, self-references expanded."""
    own = canonicalize_name(PROJECT["name"])
    wanted, seen, found = list(extras), set(), [Requirement(r) for r in PROJECT["dependencies"]]
    while wanted:
        extra = wanted.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for text in PROJECT["optional-dependencies"][extra]:
            req = Requirement(text)
            if canonicalize_name(req.name) == own:
                wanted.extend(req.extras)
            else:
                found.append(req)
    return [r for r in found if r.marker is None or r.marker.evaluate(TARGET)]


@pytest.mark.parametrize("lock", sorted(LOCK_EXTRAS))
def test_every_locked_package_is_pinned_with_sha256_hashes(lock):
    pins = read_lock(lock)
    assert len(pins) > 20
    for name, (_, hashes) in pins.items():
        assert hashes, f"locks/{lock}.txt: {name} has no hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name


@pytest.mark.parametrize("lock", sorted(LOCK_EXTRAS))
def test_lock_satisfies_every_requirement_of_pyproject(lock):
    pins = read_lock(lock)
    stale = []
    for req in direct_requirements(LOCK_EXTRAS[lock]):
        pinned = pins.get(canonicalize_name(req.name))
        if pinned is None or not req.specifier.contains(pinned[0], prereleases=True):
            stale.append(f"{req} (locked: {pinned[0] if pinned else 'missing'})")
    assert stale == [], f"locks/{lock}.txt is stale; run scripts/lock.sh: {stale}"


def test_every_dependency_has_an_upper_bound():
    texts = list(PROJECT["dependencies"]) + [t for ts in PROJECT["optional-dependencies"].values() for t in ts]
    unbounded = [
        t
        for t in texts
        if canonicalize_name(Requirement(t).name) != canonicalize_name(PROJECT["name"])
        and not any(s.operator in ("<", "<=", "==", "~=") for s in Requirement(t).specifier)
    ]
    assert unbounded == []


def test_a_terminal_installs_no_web_server_and_the_same_versions_the_tests_ran():
    kiosk, test = read_lock("kiosk"), read_lock("test")
    assert WEB_STACK & set(kiosk) == set()
    assert {"pyusb", "pyserial"} <= set(kiosk)
    assert set(test) >= WEB_STACK
    differ = {
        name: (version, test.get(name, ("missing",))[0])
        for name, (version, _) in kiosk.items()
        if test.get(name, ("",))[0] != version
    }
    assert differ == {}


def test_base_dependencies_leave_the_web_stack_and_printer_drivers_to_extras():
    base = {canonicalize_name(Requirement(t).name) for t in PROJECT["dependencies"]}
    assert base & (WEB_STACK | {"pyusb", "pyserial"}) == set()
