"""Locked down like a kiosk (issue 19): typed input goes to the screen that is showing, and the
hidden corner's count starts again after a tap elsewhere. Through the real window, on the demo
kiosk against the reference central."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from kiosk.contract.bookings import validate_booking_code
from kiosk.flow.steps import Step

from .conftest import TECH_PIN
from .test_admin_panel import corner_taps, open_admin

BOOKED_NOW = "BDG-7K3P9"  # a demo booking valid right now


def scan(qtbot, app, text: str) -> None:
    """What a keyboard-wedge scanner does: the characters as key presses, then Enter."""
    qtbot.keyClicks(app.window, text)
    qtbot.keyClick(app.window, Qt.Key.Key_Return)


def booking_status(app, code: str) -> str:
    with app.runtime_env_central.app.state.bookings.db.read() as conn:
        row = conn.execute("SELECT status FROM bookings WHERE code=?", (validate_booking_code(code),)).fetchone()
    return row["status"]


def test_a_code_scanned_under_the_staff_panel_does_not_check_in(qtbot, admin_kiosk, admin_env):
    env, _ = admin_env
    admin_kiosk.runtime_env_central = env.central
    flow = admin_kiosk.runtime.flow
    steps: list[str] = []
    admin_kiosk.window.rendered.connect(steps.append)
    open_admin(qtbot, admin_kiosk, TECH_PIN)
    scan(qtbot, admin_kiosk, BOOKED_NOW)
    qtbot.wait(800)  # longer than the scanner burst timer (300 ms) and a loopback round trip
    assert booking_status(admin_kiosk, BOOKED_NOW) == "booked"
    assert flow.view().step == Step.WELCOME and set(steps) <= {"welcome"}  # never booking/issuing
    # The same scan with the panel closed does check in: the test scans the way a scanner does.
    admin_kiosk.runtime.admin.close()
    qtbot.waitUntil(lambda: not admin_kiosk.window.admin_panel.isVisible(), timeout=5_000)
    scan(qtbot, admin_kiosk, BOOKED_NOW)
    qtbot.waitUntil(lambda: booking_status(admin_kiosk, BOOKED_NOW) == "checked_in", timeout=10_000)


def test_a_pin_typed_on_a_keyboard_at_the_pin_prompt_reaches_nothing(qtbot, admin_kiosk, caplog):
    flow = admin_kiosk.runtime.flow
    panel = admin_kiosk.window.admin_panel
    corner_taps(qtbot, admin_kiosk, 5)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.page() == "pin", timeout=5_000)
    seen: list[tuple[str, dict]] = []
    send = flow.send
    flow.send = lambda name, **kw: (seen.append((name, kw)), send(name, **kw))[1]  # a spy, the real flow runs
    caplog.set_level("DEBUG")
    scan(qtbot, admin_kiosk, TECH_PIN)
    qtbot.wait(800)
    assert seen == []
    assert TECH_PIN[:3] not in caplog.text and TECH_PIN[-3:] not in caplog.text
    assert admin_kiosk.runtime.admin.session is None and panel.page() == "pin"


def test_a_tap_elsewhere_starts_the_corner_count_again(qtbot, admin_kiosk):
    panel = admin_kiosk.window.admin_panel
    now = [1000.0]
    admin_kiosk.window.corner_taps._clock = lambda: now[0]  # all taps well inside three seconds
    corner_taps(qtbot, admin_kiosk, 4)
    window = admin_kiosk.window
    elsewhere = QPoint(window.width() // 2, window.height() // 2)
    target = window.childAt(elsewhere)
    assert target is not window.corner_taps
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, elsewhere))
    corner_taps(qtbot, admin_kiosk, 1)
    qtbot.wait(200)
    assert not panel.isVisible()  # 4 + 1 with a tap between: no PIN prompt
    corner_taps(qtbot, admin_kiosk, 4)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.page() == "pin", timeout=5_000)
