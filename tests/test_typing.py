"""The type checker's verdict on the Qt-free core: ``mypy`` with the ``[tool.mypy]`` config of
pyproject.toml (strict on ``kiosk/`` outside ``kiosk/ui``) must find nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def test_core_type_checks_clean():
    result = run_mypy()
    report = (result.stdout + result.stderr)[-4000:]
    assert result.returncode == 0, report
    assert "Success: no issues found" in result.stdout, report
