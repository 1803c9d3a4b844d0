"""One check's verdict: OK / WARN / FAIL, why, and what the technician should do about it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["OK", "WARN", "FAIL"]
_RANK = {"OK": 0, "WARN": 1, "FAIL": 2}


@dataclass(frozen=True)
class CheckResult:
    name: str  # stable id, e.g. "printer", "central", "disk"
    status: Status
    reason: str  # what was found, one line
    action: str = ""  # what to do about it; empty when nothing is needed
    details: dict[str, Any] = field(default_factory=dict)  # figures for the JSON output

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def worst(results: Iterable[CheckResult]) -> Status:
    ranked = [r.status for r in results]
    return max(ranked, key=_RANK.__getitem__) if ranked else "OK"


def exit_code(results: Iterable[CheckResult]) -> int:
    """0 all OK, 1 some WARN, 2 any FAIL (what ``main.py diagnose`` exits with)."""
    return _RANK[worst(results)]
