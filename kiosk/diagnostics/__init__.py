"""Technician checks shared by the diagnostics screen and ``main.py diagnose`` (Qt-free)."""

from kiosk.diagnostics.result import CheckResult, Status, exit_code, worst

__all__ = ["CheckResult", "Status", "exit_code", "worst"]
