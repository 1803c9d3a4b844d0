"""The Qt binding's reference-count check, Qt-free: the verdict, its wording, and the ``diagnose``
check that runs the measurement (``kiosk/ui/binding_check.py``) in a child process, so a binding
that aborts the interpreter takes down only the child (issue 20)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk.diagnostics.result import CheckResult

BINDING_PACKAGE = "PySide6_Essentials"
# A loss of one per call is the defect; the interpreter's own traffic moves the counts by a few.
NOISE = 8
CHILD_TIMEOUT_S = 60.0


def runtime_versions() -> tuple[str, str]:
    """(Python version, "PySide6 <version>") of this process."""
    python = sys.version.split()[0]
    qt = sys.modules.get("PySide6")
    if qt is not None:  # at the kiosk's start: instant, where the package metadata takes ~0.1 s
        return python, f"PySide6 {qt.__version__}"
    import importlib.metadata  # ~60 ms to import: only off the kiosk's start-up path

    try:
        version = importlib.metadata.version(BINDING_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        version = "not installed"
    return python, f"PySide6 {version}"


def is_immortal(obj: object) -> bool:
    """True when the interpreter does not count references to ``obj`` (None, True, False on 3.12+)."""
    before = sys.getrefcount(obj)
    holders = [obj] * 1000
    immortal = sys.getrefcount(obj) == before
    del holders
    return immortal


@dataclass(frozen=True)
class BindingReport:
    python: str
    binding: str
    calls: int  # of each kind
    losses: dict[str, dict[str, int]]  # kind -> singleton name -> how far its count fell
    immortal: dict[str, bool] = field(default_factory=dict)
    made: dict[str, int] = field(default_factory=dict)  # kind -> calls made (fewer once a loss showed)

    @property
    def loses_references(self) -> bool:
        return any(self.worst_loss(name) > NOISE for name in ("None", "True", "False") if not self.immortal.get(name))

    def worst_loss(self, name: str) -> int:
        return max((per.get(name, 0) for per in self.losses.values()), default=0)

    def lossy_kinds(self) -> list[str]:
        return [
            kind
            for kind, per in self.losses.items()
            if any(v > NOISE and not self.immortal.get(n) for n, v in per.items())
        ]

    def message(self) -> str:
        if self.loses_references:
            return f"Qt binding {self.binding} on Python {self.python} loses references: install the pinned version"
        return f"Qt binding {self.binding} on Python {self.python} keeps its references"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BindingReport:
        return cls(
            python=str(data["python"]),
            binding=str(data["binding"]),
            calls=int(data["calls"]),
            losses={str(k): {str(n): int(v) for n, v in per.items()} for k, per in data["losses"].items()},
            immortal={str(k): bool(v) for k, v in data.get("immortal", {}).items()},
            made={str(k): int(v) for k, v in data.get("made", {}).items()},
        )


def check_qt_binding(python: str = sys.executable, calls: int = 64) -> CheckResult:
    """Runs the measurement in a child process of ``python`` (offscreen) and judges it."""
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        proc = subprocess.run(
            [python, "-m", "kiosk.ui.binding_check", str(calls)],
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            env=env,
            check=False,
            cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
        )
    except subprocess.TimeoutExpired:
        return CheckResult(
            "qt_binding",
            "FAIL",
            f"the Qt binding check did not finish in {CHILD_TIMEOUT_S:.0f} s",
            "reinstall the kiosk (scripts/setup.sh)",
        )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        py, binding = runtime_versions()
        # A negative code is a signal: 6.12.0 on 3.11 ends in SIGABRT once None's count hits zero.
        how = f"signal {-proc.returncode}" if proc.returncode < 0 else f"exit code {proc.returncode}"
        return CheckResult(
            "qt_binding",
            "FAIL",
            f"Qt binding {binding} on Python {py} could not be checked ({how})",
            "install the pinned version (scripts/setup.sh)",
            {"exit_code": proc.returncode},
        )
    try:
        report = BindingReport.from_json(json.loads(lines[-1]))
    except (ValueError, KeyError, TypeError):
        return CheckResult(
            "qt_binding",
            "FAIL",
            "the Qt binding check answered something unreadable",
            "reinstall the kiosk (scripts/setup.sh)",
        )
    details = report.to_json()
    if report.loses_references:
        return CheckResult(
            "qt_binding",
            "FAIL",
            report.message(),
            "pip install the version pinned in pyproject.toml (scripts/setup.sh)",
            details,
        )
    return CheckResult("qt_binding", "OK", report.message(), details=details)
