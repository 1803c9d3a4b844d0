"""The QRIS code is drawn off the GUI thread and shown only while it is still the payment on
screen (issue 20: drawing it on the GUI thread stalled the screen 37-69 ms at every QRIS start)."""

from __future__ import annotations

import threading

import pytest
import qrcode

from kiosk.flow.citizen import FlowView
from kiosk.flow.session import CitizenSession
from kiosk.flow.status import KioskStatus
from kiosk.flow.steps import Step
from kiosk.payments.view import PaymentView
from kiosk.ui.metrics import current
from kiosk.ui.qr_image import qr_image
from kiosk.ui.screens.payment import QR_MM, PaymentScreen

PAYLOAD_A = "00020101021226570011ID.CO.QRIS.WWW0215ID10200000000010303UMI5204939953033605405300005802ID5913MPP KOTA BDG6007BANDUNG6304AAAA"
PAYLOAD_B = PAYLOAD_A.replace("54053000", "54055000")


def view(session: CitizenSession, payment: PaymentView | None) -> FlowView:
    session.payment = payment
    return FlowView(Step.PAYMENT, session, KioskStatus(), False, 30.0, ("id", "en"))


def waiting(session: CitizenSession, payment_id: str, payload: str) -> PaymentView:
    return PaymentView(
        "waiting",
        session.id,
        "skck-baru",
        30000,
        f"entry-{payment_id}",
        payment_id,
        f"REF-{payment_id}",
        payload,
        "MPP KOTA BANDUNG",
        "BANDUNG",
        None,
        600,
    )


@pytest.fixture
def screen(qtbot):
    widget = PaymentScreen()
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    widget.show()
    return widget


def drawn(payload: str):
    """The code as the screen asks for it: its size comes from the panel's density."""
    return qr_image(payload, current().px(QR_MM))


def shown_image(screen):
    return screen.qr.pixmap().toImage().convertToFormat(qr_image(PAYLOAD_A).format())


def test_the_code_is_made_off_the_gui_thread_and_is_the_right_code(screen, qtbot, monkeypatch):
    threads: list[threading.Thread] = []
    make = qrcode.QRCode.make
    monkeypatch.setattr(
        qrcode.QRCode,
        "make",
        lambda self, *a, **k: (threads.append(threading.current_thread()), make(self, *a, **k))[1],
    )
    session = CitizenSession("id")
    screen.render(view(session, waiting(session, "pay-a", PAYLOAD_A)))
    qtbot.waitUntil(lambda: screen.qr_shown, timeout=5_000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert shown_image(screen) == drawn(PAYLOAD_A)


def test_a_late_code_for_another_payment_is_never_shown(screen, qtbot):
    session = CitizenSession("id")
    screen.render(view(session, waiting(session, "pay-a", PAYLOAD_A)))
    # Before A's code arrives, A is cancelled and a new payment B shows its code.
    screen.render(view(session, waiting(session, "pay-a", PAYLOAD_A).with_(state="cancelled")))
    screen.render(view(session, waiting(session, "pay-b", PAYLOAD_B)))
    qtbot.waitUntil(lambda: screen.qr_shown, timeout=5_000)
    qtbot.wait(200)  # A's late answer has certainly arrived by now
    assert shown_image(screen) == drawn(PAYLOAD_B)
    assert shown_image(screen) != drawn(PAYLOAD_A)


def test_a_code_arriving_after_the_session_ended_is_dropped(screen, qtbot):
    session = CitizenSession("id")
    screen.render(view(session, waiting(session, "pay-a", PAYLOAD_A)))
    screen.render(view(CitizenSession("id"), None))  # timed out: a new, empty session
    qtbot.wait(300)
    assert not screen.qr_shown and screen.qr.isHidden()
    assert screen.qr.pixmap() is None or screen.qr.pixmap().isNull()


def test_shutting_the_window_down_joins_the_qr_drawing_threads(qtbot, qapp):
    from kiosk.flow.citizen import CitizenFlow, FlowTiming
    from kiosk.runtime.scheduler import ManualScheduler
    from kiosk.ui.qr_image import QrImageMaker

    from .test_screens import NeverIssuer, shown_window

    sched = ManualScheduler()
    shown = shown_window(qtbot, qapp, CitizenFlow(NeverIssuer(), sched, FlowTiming()), sched)
    win, _, _ = next(shown)
    makers = win.findChildren(QrImageMaker)
    assert len(makers) >= 2  # the payment screen's and the ticket screen's
    for maker in makers:
        maker.request("key", PAYLOAD_A)  # starts each maker's thread
    threads = [t for maker in makers for t in maker._pool._threads]
    assert threads and all(t.name.startswith("qr-image") for t in threads)
    win.close_for_shutdown()
    assert not [t for t in threads if t.is_alive()]
    next(shown, None)
