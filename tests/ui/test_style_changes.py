"""The application's style sheet is re-applied on every mode and panel switch, polishing every
widget of every window: no garbage collection may free widgets while Qt does that (a kiosk
process once died with SIGSEGV in ``QApplication.setStyleSheet``; see kiosk/ui/app_wide.py)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.ui.app_wide import set_style_sheet
from kiosk.ui.theme import style_sheet

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("style_change_probe.py")


def test_a_mode_switch_survives_the_collection_of_an_abandoned_window():
    # In a child process: on the old code the collection freed the abandoned window's widgets
    # while Qt polished them, and the process died (exit -11).
    result = subprocess.run(
        [sys.executable, "-X", "faulthandler", str(PROBE)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["filter_calls_during_change"] > 0  # Python did run inside the repolish
    assert seen["abandoned_alive_before"] and seen["abandoned_freed_after"]
    assert seen["collector_could_run_during_change"] is False
    assert seen["current_window_switched_back"]


class CollectorWatch(QObject):
    """Notes, for each StyleChange Qt sends while the sheet is applied, whether the collector may run."""

    def __init__(self) -> None:
        super().__init__()
        self.enabled: list[bool] = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.enabled.append(gc.isenabled())
        return False


def test_the_collector_is_paused_for_the_style_sheet_and_restored_as_it_was(qapp):
    watch = CollectorWatch()
    widget = QLabel("x")
    widget.installEventFilter(watch)
    qapp.setStyleSheet(style_sheet())
    widget.show()
    qapp.processEvents()
    try:
        assert gc.isenabled()
        watch.enabled.clear()  # what showing it sent
        set_style_sheet(style_sheet(accessible=True))
        assert watch.enabled and not any(watch.enabled)
        assert gc.isenabled()  # collections go on after it
        assert QApplication.instance().styleSheet() == style_sheet(accessible=True)
        gc.disable()  # someone else's pause is not ended by ours
        set_style_sheet(style_sheet())
        assert not gc.isenabled()
    finally:
        gc.enable()
        widget.removeEventFilter(watch)
        widget.deleteLater()
