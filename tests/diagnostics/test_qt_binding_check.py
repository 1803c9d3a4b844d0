"""``diagnose`` names a Qt binding that loses references (issue 20), measured in a child process."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import pytest

from kiosk.diagnostics.binding import check_qt_binding
from kiosk.diagnostics.runner import DiagnosticsContext, run_checks

# A venv with the bad binding (PySide6 6.12.0), made by hand to prove the check: see the report.
BAD_VENV_PYTHON = Path(os.environ.get("ANJUNGAN_BAD_QT_PYTHON", "/tmp/venv612/bin/python"))


def test_the_installed_binding_keeps_its_references():
    result = check_qt_binding()
    assert result.status == "OK", result
    assert result.reason.startswith("Qt binding PySide6 ") and f"on Python {platform.python_version()}" in result.reason
    assert result.details["made"] == {kind: 64 for kind in result.details["losses"]}


@pytest.mark.skipif(not BAD_VENV_PYTHON.exists(), reason="no venv with PySide6 6.12.0 at hand")
def test_pyside6_6_12_0_on_python_3_11_is_named_and_failed():
    result = check_qt_binding(str(BAD_VENV_PYTHON))
    if sys.version_info >= (3, 12):
        pytest.skip("the bad venv's Python may have immortal singletons")
    assert result.status == "FAIL"
    assert "Qt binding PySide6 6.12.0 on Python 3.11" in result.reason
    assert result.reason.endswith("loses references: install the pinned version")
    assert "pinned" in result.action


def test_a_child_that_aborts_is_a_failure_not_a_crash(tmp_path):
    # As 6.12.0 does once None's count reaches zero: the child dies of SIGABRT.
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nkill -ABRT $$\n")
    fake.chmod(0o755)
    result = check_qt_binding(str(fake))
    assert result.status == "FAIL" and "could not be checked (signal 6)" in result.reason


def test_the_runner_includes_the_binding_check(tmp_path):
    from launcher.demo import demo_environment

    with demo_environment(tmp_path) as env:
        results = run_checks(DiagnosticsContext(env.config, token=env.token, card_test=False))
    assert [r.name for r in results][-1] == "qt_binding"
    assert results[-1].status == "OK"
