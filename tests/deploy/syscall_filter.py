"""The kiosk unit's system call filter, applied outside systemd: no systemd runs in the chroot
tests, so a process started here gets the same seccomp filter the unit's ``SystemCallFilter=``
lines would give it (the groups expanded by ``systemd-analyze syscall-filter``; refused calls fail
with EPERM, as ``SystemCallErrorNumber=EPERM``). libseccomp through ctypes: no extra package.

    python -m tests.deploy.syscall_filter ROOT UID GID UNIT -- ARGV...
chroots into ROOT, becomes UID:GID, loads the filter of UNIT (a path), and execs ARGV.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import subprocess
import sys
from pathlib import Path

SCMP_ACT_ALLOW = 0x7FFF0000


def scmp_act_errno(number: int) -> int:
    return 0x00050000 | (number & 0xFFFF)


def syscall_groups() -> dict[str, list[str]]:
    text = subprocess.run(
        ["systemd-analyze", "syscall-filter", "--no-pager"], capture_output=True, text=True, check=True
    ).stdout
    groups: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("@"):
            current = groups.setdefault(line.strip(), [])
        elif current is not None and line.strip() and not line.strip().startswith("#"):
            current.append(line.strip())
    return groups


def expand(names: list[str], groups: dict[str, list[str]]) -> set[str]:
    calls: set[str] = set()
    for name in names:
        calls |= expand(groups[name], groups) if name.startswith("@") else {name}
    return calls


def unit_filter(unit: Path) -> set[str]:
    """The system calls the unit allows: its SystemCallFilter= lines in order (allow-list, then
    ``~`` deny-lists taken out of it)."""
    groups = syscall_groups()
    allowed: set[str] = set()
    for line in unit.read_text().splitlines():
        if not line.startswith("SystemCallFilter="):
            continue
        value = line.split("=", 1)[1].strip()
        if value.startswith("~"):
            allowed -= expand(value[1:].split(), groups)
        else:
            allowed |= expand(value.split(), groups)
    return allowed


def load(allowed: set[str]) -> None:
    lib = ctypes.CDLL(ctypes.util.find_library("seccomp") or "libseccomp.so.2", use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    ctx = lib.seccomp_init(scmp_act_errno(errno.EPERM))
    for name in sorted(allowed):
        number = lib.seccomp_syscall_resolve_name(name.encode())
        if number < 0:
            continue  # not a call of this architecture (e.g. the *32 and *_time64 variants)
        if lib.seccomp_rule_add(ctx, SCMP_ACT_ALLOW, number, 0) != 0:
            raise OSError(f"seccomp_rule_add({name}) failed")
    if lib.seccomp_load(ctx) != 0:
        raise OSError("seccomp_load failed")


def main(argv: list[str]) -> None:
    root, uid, gid, unit, separator, *command = argv
    assert separator == "--"
    allowed = unit_filter(Path(unit))
    os.chroot(root)
    os.chdir("/")
    os.setgroups([int(gid)])
    os.setgid(int(gid))
    os.setuid(int(uid))
    load(allowed)  # after setuid: the unit's own filter forbids it
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
