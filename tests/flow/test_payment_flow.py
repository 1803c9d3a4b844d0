"""Fee services go through the PAYMENT step: the flow follows the payment service's updates,
only a paid payment leads to a ticket, and leaving means cancelling first."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.flow.steps import Step
from kiosk.identification import SessionIdentity
from kiosk.runtime.scheduler import ManualScheduler

from .test_citizen_flow import CATALOG, HeldIssuer


@dataclass(frozen=True)
class View:
    state: str

    @property
    def paid(self) -> bool:
        return self.state == "paid"

    @property
    def closed(self) -> bool:
        return self.state in ("expired", "cancelled", "failed")


class Handle:
    def __init__(self, on_update) -> None:
        self.on_update = on_update
        self.cancels = 0

    def cancel(self) -> None:
        self.cancels += 1


class FakePayments:
    def __init__(self) -> None:
        self.requests = []
        self.handles: list[Handle] = []

    def start(self, request, on_update):
        self.requests.append(request)
        self.handles.append(Handle(on_update))
        return self.handles[-1]


@pytest.fixture
def setup():
    sched = ManualScheduler()
    issuer = HeldIssuer()
    payments = FakePayments()
    flow = CitizenFlow(issuer, sched, FlowTiming(), payments=payments)
    flow.update_status(catalog=CATALOG, printer="ok")
    return flow, sched, issuer, payments


def to_payment(flow):
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="polri")
    flow.send("choose_service", service_id="skck-baru")
    flow.send(
        "identity_found", session_id=flow.session.id, identity=SessionIdentity("nik", "B**", "3273••••••••0002", None)
    )
    flow.send("confirm")
    assert flow.step is Step.PAYMENT


def test_paid_payment_leads_to_issuing_with_the_payment(setup):
    flow, sched, issuer, payments = setup
    to_payment(flow)
    assert payments.requests[0].amount_idr == 30000
    payments.handles[0].on_update(View("waiting"))
    sched.run_posted()
    assert flow.step is Step.PAYMENT and flow.session.payment.state == "waiting"
    payments.handles[0].on_update(View("paid"))
    sched.run_posted()
    assert flow.step is Step.ISSUING
    assert issuer.requests[0].payment.paid


def test_free_service_skips_payment(setup):
    flow, _sched, _issuer, payments = setup
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="bpn")
    flow.send("choose_service", service_id="info-pertanahan")
    flow.send("confirm")
    assert flow.step is Step.ISSUING and payments.requests == []


def test_cancel_asks_the_payment_service_and_waits_for_its_answer(setup):
    flow, sched, _issuer, payments = setup
    to_payment(flow)
    payments.handles[0].on_update(View("waiting"))
    sched.run_posted()
    flow.send("cancel")
    flow.send("cancel_payment")  # a double tap: the service is asked, the flow does not leave
    assert flow.step is Step.PAYMENT and payments.handles[0].cancels == 2
    # The payment landed just before the cancel: the citizen paid, so they get their ticket.
    payments.handles[0].on_update(View("paid"))
    sched.run_posted()
    assert flow.step is Step.ISSUING


def test_expired_payment_can_be_left(setup):
    flow, sched, issuer, payments = setup
    to_payment(flow)
    payments.handles[0].on_update(View("expired"))
    sched.run_posted()
    assert flow.step is Step.PAYMENT
    flow.send("back")
    assert flow.step is Step.CONFIRM
    assert issuer.requests == []


def test_no_idle_wipe_while_the_qr_code_is_up_but_after_it_closed(setup):
    flow, sched, _issuer, payments = setup
    to_payment(flow)
    payments.handles[0].on_update(View("waiting"))
    sched.run_posted()
    sched.advance(600)
    assert flow.step is Step.PAYMENT and not flow.view().idle_warning
    payments.handles[0].on_update(View("cancelled"))
    sched.run_posted()
    sched.advance(46)
    assert flow.view().idle_warning
    sched.advance(31)
    assert flow.step is Step.WELCOME


def test_update_for_an_old_session_is_ignored(setup):
    flow, sched, _issuer, payments = setup
    to_payment(flow)
    payments.handles[0].on_update(View("expired"))
    sched.run_posted()
    flow.send("done")
    payments.handles[0].on_update(View("paid"))  # a stale update after the session ended
    sched.run_posted()
    assert flow.step is Step.WELCOME and flow.session.payment is None


def test_late_paid_for_the_last_citizen_does_not_move_the_next_one_on(setup):
    # Session 1's charge expired and they left; session 2 is looking at its own QR code when
    # session 1's "paid" arrives late. Session 2 must stay on its code (unpaid), no ticket.
    flow, sched, issuer, payments = setup
    to_payment(flow)
    payments.handles[0].on_update(View("expired"))
    sched.run_posted()
    flow.send("done")
    to_payment(flow)
    payments.handles[1].on_update(View("waiting"))
    sched.run_posted()
    payments.handles[0].on_update(View("paid"))
    sched.run_posted()
    assert flow.step is Step.PAYMENT and flow.session.payment == View("waiting")
    assert issuer.requests == []
    flow.send("cancel")  # session 2 leaves: its own code is cancelled
    assert payments.handles[1].cancels == 1


def test_accessibility_mode_doubles_the_time_limits(setup):
    flow, sched, _issuer, _payments = setup
    flow.send("toggle_accessibility")
    assert flow.session.accessible
    flow.send("take_ticket")
    sched.advance(60)
    assert not flow.view().idle_warning
    sched.advance(31)
    assert flow.view().idle_warning and flow.view().idle_answer_s == 60
