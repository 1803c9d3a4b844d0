"""End to end through the real window: a fee service -> the QRIS screen -> the citizen's bank
pays (the central's demo switch) -> ticket and receipt on the virtual printer -> the central
shows the payment paid and the ticket confirmed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from central.testing import Faults
from kiosk.api.client import CentralClient
from kiosk.flow.steps import Step
from launcher.demo import demo_environment
from tests.integration.helpers import confirm, tap, wait_step


@pytest.fixture
def kiosk(qtbot, tmp_path: Path):
    from kiosk.ui.app import KioskApp

    with demo_environment(tmp_path, ui={"fullscreen": False}, payments={"enabled": True}) as env:
        app = KioskApp(env.config, env.token)
        qtbot.addWidget(app.window)
        app.start()
        qtbot.waitUntil(lambda: app.runtime.flow.status.catalog is not None, timeout=10_000)
        qtbot.waitUntil(lambda: app.runtime.flow.status.printer != "unknown", timeout=10_000)
        yield app, env
        app.stop()


def snapshot(app, name: str) -> None:
    directory = os.environ.get("ANJUNGAN_SNAPSHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        app.window.grab().save(str(Path(directory) / f"{name}.png"))


def test_paid_passport_fee_end_to_end(qtbot, kiosk):
    app, env = kiosk
    tap(qtbot, app, "TakeTicket")
    wait_step(qtbot, app, Step.AGENCY)
    tap(qtbot, app, "agency-polri")
    wait_step(qtbot, app, Step.SERVICE)
    tap(qtbot, app, "service-skck-baru")
    wait_step(qtbot, app, Step.CONFIRM)
    confirm(qtbot, app)
    wait_step(qtbot, app, Step.PAYMENT)
    flow = app.runtime.flow
    qtbot.waitUntil(
        lambda: flow.session.payment is not None and flow.session.payment.state == "waiting", timeout=10_000
    )
    screen = app.window.screen(Step.PAYMENT)
    payment = flow.session.payment
    assert screen.amount.text() == "Rp30.000"
    qtbot.waitUntil(lambda: screen.qr_shown, timeout=5_000)  # drawn off the GUI thread
    assert screen.qr.pixmap() is not None and not screen.qr.pixmap().isNull()
    assert "MPP KOTA BANDUNG" in screen.merchant.text()
    assert [b for b in app.window.findChildren(type(screen.cancel), "CancelPayment") if b.isVisible()]
    snapshot(app, "payment-waiting")

    Faults(env.central_url).pay(payment.payment_id)  # the citizen's bank app pays
    wait_step(qtbot, app, Step.TICKET, timeout_ms=15_000)
    outcome = flow.session.outcome
    assert outcome.delivery == "printed" and outcome.confirmed
    jobs = app.runtime.printer.virtual.jobs
    ticket_job, receipt_job = jobs[-2], jobs[-1]
    assert outcome.ticket.number in ticket_job.text
    assert "Rp30.000" in receipt_job.text and payment.reference in receipt_job.text
    assert outcome.ticket.number in receipt_job.text and "DEMO-01" in receipt_job.text
    assert receipt_job.qr_codes and receipt_job.qr_codes[0].endswith("/r/" + payment.reference)
    with CentralClient(env.config.central, env.token) as client:
        assert client.get_payment(payment.payment_id).status == "paid"
        assert client.get_ticket(outcome.ticket.id).status == "confirmed"
    assert app.runtime.journal.unfinished() == []
    snapshot(app, "payment-ticket")
    tap(qtbot, app, "Done")  # leave no ticket-display timer behind
    wait_step(qtbot, app, Step.WELCOME)


def test_cancel_on_the_qr_screen(qtbot, kiosk):
    app, _env = kiosk
    tap(qtbot, app, "TakeTicket")
    wait_step(qtbot, app, Step.AGENCY)
    tap(qtbot, app, "agency-polri")
    wait_step(qtbot, app, Step.SERVICE)
    tap(qtbot, app, "service-skck-baru")
    wait_step(qtbot, app, Step.CONFIRM)
    confirm(qtbot, app)
    flow = app.runtime.flow
    qtbot.waitUntil(
        lambda: flow.session.payment is not None and flow.session.payment.state == "waiting", timeout=10_000
    )
    tap(qtbot, app, "CancelPayment")
    qtbot.waitUntil(lambda: flow.session.payment.closed, timeout=10_000)
    assert flow.session.payment.state == "cancelled"
    snapshot(app, "payment-cancelled")
    tap(qtbot, app, "Home")
    wait_step(qtbot, app, Step.WELCOME)
