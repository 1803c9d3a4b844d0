"""The application's style sheet set with Python's cycle collector paused.

``QApplication.setStyleSheet`` takes a list of raw pointers to every styled widget first, then
polishes each one and sends it a StyleChange event; those events run Python (the window's
first-frame event filter, the staff corner's filter, overridden handlers). A cyclic garbage
collection that happens to start in that Python code may free an abandoned window: a window and
its flow refer to each other, so only the collector frees them, and a top-level window's Python
wrapper owns its C++ widgets. Qt then polishes freed widgets and the process dies with SIGSEGV
(seen in the test suite, whose windows are dropped test after test; reproduced by
``tests/ui/style_change_probe.py``). With the collector paused for the call no widget can vanish
under Qt; what it would have collected is collected at an allocation after it. (``setFont`` walks
every widget too, but sent nothing to Python event filters when measured: left as it is.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cyclic garbage collection inside the block (refcounting still frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def set_style_sheet(sheet: str) -> None:
    """The application's style sheet, every widget of every window polished again."""
    from PySide6.QtWidgets import QApplication

    with collector_paused():
        QApplication.instance().setStyleSheet(sheet)
