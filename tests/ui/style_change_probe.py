"""Child process for ``test_style_changes.py`` (not a test module): the style sheet a mode switch
re-applies to the whole application while an abandoned kiosk window waits for the garbage
collector, as in the test suite, where each test drops its window and the next one builds and
switches its own.

The collection is made certain instead of left to chance: the Python code Qt runs during the
change (the new window's first-frame event filter) collects whenever automatic collection is
enabled, as CPython's collector does at whichever allocation crosses its threshold. On the old
code the process dies with SIGSEGV in ``QApplication.setStyleSheet`` (called by the window's
``_apply_mode``); otherwise it prints what it saw as JSON and exits 0.

    python tests/ui/style_change_probe.py
"""

from __future__ import annotations

import faulthandler
import gc
import json
import os
import sys
import weakref
from concurrent.futures import Future
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class NeverIssuer:
    def issue(self, request) -> Future:
        return Future()


def new_window(catalog, show: bool):
    from kiosk.flow.citizen import CitizenFlow, FlowTiming
    from kiosk.runtime.scheduler import ManualScheduler
    from kiosk.ui.i18n import Translations
    from kiosk.ui.window import KioskWindow

    flow = CitizenFlow(NeverIssuer(), ManualScheduler(), FlowTiming())
    flow.update_status(catalog=catalog, printer="ok")
    window = KioskWindow(flow, Translations())  # it and its flow refer to each other: a cycle
    if show:
        window.setFixedSize(1280, 800)
        window.show()
    return window, flow


def main() -> dict:
    faulthandler.enable()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from central.catalog_file import load_catalog_file
    from kiosk.ui.metrics import for_panel
    from kiosk.ui.window import KioskWindow

    qapp = QApplication.instance() or QApplication([])
    catalog = load_catalog_file(ROOT / "config" / "catalog.toml").catalog
    during: list[bool] = []  # for each filter call inside the change: could the collector run?
    changing = False

    def inside_the_change(real):
        def change(*args):
            nonlocal changing
            changing = True
            try:
                return real(*args)
            finally:
                changing = False

        return change

    QApplication.setStyleSheet = inside_the_change(QApplication.setStyleSheet)
    real_filter = KioskWindow.eventFilter

    def filter_that_collects(self, watched, event):
        if changing:
            during.append(gc.isenabled())
            if gc.isenabled():
                gc.collect()
        return real_filter(self, watched, event)

    KioskWindow.eventFilter = filter_that_collects
    # The window a test used: shown, switched to easy access and a tablet panel, then dropped.
    old, old_flow = new_window(catalog, show=True)
    qapp.processEvents()
    old_flow.send("toggle_accessibility")
    old.set_panel(for_panel(1280, 800, 5.9), False)
    qapp.processEvents()
    abandoned = weakref.ref(old)
    # The next window, not painted yet: its first-frame filter is still installed.
    current, flow = new_window(catalog, show=False)
    gc.collect()  # the old window survives (still referenced) into the oldest generation
    del old, old_flow  # from here only a collection frees it, and none is due for ~70,000 allocations
    alive_before = abandoned() is not None
    flow.send("toggle_accessibility")  # the mode switch: _apply_mode sets the style sheet again
    gc.collect()
    freed_after = abandoned() is None
    flow.send("toggle_accessibility")  # and back: the remaining window goes on working
    return {
        "filter_calls_during_change": len(during),
        "collector_could_run_during_change": any(during),
        "abandoned_alive_before": alive_before,
        "abandoned_freed_after": freed_after,
        "current_window_switched_back": not current.view.session.accessible and current.stack.count() > 0,
    }


if __name__ == "__main__":
    print(json.dumps(main()), flush=True)
