"""The Qt scheduler after shutdown: no timer or late worker answer may reach a closed window."""

from __future__ import annotations

import threading

from kiosk.ui.qt_scheduler import QtScheduler


def test_timers_and_posts_run_before_close_and_never_after(qtbot):
    scheduler = QtScheduler()
    ran: list[str] = []
    # Callers keep their timers (the flow does): a dropped one may be collected before it fires.
    first = scheduler.call_later(0.01, lambda: ran.append("timer"))
    threading.Thread(target=lambda: scheduler.post(lambda: ran.append("posted"))).start()
    qtbot.waitUntil(lambda: sorted(ran) == ["posted", "timer"], timeout=2_000)

    late = scheduler.call_later(0.05, lambda: ran.append("late timer"))
    scheduler.close()
    scheduler.post(lambda: ran.append("late post"))
    after = scheduler.call_later(0.0, lambda: ran.append("timer after close"))
    qtbot.wait(200)
    assert sorted(ran) == ["posted", "timer"]
    assert first and late and after
