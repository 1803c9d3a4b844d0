"""Appointment check-in through the real window, the reference central service's demo bookings
and the virtual printer: typed on the keypad, scanned by a scanner that types, and refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.api.client import CentralClient
from kiosk.flow.steps import Step

from .helpers import tap, wait_step


def type_code(qtbot, kiosk, code: str) -> None:
    for c in code:
        tap(qtbot, kiosk, f"bookingkey-{c}")


def test_typed_booking_code_prints_the_appointment_ticket(qtbot, kiosk, demo_env):
    tap(qtbot, kiosk, "CheckIn")
    wait_step(qtbot, kiosk, Step.BOOKING)
    type_code(qtbot, kiosk, "BDG7K3P9")
    assert kiosk.runtime.flow.session.booking_entry == "BDG7K3P9"
    tap(qtbot, kiosk, "BookingSubmit")
    wait_step(qtbot, kiosk, Step.TICKET)
    outcome = kiosk.runtime.flow.session.outcome
    assert outcome.delivery == "printed" and outcome.ticket.service_id == "ktp-el"
    printed = kiosk.runtime.printer.virtual.jobs[-1].text
    assert outcome.ticket.number in printed and "JANJI TEMU" in printed
    with CentralClient(demo_env.config.central, demo_env.token) as client:
        assert client.get_ticket(outcome.ticket.id).status == "confirmed"
    tap(qtbot, kiosk, "Done")
    wait_step(qtbot, kiosk, Step.WELCOME)

    # The same booking again (a second visit to the kiosk): the same number, not a new one.
    tap(qtbot, kiosk, "CheckIn")
    type_code(qtbot, kiosk, "BDG7K3P9")
    tap(qtbot, kiosk, "BookingSubmit")
    wait_step(qtbot, kiosk, Step.TICKET)
    assert kiosk.runtime.flow.session.outcome.ticket.number == outcome.ticket.number


def test_scanned_booking_qr_on_the_welcome_screen(qtbot, kiosk):
    # A QR scanner in keyboard mode types the code and Enter, faster than any hand.
    qtbot.keyClicks(kiosk.window, "bdg-4m8t2")
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
    wait_step(qtbot, kiosk, Step.TICKET)
    outcome = kiosk.runtime.flow.session.outcome
    assert outcome.ticket.service_id == "kartu-keluarga"
    assert kiosk.window.screen(Step.TICKET).number.text() == outcome.ticket.number


# Expired, another day, cancelled, unknown: one answer, so a guessed code learns nothing (issue 19).
@pytest.mark.parametrize(
    "code, reason, words",
    [
        ("BDG2H7W4", "not_usable", "cannot be used here today"),
        ("BDG6N4V8", "not_usable", "cannot be used here today"),
        ("BDG3C8F5", "not_usable", "cannot be used here today"),
        ("BDG2222222", "not_usable", "cannot be used here today"),
    ],
)
def test_refused_booking_explains_and_keeps_the_code(qtbot, kiosk, code, reason, words):
    tap(qtbot, kiosk, "lang-en")
    tap(qtbot, kiosk, "CheckIn")
    type_code(qtbot, kiosk, code)
    printed_before = len(kiosk.runtime.printer.virtual.jobs)
    tap(qtbot, kiosk, "BookingSubmit")
    qtbot.waitUntil(lambda: kiosk.runtime.flow.session.notice == f"booking.{reason}", timeout=10_000)
    assert kiosk.runtime.flow.step is Step.BOOKING
    assert kiosk.window.notice.isVisible() and words in kiosk.window.notice.text()
    assert kiosk.runtime.flow.session.booking_entry == code  # to correct, not to retype
    assert len(kiosk.runtime.printer.virtual.jobs) == printed_before  # nothing printed
    tap(qtbot, kiosk, "Back")
    wait_step(qtbot, kiosk, Step.WELCOME)
    assert kiosk.runtime.flow.session.booking_entry == ""


def test_easy_access_reads_the_keypad_screen_and_the_refusal_aloud(qtbot, kiosk, demo_env):
    tap(qtbot, kiosk, "AccessibilityToggle")
    tap(qtbot, kiosk, "CheckIn")
    wait_step(qtbot, kiosk, Step.BOOKING)
    assert kiosk.window.last_spoken.startswith("Lapor kedatangan untuk janji temu Anda")
    type_code(qtbot, kiosk, "BDG3C8F5")
    tap(qtbot, kiosk, "BookingSubmit")
    qtbot.waitUntil(lambda: kiosk.runtime.flow.session.notice == "booking.not_usable", timeout=10_000)
    # Only the new message is read, not the whole screen again.
    assert kiosk.window.last_spoken == kiosk.window.notice.text()
    assert "tidak dapat digunakan" in kiosk.window.last_spoken
    speech_dir = demo_env.config.speech.wav_dir
    qtbot.waitUntil(
        lambda: kiosk.runtime.speaker.current_pid() is None and any(speech_dir.glob("*-id.wav")), timeout=10_000
    )


def test_codes_guessed_from_the_scanner_are_slowed_down_and_told_to_wait(qtbot, kiosk):
    """Issue 19: a scanner typed guesses at ~40/s. After a few refusals the kiosk says "please
    wait" and asks the central nothing until the wait is over."""
    tap(qtbot, kiosk, "lang-en")
    flow = kiosk.runtime.flow
    for i in range(4):  # three free refusals, the fourth starts a wait
        qtbot.keyClicks(kiosk.window, f"ZZZ-{i + 2}222")
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: flow.session.notice == "booking.not_usable" and not flow.session.lookup_pending, timeout=10_000
        )
        flow.session.notice = None  # so the next refusal is seen as new
    assert kiosk.runtime.bookings.throttle.wait_s() > 1
    qtbot.keyClicks(kiosk.window, "BDG-7K3P9")  # even a good code waits
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.session.notice == "booking.wait", timeout=10_000)
    assert "Please wait" in kiosk.window.notice.text()
    assert flow.step is Step.BOOKING
