"""A citizen cannot lock staff out (issue 19): wrong PINs at the corner gesture lock that path
only, a staff card still leads to a PIN prompt that opens, and the central hears of the lockout.
Through the real window, against the reference central of the demo kiosk."""

from __future__ import annotations

import json

from .conftest import TECH_PIN
from .test_admin_panel import corner_taps, type_pin


def central_events(env, kind: str) -> list[dict]:
    with env.central.app.state.telemetry.db.read() as conn:
        rows = conn.execute("SELECT data FROM events WHERE kind=?", (kind,)).fetchall()
    return [json.loads(r["data"]) for r in rows]


def test_gesture_lockout_reported_and_the_staff_card_path_still_opens(qtbot, admin_kiosk, admin_env):
    env, _ = admin_env
    admin = admin_kiosk.runtime.admin
    panel = admin_kiosk.window.admin_panel
    pin_page = panel.pages["pin"]
    corner_taps(qtbot, admin_kiosk, 5)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.page() == "pin", timeout=5_000)
    for _ in range(5):
        type_pin(qtbot, admin_kiosk, "999999")
        qtbot.waitUntil(lambda: pin_page.keypad.isEnabled(), timeout=5_000)
    type_pin(qtbot, admin_kiosk, TECH_PIN)  # the right PIN, by the gesture path: refused
    qtbot.waitUntil(lambda: pin_page.keypad.isEnabled(), timeout=5_000)
    assert admin.session is None
    qtbot.waitUntil(lambda: len(central_events(env, "admin.pin_lockout")) == 1, timeout=10_000)
    assert central_events(env, "admin.pin_lockout")[0] == {"path": "gesture", "locked_for_s": 60, "lockout": 1}
    assert not admin.events.pending()  # sent, nothing left in the outbox
    # A staff card on the reader: the flow hands it to the controller, which asks for the PIN.
    admin.close()
    admin.request("staff_card", "technician")
    qtbot.waitUntil(lambda: panel.isVisible() and panel.page() == "pin", timeout=5_000)
    type_pin(qtbot, admin_kiosk, TECH_PIN)
    qtbot.waitUntil(lambda: panel.page() == "home", timeout=5_000)
    assert admin.session is not None and admin.session.role == "technician"
    assert admin.pins.locked_for("gesture") > 50  # the gesture stays locked


def test_a_lockout_while_the_central_is_away_is_sent_when_it_answers(qtbot, admin_kiosk, admin_env):
    env, _ = admin_env
    admin = admin_kiosk.runtime.admin
    outbox = admin.events
    real = outbox._client
    from kiosk.api import CentralClient

    outbox._client = CentralClient(
        real.settings.model_copy(update={"base_url": "http://127.0.0.1:9", "retries": 0}), None
    )
    assert outbox.add("admin.pin_lockout", {"path": "gesture", "locked_for_s": 60, "lockout": 1}).result(10) == 0
    assert len(outbox.pending()) == 1 and central_events(env, "admin.pin_lockout") == []
    outbox._client.close()
    outbox._client = real
    assert outbox.flush().result(10) == 1
    assert len(central_events(env, "admin.pin_lockout")) == 1 and outbox.pending() == []
