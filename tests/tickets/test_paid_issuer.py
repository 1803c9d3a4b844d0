"""The issuer's paid path against the real reference central and the real printer service: a
paying citizen gets a printed ticket and receipt, a virtual ticket when the paper is out (whatever
the fault policy), or a refund flagged before they are told; never a ticket without payment."""

from __future__ import annotations

import pytest

from central.testing import Faults
from kiosk.api.client import CentralClient
from kiosk.contract import PaymentCreateRequest
from kiosk.devices.printer.service import PrinterService
from kiosk.devices.printer.settings import PrinterSettings
from kiosk.flow.citizen import IssueRequest
from kiosk.journal import Journal, JournalStep
from kiosk.payments.view import PaymentView
from kiosk.tickets.issuer import IssueError, TicketIssuer
from kiosk.tickets.numbering import CentralNumbering
from kiosk.tickets.paid import PaidIssuing
from kiosk.tickets.pending import PendingConfirmations
from launcher.demo import demo_environment


@pytest.fixture
def env(tmp_path):
    with demo_environment(tmp_path / "demo") as env:
        with CentralClient(env.config.central, env.token) as client:
            journal = Journal(tmp_path / "journal.sqlite3")
            yield env, client, journal
            journal.close()


def paid_view(env, client, journal, pay=True) -> PaymentView:
    entry = journal.begin("skck-baru", 30000)
    payment = client.create_payment(PaymentCreateRequest(service_id="skck-baru", amount_idr=30000), entry.id)
    journal.record(entry.id, JournalStep.CHARGE_CREATED, payment_id=payment.id, reference=payment.reference)
    if pay:
        Faults(env.central_url).pay(payment.id)
        journal.record(entry.id, JournalStep.PAID_SEEN)
    return PaymentView(
        "paid" if pay else "waiting",
        1,
        "skck-baru",
        30000,
        entry.id,
        payment.id,
        payment.reference,
        merchant_name="MPP KOTA BANDUNG",
        paid_at=payment.created_at,
    )


def make(env, client, journal, tmp_path, paper="ok", on_fault="virtual_ticket"):
    printer = PrinterService(PrinterSettings(backend="virtual", virtual_paper=paper))
    catalog = client.get_catalog()
    paid = PaidIssuing(journal, CentralNumbering(client), client, "DEMO-01")
    issuer = TicketIssuer(
        CentralNumbering(client),
        printer,
        lambda: catalog,
        "DEMO-01",
        PendingConfirmations(tmp_path / "p.sqlite3"),
        on_print_fault=on_fault,
        paid=paid,
    )
    return issuer, printer


def request(view) -> IssueRequest:
    return IssueRequest(session_id=1, service_id="skck-baru", priority="none", language="id", payment=view)


def test_paid_ticket_and_receipt_are_printed_and_confirmed(env, tmp_path):
    env, client, journal = env
    view = paid_view(env, client, journal)
    issuer, printer = make(env, client, journal, tmp_path)
    try:
        outcome = issuer.issue(request(view)).result(30)
        assert outcome.delivery == "printed" and outcome.confirmed
        ticket_job, receipt_job = printer.virtual.jobs[-2:]
        assert outcome.ticket.number in ticket_job.text
        assert "Rp30.000" in receipt_job.text and view.reference in receipt_job.text
        assert journal.get(view.entry_id).outcome == "confirmed"
        assert journal.steps(view.entry_id)[-4:] == [
            "ticket_reserved",
            "ticket_printed",
            "receipt_printed",
            "confirmed",
        ]
        assert client.get_ticket(outcome.ticket.id).status == "confirmed"
        # The same payment cannot buy a second ticket.
        with pytest.raises(IssueError) as err:
            issuer.issue(request(view)).result(30)
        assert err.value.user_message_key == "payment.not_open"
    finally:
        issuer.close()
        printer.close()


def test_paper_out_gives_a_paid_citizen_a_virtual_ticket_even_with_out_of_service(env, tmp_path):
    env, client, journal = env
    view = paid_view(env, client, journal)
    issuer, printer = make(env, client, journal, tmp_path, paper="out", on_fault="out_of_service")
    try:
        outcome = issuer.issue(request(view)).result(30)
        assert outcome.delivery == "virtual" and outcome.virtual_png
        entry = journal.get(view.entry_id)
        assert entry.outcome == "confirmed" and entry.receipt == "skipped"
        assert client.get_ticket(outcome.ticket.id).status == "virtual"
    finally:
        issuer.close()
        printer.close()


def test_no_number_for_a_paid_citizen_flags_the_refund_first(env, tmp_path):
    env, client, journal = env
    view = paid_view(env, client, journal)
    issuer, printer = make(env, client, journal, tmp_path)
    try:
        Faults(env.central_url).set("error500", times=4)  # the reservation (and its retries) fail
        with pytest.raises(IssueError) as err:
            issuer.issue(request(view)).result(60)
        assert err.value.user_message_key == "payment.refund_flagged"
        assert journal.get(view.entry_id).outcome == "refund_flagged"
        assert client.get_payment(view.payment_id).status == "refund_requested"
    finally:
        issuer.close()
        printer.close()


def test_an_unpaid_view_never_gets_a_ticket(env, tmp_path):
    env, client, journal = env
    view = paid_view(env, client, journal, pay=False)
    issuer, printer = make(env, client, journal, tmp_path)
    try:
        with pytest.raises(IssueError):
            issuer.issue(request(view.with_(state="paid"))).result(30)  # a forged "paid" view
        assert printer.virtual.jobs == []
    finally:
        issuer.close()
        printer.close()
