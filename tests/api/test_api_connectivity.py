"""Online/offline bookkeeping (a plain object: no server needed)."""

import pytest

from kiosk.api import ConnectivityMonitor


def test_offline_only_after_threshold_and_online_on_first_success():
    monitor = ConnectivityMonitor(offline_after_failures=3)
    events: list[bool] = []
    monitor.add_listener(events.append)
    monitor.record_failure()
    monitor.record_failure()
    assert monitor.online and events == []
    monitor.record_failure()
    assert not monitor.online and events == [False]
    monitor.record_failure()
    assert events == [False]  # no repeated notifications while offline
    assert monitor.consecutive_failures == 4
    monitor.record_success()
    assert monitor.online and events == [False, True]
    assert monitor.consecutive_failures == 0


def test_success_resets_the_count():
    monitor = ConnectivityMonitor(offline_after_failures=2)
    monitor.record_failure()
    monitor.record_success()
    monitor.record_failure()
    assert monitor.online


def test_broken_listener_does_not_stop_the_others_and_can_be_removed():
    monitor = ConnectivityMonitor(offline_after_failures=1)
    seen: list[bool] = []

    def broken(_online: bool) -> None:
        raise RuntimeError("listener bug")

    monitor.add_listener(broken)
    remove = monitor.add_listener(seen.append)
    monitor.record_failure()
    assert seen == [False]
    remove()
    monitor.record_success()
    assert seen == [False]


def test_threshold_must_be_positive():
    with pytest.raises(ValueError):
        ConnectivityMonitor(0)
