"""Driving the real window the way a finger would: find the button by name, click it."""

from __future__ import annotations

import json
import urllib.request

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from central.testing import fault_headers
from kiosk.flow.steps import Step


def tap(qtbot, app, name: str) -> None:
    visible = [b for b in app.window.findChildren(QPushButton, name) if b.isVisible()]
    assert len(visible) == 1, f"expected one visible button {name}, found {len(visible)}"
    button = visible[0]
    assert button.isEnabled(), f"button {name} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_step(qtbot, app, step: Step, timeout_ms: int = 10_000) -> None:
    qtbot.waitUntil(lambda: app.runtime.flow.step is step, timeout=timeout_ms)


DEMO_NIK = "3273015708850003"  # a demo citizen of config/catalog.toml (Siti Rahmawati, born 1985)


def identify_by_nik(qtbot, app, nik: str = DEMO_NIK) -> None:
    wait_step(qtbot, app, Step.IDENTIFY)
    for digit in nik:
        tap(qtbot, app, f"key-{digit}")
    tap(qtbot, app, "NikSubmit")
    wait_step(qtbot, app, Step.CONFIRM)


def confirm(qtbot, app, nik: str = DEMO_NIK) -> None:
    """Tap "take my number"; if the service needs identity, type the NIK and tap it again."""
    tap(qtbot, app, "Confirm")
    qtbot.waitUntil(lambda: app.runtime.flow.step is not Step.CONFIRM, timeout=10_000)
    if app.runtime.flow.step is Step.IDENTIFY:
        identify_by_nik(qtbot, app, nik)
        tap(qtbot, app, "Confirm")


def walk_to_confirm(qtbot, app, agency_id: str) -> str:
    tap(qtbot, app, "TakeTicket")
    wait_step(qtbot, app, Step.AGENCY)
    tap(qtbot, app, f"agency-{agency_id}")
    wait_step(qtbot, app, Step.SERVICE)
    service = app.runtime.flow.status.catalog.services_for(agency_id)[0]
    tap(qtbot, app, f"service-{service.id}")
    wait_step(qtbot, app, Step.CONFIRM)
    return service.id


def set_central_fault(url: str, mode: str) -> None:
    req = urllib.request.Request(
        f"{url}/__faults__",
        data=json.dumps({"mode": mode, "delay_s": 0}).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **fault_headers(url)},
    )
    with urllib.request.urlopen(req, timeout=5) as resp:
        assert resp.status == 200
