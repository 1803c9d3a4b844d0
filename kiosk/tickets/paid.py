"""The paid path of the issuer: a ticket for a fee that is already paid, plus its receipt.

Runs on the tickets worker. Every step is journalled before the call that follows it (see
kiosk/journal/store.py for the order and why): reserve with the entry's own ticket key, print the
ticket (or show it as a virtual ticket flagged for the help desk: a paying citizen never leaves
empty-handed because of paper), print the receipt, confirm. If no ticket can be given, the
payment is flagged for refund at the central before the citizen is told.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from kiosk.api.errors import CentralError, CentralRejected
from kiosk.contract import Ticket, TicketReserveRequest
from kiosk.contract.tickets import ConfirmMode
from kiosk.journal import Journal, JournalStep
from kiosk.journal.reconcile import REFUND_REASON
from kiosk.printing.layouts import ReceiptPrintData, receipt

from .numbering import TicketNumbering

if TYPE_CHECKING:
    from kiosk.payments.view import PaymentView
    from kiosk.printing.document import Document

log = logging.getLogger(__name__)


class PaidTicketError(RuntimeError):
    def __init__(self, user_message_key: str, detail: str) -> None:
        super().__init__(detail)
        self.user_message_key = user_message_key


class RefundRequests(Protocol):
    """What flags a refund at the central (a CentralClient)."""

    def request_refund(self, payment_id: str, reason: str) -> object: ...


class PaidIssuing:
    def __init__(self, journal: Journal, numbering: TicketNumbering, refunds: RefundRequests, terminal_id: str) -> None:
        self._journal = journal
        self._numbering = numbering
        self._refunds = refunds
        self._terminal_id = terminal_id

    def issue(
        self,
        payment: PaymentView,
        reserve: TicketReserveRequest,
        print_ticket: Callable[[Ticket, bool], tuple[str, Document, bytes | None]],
        print_receipt: Callable[[Document], str],
        receipt_data: Callable[[Ticket], ReceiptPrintData],
    ) -> tuple[Ticket, ConfirmMode, Document, bytes | None, bool]:
        """-> (ticket, delivery, document, png, confirmed). ``print_ticket(ticket, virtual)``
        returns (outcome, document, png); ``print_receipt(document)`` the printer's outcome."""
        entry = self._journal.get(payment.entry_id)
        if entry.finished or entry.step is not JournalStep.PAID_SEEN or not payment.paid:
            raise PaidTicketError("payment.not_open", f"journal entry is at {entry.step.value}/{entry.outcome}")
        try:
            ticket = self._numbering.reserve(reserve, entry.ticket_key)
        except CentralError as exc:
            self._refund(entry.id, entry.charge_id())
            raise PaidTicketError("payment.refund_flagged", f"reserve failed: {exc}") from exc
        self._journal.record(entry.id, JournalStep.TICKET_RESERVED, ticket_id=ticket.id, ticket_number=ticket.number)
        outcome, document, png = print_ticket(ticket, False)
        delivery: ConfirmMode = "printed"
        if outcome != "printed":
            delivery = "virtual"
            outcome, document, png = print_ticket(ticket, True)
        self._journal.record(entry.id, JournalStep.TICKET_PRINTED, delivery=delivery)
        receipt_state = "skipped"
        if delivery == "printed":
            receipt_state = print_receipt(receipt(receipt_data(ticket)))
        self._journal.record(entry.id, JournalStep.RECEIPT_PRINTED, receipt=receipt_state)
        confirmed = self._confirm(entry.id, ticket, delivery, entry.charge_id())
        return confirmed or ticket, delivery, document, png, confirmed is not None

    def _confirm(self, entry_id: str, ticket: Ticket, delivery: ConfirmMode, payment_id: str) -> Ticket | None:
        try:
            confirmed = self._numbering.confirm(ticket.id, delivery)
        except CentralRejected as exc:
            log.error("paid ticket %s refused at confirm (%s): refund flagged", ticket.number, exc.code)
            self._refund(entry_id, payment_id)
            return None
        except CentralError as exc:
            # Owed: the entry stays at receipt_printed; reconciliation confirms it once the central answers.
            log.warning("confirm of paid ticket %s not acknowledged yet: %s", ticket.number, exc)
            self._journal.release(entry_id)
            return None
        self._journal.finish(entry_id, JournalStep.CONFIRMED, "confirmed")
        return confirmed

    def _refund(self, entry_id: str, payment_id: str) -> None:
        self._journal.record(entry_id, JournalStep.REFUND_REQUESTED)
        try:
            self._refunds.request_refund(payment_id, REFUND_REASON)
        except CentralError as exc:
            log.warning("refund request not acknowledged yet (%s); reconciliation resends it", exc)
            self._journal.release(entry_id)
            return
        self._journal.finish(entry_id, JournalStep.REFUND_REQUESTED, "refund_flagged")

    def give_up(self, payment: PaymentView, reason: str) -> None:
        """A kiosk error after the payment: give the number back if one was reserved, and refund."""
        entry = self._journal.get(payment.entry_id)
        if entry.finished:
            return
        if entry.step is JournalStep.TICKET_RESERVED and entry.ticket_id:
            try:
                self._numbering.fail(entry.ticket_id, reason)
            except CentralError:
                pass  # unconfirmed, it lapses
        if entry.step in (JournalStep.PAID_SEEN, JournalStep.TICKET_RESERVED):
            self._refund(entry.id, entry.charge_id())
        else:
            self._journal.release(entry.id)  # printed: reconciliation confirms it
