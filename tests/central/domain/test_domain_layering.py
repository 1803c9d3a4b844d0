"""central/domain stays pure: it imports only the standard library's pure parts, itself, and the
kiosk's number words; and it never reads a clock (time is always a parameter)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = ROOT / "central" / "domain"
ALLOWED_STDLIB = {
    "__future__",
    "collections",
    "dataclasses",
    "datetime",
    "enum",
    "heapq",
    "itertools",
    "math",
    "random",
    "re",
    "statistics",
    "types",
    "typing",
}
ALLOWED_PROJECT = ("central.domain", "kiosk.speech.numbers")
CLOCK_READS = {"now", "utcnow", "today", "time", "monotonic", "perf_counter", "time_ns"}


def sources() -> list[Path]:
    found = sorted(DOMAIN.glob("*.py"))
    assert len(found) >= 7
    return found


def test_domain_imports_only_pure_modules():
    bad = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            )
            for name in names:
                if (
                    name.split(".")[0] in ALLOWED_STDLIB
                    or name in ALLOWED_PROJECT
                    or name.startswith("central.domain.")
                ):
                    continue
                bad.append(f"{path.name} imports {name}")
    assert bad == []


def test_domain_never_reads_the_clock():
    reads = [
        f"{path.name}:{node.lineno}"
        for path in sources()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_READS
    ]
    assert reads == []
