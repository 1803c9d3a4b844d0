"""The issuer against the real reference central service and the real printer service."""

from __future__ import annotations

import pytest

from kiosk.api.client import CentralClient
from kiosk.api.errors import CentralUnavailable
from kiosk.devices.printer.service import PrinterService
from kiosk.devices.printer.settings import PrinterSettings
from kiosk.flow.citizen import IssueRequest
from kiosk.tickets.issuer import IssueError, TicketIssuer
from kiosk.tickets.numbering import CentralNumbering
from kiosk.tickets.pending import PendingConfirmations
from launcher.demo import demo_environment


class ConfirmLost(CentralNumbering):
    """The real numbering, except that the next ``lose`` confirmations never get an answer."""

    def __init__(self, client, lose: int) -> None:
        super().__init__(client)
        self.lose = lose

    def confirm(self, ticket_id, mode):
        if self.lose > 0:
            self.lose -= 1
            raise CentralUnavailable("POST /confirm: connection reset (simulated)")
        return super().confirm(ticket_id, mode)


@pytest.fixture
def env(tmp_path):
    with demo_environment(tmp_path / "demo") as env:
        yield env


@pytest.fixture
def client(env):
    with CentralClient(env.config.central, env.token) as c:
        yield c


def make_issuer(env, client, tmp_path, numbering=None, paper="ok", on_fault="virtual_ticket"):
    printer = PrinterService(PrinterSettings(backend="virtual", virtual_paper=paper))
    catalog = client.get_catalog()
    pending = PendingConfirmations(tmp_path / "pending.sqlite3")
    issuer = TicketIssuer(
        numbering or CentralNumbering(client), printer, lambda: catalog, "DEMO-01", pending, on_print_fault=on_fault
    )
    return issuer, printer, pending, catalog


def request(service_id: str) -> IssueRequest:
    return IssueRequest(session_id=1, service_id=service_id, priority="none", language="id")


def test_lost_confirmation_is_kept_and_sent_after_a_restart(env, client, tmp_path):
    issuer, printer, pending, catalog = make_issuer(env, client, tmp_path, ConfirmLost(client, lose=1))
    service = catalog.services[0]
    outcome = issuer.issue(request(service.id)).result(timeout=20)
    assert outcome.delivery == "printed" and not outcome.confirmed
    assert client.get_ticket(outcome.ticket.id).status == "reserved"
    assert [p.number for p in pending.all()] == [outcome.ticket.number]
    issuer.close(), printer.close(), pending.close()

    # A new kiosk process: the owed confirmation is found on disk and sent.
    issuer2, printer2, pending2, _ = make_issuer(env, client, tmp_path)
    assert issuer2.retry_pending().result(timeout=20) == 0
    assert client.get_ticket(outcome.ticket.id).status == "confirmed"
    assert pending2.all() == []
    issuer2.close(), printer2.close(), pending2.close()


def test_out_of_service_policy_gives_the_number_back(env, client, tmp_path):
    issuer, printer, pending, catalog = make_issuer(env, client, tmp_path, paper="out", on_fault="out_of_service")
    with pytest.raises(IssueError) as info:
        issuer.issue(request(catalog.services[1].id)).result(timeout=20)
    assert info.value.user_message_key == "printer.failed"
    assert printer.virtual.jobs == []
    # The reservation was reported as failed, so it will never be called.
    queues = {q.service_id: q.waiting for q in client.get_queues().queues}
    issuer2, printer2, _, _ = make_issuer(env, client, tmp_path / "again")
    ok = issuer2.issue(request(catalog.services[1].id)).result(timeout=20)
    assert ok.ticket.sequence == 2  # number 1 was failed, never reused
    assert (
        client.get_queues().queues
        and {q.service_id: q.waiting for q in client.get_queues().queues}[catalog.services[1].id]
        == queues[catalog.services[1].id] + 1
    )
    for thing in (issuer, printer, pending, issuer2, printer2):
        thing.close()
