"""Runs every check in a fixed order; used by the diagnostics screen and ``main.py diagnose``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config.models import KioskConfig
from kiosk.diagnostics.backlog import check_backlog
from kiosk.diagnostics.binding import check_qt_binding
from kiosk.diagnostics.checks import (
    check_central,
    check_config,
    check_disk,
    check_network_allow,
    check_tls,
    check_versions,
)
from kiosk.diagnostics.clock import check_clock
from kiosk.diagnostics.devices import check_card_readers, check_printer
from kiosk.diagnostics.kiosk_files import check_kiosk_files
from kiosk.diagnostics.result import CheckResult

if TYPE_CHECKING:
    from kiosk.devices.printer.service import PrinterService

log = logging.getLogger(__name__)


@dataclass
class DiagnosticsContext:
    config: KioskConfig
    config_path: Path | None = None
    token: str | None = None
    printer: PrinterService | None = None  # None: the runner opens one for the run
    card_test: bool = True  # False while the kiosk's own card service holds the reader


def run_checks(ctx: DiagnosticsContext, on_result: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """Blocking. ``on_result`` sees each result as soon as it is known (the screen fills in)."""
    own_printer: PrinterService | None = None
    printer = ctx.printer
    if printer is None:
        from kiosk.devices.printer.service import PrinterService

        printer = own_printer = PrinterService(ctx.config.printer)
    steps: list[tuple[str, Callable[[], CheckResult]]] = [
        ("config", lambda: check_config(ctx.config_path, ctx.config)),
        ("files", lambda: check_kiosk_files(ctx.config)),
        ("card_reader", lambda: check_card_readers(ctx.config.card_reader, ctx.card_test)),
        ("printer", lambda: check_printer(printer)),
        ("central", lambda: check_central(ctx.config, ctx.token)),
        ("tls", lambda: check_tls(ctx.config)),
        ("network_allow", lambda: check_network_allow(ctx.config)),
        ("clock", lambda: check_clock(ctx.config)),
        ("disk", lambda: check_disk(ctx.config.data.directory)),
        ("journal", lambda: check_backlog(ctx.config.data.directory)),
        ("versions", check_versions),
        ("qt_binding", check_qt_binding),
    ]
    results = []
    try:
        for name, step in steps:
            try:
                result = step()
            except Exception as exc:
                log.exception("check %s crashed", name)
                result = CheckResult(
                    name, "FAIL", f"the check itself failed: {type(exc).__name__}: {exc}", "export logs and report it"
                )
            log.debug("diagnose %s: %s %s", result.name, result.status, result.reason)
            results.append(result)
            if on_result:
                on_result(result)
    finally:
        if own_printer is not None:
            own_printer.close()
    return results
