"""``main.py diagnose`` and ``main.py enrol``: the technician's commands (no GUI needed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kiosk.config import ConfigError, load_config
from kiosk.diagnostics.result import CheckResult, exit_code, worst

_MARK = {"OK": "OK  ", "WARN": "WARN", "FAIL": "FAIL"}


def diagnose(config_path: Path, as_json: bool = False, test_page: bool = False) -> int:
    """Run every check; exit 0 all OK, 1 a warning, 2 a failure (a broken config is a failure)."""
    from kiosk.diagnostics.runner import DiagnosticsContext, run_checks

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        results = [CheckResult("config", "FAIL", f"{len(exc.problems)} problem(s) in {config_path}",
                               "fix them (python main.py check-config FILE says where)", {"problems": exc.problems})]
    else:
        try:
            token = config.central.read_token()
        except OSError:
            token = None
        results = run_checks(DiagnosticsContext(config, config_path, token, card_test=True))
        if test_page:
            from kiosk.devices.printer.service import PrinterService
            from kiosk.diagnostics.devices import print_test_page

            with PrinterService(config.printer) as printer:
                results.append(print_test_page(printer))
    code = exit_code(results)
    if as_json:
        print(json.dumps({"worst": worst(results), "exit_code": code,
                          "checks": [r.to_json() for r in results]}, indent=1, ensure_ascii=False))
    else:
        for r in results:
            print(f"[{_MARK[r.status]}] {r.name:12} {r.reason}")
            if r.action:
                print(f"       {'':12} -> {r.action}")
        print(f"worst: {worst(results)} (exit code {code})")
    return code


def enrol(config_path: Path, code: str, terminal_id: str | None = None) -> int:
    from kiosk.admin.enrolment import enrol as do_enrol
    from kiosk.api.errors import CentralError

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    try:
        result = do_enrol(config, code, terminal_id)
    except CentralError as exc:
        print(f"enrolment refused or failed: {exc}", file=sys.stderr)
        return 1
    print(f"enrolled as terminal {result.terminal_id}; token written to {result.token_file} (mode 0600)")
    if not result.token_file_configured:
        print(f'add  token_file = "{result.token_file}"  to the [central] table of {config_path}')
    if result.terminal_id != config.central.terminal_id:
        print(f'set  terminal_id = "{result.terminal_id}"  in the [central] table of {config_path}')
    return 0
