"""A kiosk's device trouble reaches the supervisor as it happens: the running kiosk (virtual
printer, real central) sends a heartbeat as soon as what it reports changes, not at the next
minute's one, and the central raises the alert from it."""

from __future__ import annotations

import time

import requests

from tests.central.supervisor_helpers import login


def _active(central, headers, terminal: str) -> set[str]:
    alerts = requests.get(f"{central.url}/v1/supervisor/alerts", headers=headers, timeout=10).json()["alerts"]
    return {a["kind"] for a in alerts if a["terminal_id"] == terminal and a["cleared_us"] is None}


def test_paper_near_end_reaches_the_central_within_seconds(qtbot, kiosk, demo_env):
    central = demo_env.central
    boss = login(central, "kepala", "supervisor")
    terminal = demo_env.config.central.terminal_id
    assert kiosk.config.admin.heartbeat_interval_s >= 30  # the minute heartbeat would be far too late
    qtbot.waitUntil(lambda: kiosk.runtime.heartbeat.last_ack is not None, timeout=10_000)  # the first one
    assert "paper_near_end" not in _active(central, boss, terminal)

    kiosk.runtime.printer.virtual.set_paper("near_end")
    changed = time.monotonic()
    kiosk.runtime.poll_printer()
    qtbot.waitUntil(lambda: "paper_near_end" in _active(central, boss, terminal), timeout=3_000)
    assert time.monotonic() - changed < 3.0

    kiosk.runtime.printer.virtual.set_paper("ok")
    kiosk.runtime.poll_printer()
    qtbot.waitUntil(lambda: "paper_near_end" not in _active(central, boss, terminal), timeout=3_000)
