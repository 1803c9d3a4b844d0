"""``main.py diagnose``: the technician's check of a terminal (no GUI needed)."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.config import ConfigError, load_config
from kiosk.diagnostics.result import CheckResult, exit_code, worst

_MARK = {"OK": "OK  ", "WARN": "WARN", "FAIL": "FAIL"}


def acceptance(config_path: Path) -> int:
    """The site acceptance walk (kiosk/diagnostics/acceptance.py); asks on stdin."""
    from kiosk.diagnostics.acceptance import AcceptanceRun, kiosk_is_running, stdin_ask
    from kiosk.diagnostics.acceptance import acceptance as walk

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        print(exc.report())
        print("acceptance: fix the configuration first (python main.py check-config FILE)")
        return 2
    running = kiosk_is_running(config)
    if running is not None:
        print(
            f"acceptance: the kiosk runs (pid {running}) and holds the card reader and the printer: "
            "sudo systemctl stop anjungan-kiosk, run this again, then sudo systemctl start anjungan-kiosk"
        )
        return 2
    try:
        token = config.central.read_token()
    except OSError:
        token = None
    return walk(AcceptanceRun(config, config_path, token, stdin_ask))


def diagnose(config_path: Path, as_json: bool = False, test_page: bool = False) -> int:
    """Run every check; exit 0 all OK, 1 a warning, 2 a failure (a broken config is a failure)."""
    from kiosk.diagnostics.runner import DiagnosticsContext, run_checks

    running = None
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        results = [
            CheckResult(
                "config",
                "FAIL",
                f"{len(exc.problems)} problem(s) in {config_path}",
                "fix them (python main.py check-config FILE says where)",
                {"problems": exc.problems},
            )
        ]
    else:
        try:
            token = config.central.read_token()
        except OSError:
            token = None
        from kiosk.runtime.started_marker import running_kiosk_pid

        # A running kiosk holds the card reader and its own printer connection: no exclusive card
        # test then (it would take the reader from the kiosk), and the printer is shared.
        running = running_kiosk_pid(config.data.directory)
        results = run_checks(DiagnosticsContext(config, config_path, token, card_test=running is None))
        if test_page:
            from kiosk.devices.printer.service import PrinterService
            from kiosk.diagnostics.devices import print_test_page

            with PrinterService(config.printer) as printer:
                results.append(print_test_page(printer))
    code = exit_code(results)
    if as_json:
        print(
            json.dumps(
                {
                    "worst": worst(results),
                    "exit_code": code,
                    "kiosk_running_pid": running,
                    "checks": [r.to_json() for r in results],
                },
                indent=1,
                ensure_ascii=False,
            )
        )
    else:
        if running is not None:
            print(
                f"note: the kiosk runs (pid {running}): no card test, and the printer answers both; for a full "
                "check: sudo systemctl stop anjungan-kiosk, diagnose, sudo systemctl start anjungan-kiosk"
            )
        for r in results:
            print(f"[{_MARK[r.status]}] {r.name:12} {r.reason}")
            if r.action:
                print(f"       {'':12} -> {r.action}")
        print(f"worst: {worst(results)} (exit code {code})")
    return code
