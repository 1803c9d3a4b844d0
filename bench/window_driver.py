"""A citizen at the real kiosk window (offscreen), for the soak and GUI-stall benchmarks.

The real ``KioskApp`` (window, flow, services, virtual printer) against the reference central on
loopback, in its own process (``bench/central_process.py``), driven by clicking its buttons by name as ``launcher/walkthrough.py``
does. One method per kind of session; each starts and ends on the welcome screen.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable

from kiosk.flow.steps import Step

NIK = "3273015708850003"  # a demo citizen of config/catalog.toml
WALK_IN = ("bpn", "info-pertanahan")  # free, no identity
WITH_NIK = ("dukcapil", "ktp-el")  # free, identity required
PAID = ("polri", "skck-baru")  # Rp30.000 by QRIS, identity required
CANCELLED = ("polri", "skck-perpanjang")
BOOKED_SERVICE = "akta-kelahiran"
BOOKING_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ23456789"
# Faster payment polling than the default 1 s: a paid session then takes a fraction of a second.
FAST_PAYMENTS = {"enabled": True, "poll_interval_s": 0.05, "poll_max_interval_s": 0.1}


class DriverError(RuntimeError):
    pass


class Citizen:
    def __init__(self, app, central) -> None:
        from central.testing import Faults

        self.app = app  # kiosk.ui.app.KioskApp, started
        self.qapp = app.qapp
        self.window = app.window
        self.flow = app.flow
        self.central = central  # bench.central_process.CentralProcess
        self.faults = Faults(central.url)
        self._codes = (self._code(i) for i in itertools.count(1))
        self._time_scale = 1.0
        self.lost_taps = 0  # taps on a tile that found something else under the finger
        scheduler = app.scheduler
        call_later = type(scheduler).call_later
        # Time-lapse for the timed-out session only: the flow's idle timers are the real QTimers,
        # started with their delays scaled while ``_time_scale`` is below 1.
        scheduler.call_later = lambda delay_s, fn: call_later(scheduler, delay_s * self._time_scale, fn)

    # ---- helpers ----------------------------------------------------------------------------
    def pump(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        self.qapp.processEvents()
        # What returning to the kiosk's main loop (qapp.exec) does and processEvents() from outside
        # any loop does not: objects given to deleteLater() are deleted. Without it every released
        # QTimer and replaced tile would stay alive and the soak would measure the driver's leak.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    def wait(self, predicate: Callable[[], bool], what: str, timeout_s: float = 20.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                raise DriverError(f"timed out waiting for {what} (step {self.flow.step.value})")
            self.pump()
            time.sleep(0.001)
        self.pump()

    def at(self, step: Step, timeout_s: float = 20.0) -> None:
        self.wait(lambda: self.flow.step is step, f"step {step.value}", timeout_s)

    def click(self, name: str) -> None:
        from PySide6.QtWidgets import QPushButton

        visible = [b for b in self.window.findChildren(QPushButton, name) if b.isVisible() and b.isEnabled()]
        if len(visible) != 1:
            raise DriverError(f"{len(visible)} visible buttons {name!r} on step {self.flow.step.value}")
        visible[0].click()
        self.pump()

    def tap_tile(self, name: str) -> None:
        """A finger on the middle of a tile: the widget under that point gets the press."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from kiosk.ui.widgets import Tile

        tiles = [t for t in self.window.findChildren(Tile, name) if t.isVisible()]
        if len(tiles) != 1:
            raise DriverError(f"{len(tiles)} visible tiles {name!r} on step {self.flow.step.value}")
        point = tiles[0].mapTo(self.window, tiles[0].rect().center())
        under = self.window.childAt(point)
        if under is not tiles[0]:
            self.lost_taps += 1  # counted, then the tile is tapped anyway so the session goes on
            under = tiles[0]
            point = under.mapTo(self.window, under.rect().center())
        QTest.mouseClick(
            under, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, under.mapFrom(self.window, point)
        )
        self.pump()

    def recover(self) -> None:
        """After a failed session: end it the way the flow ends any session, back to welcome."""
        self._time_scale = 1.0
        self.flow.send("cancel")
        self.wait(lambda: self.flow.step is Step.WELCOME, "welcome after a failed session")

    def ready(self) -> None:
        self.wait(lambda: self.app.runtime is not None and self.flow.status.catalog is not None, "the catalogue")
        self.wait(lambda: self.flow.status.printer == "ok", "the printer")
        self.at(Step.WELCOME)

    def choose(self, agency_id: str, service_id: str) -> None:
        self.click("TakeTicket")
        self.at(Step.AGENCY)
        self.tap_tile(f"agency-{agency_id}")
        self.at(Step.SERVICE)
        self.tap_tile(f"service-{service_id}")
        self.at(Step.CONFIRM)

    def identify(self) -> None:
        self.at(Step.IDENTIFY)
        for digit in NIK:
            self.click(f"key-{digit}")
        self.click("NikSubmit")
        self.at(Step.CONFIRM)

    def ticket_then_home(self) -> None:
        self.at(Step.TICKET)
        self.click("Done")
        self.at(Step.WELCOME)

    @staticmethod
    def _code(n: int) -> str:
        digits = []
        for _ in range(6):
            n, d = divmod(n, len(BOOKING_ALPHABET))
            digits.append(BOOKING_ALPHABET[d])
        return "SK" + "".join(digits)

    # ---- the kinds of session ---------------------------------------------------------------
    def walk_in(self) -> None:
        self.choose(*WALK_IN)
        self.click("Confirm")
        self.ticket_then_home()

    def with_nik(self) -> None:
        self.choose(*WITH_NIK)
        self.click("Confirm")
        self.identify()
        self.click("Confirm")
        self.ticket_then_home()

    def _to_qr(self, agency_service: tuple[str, str]) -> None:
        self.choose(*agency_service)
        self.click("Confirm")
        self.identify()
        self.click("Confirm")
        self.at(Step.PAYMENT)
        self.wait(lambda: getattr(self.flow.session.payment, "state", None) == "waiting", "the QRIS code")
        self.wait(lambda: self.window.screen(Step.PAYMENT).qr_shown, "the QRIS image")

    def paid(self) -> None:
        self._to_qr(PAID)
        # The citizen's bank app pays: another device, so not on the kiosk's GUI thread.
        payment_id = self.flow.session.payment.payment_id
        threading.Thread(target=self.faults.pay, args=(payment_id,), name="bank-app", daemon=True).start()
        self.wait(lambda: self.flow.step is not Step.PAYMENT, "the payment to arrive")
        self.ticket_then_home()

    def cancelled(self) -> None:
        self._to_qr(CANCELLED)
        self.click("CancelPayment")
        self.wait(lambda: getattr(self.flow.session.payment, "state", None) == "cancelled", "the cancellation")
        self.click("Home")
        self.at(Step.WELCOME)

    def booking(self) -> None:
        code = next(self._codes)
        self.central.add_booking(code, BOOKED_SERVICE)  # booked online, for a slot starting now
        self.click("CheckIn")
        self.at(Step.BOOKING)
        for c in code:
            self.click(f"bookingkey-{c}")
        self.click("BookingSubmit")
        self.ticket_then_home()

    def timed_out(self) -> None:
        self.click("TakeTicket")
        self.at(Step.AGENCY)
        self._time_scale = 0.004  # 45 s + 30 s of idle become 0.3 s
        try:
            self.tap_tile(f"agency-{WALK_IN[0]}")  # re-arms the idle timer, now time-lapsed
            self.at(Step.SERVICE)
            self.wait(lambda: self.window.overlay.isVisible(), "the idle warning")
            self.at(Step.WELCOME)
        finally:
            self._time_scale = 1.0

    KINDS = ("walk_in", "with_nik", "paid", "booking", "cancelled", "timed_out")
