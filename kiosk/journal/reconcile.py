"""Brings every unfinished journal entry to an outcome, with the central's help.

Runs at start and whenever the central answers again; skips entries this process is still
following (``Journal.is_live``). What is done depends only on the last durable step, because a
kill can land between any step and the call after it:

====================  ==========================================================================
last step             what may have happened / what reconciliation does
====================  ==========================================================================
charge_requested      the POST may or may not have reached the central: replay it with the same
                      Idempotency-Key (same payment, or a fresh one nobody saw), then as below
charge_created        the citizen has gone: cancel. The cancel answers the payment as it is; if
                      it says "paid" (money landed first) -> refund, else closed
paid_seen             paid, no ticket was printed: refund (a reservation made with the entry's
                      ticket key is never confirmed, so it lapses: never called)
ticket_reserved       the ticket may not be in anyone's hand: give the number back (/fail), refund
ticket_printed,       the citizen holds the ticket: confirm it (delivery as journalled); if the
receipt_printed       central refuses (the reservation lapsed) -> refund
refund_requested      send the refund request again (idempotent)
====================  ==========================================================================

A call that fails for want of a network leaves the entry as it is for the next round.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

from kiosk.api.errors import CentralError, CentralRejected
from kiosk.contract import PaymentCreateRequest
from kiosk.tickets.numbering import as_confirm_mode

from .store import Entry, Journal, JournalStep

if TYPE_CHECKING:
    from kiosk.api.client import CentralClient

log = logging.getLogger(__name__)

REFUND_REASON = "kiosk: paid but no ticket was issued"


class Reconciler:
    def __init__(self, journal: Journal, client: CentralClient) -> None:
        self._journal = journal
        self._client = client

    def run(self) -> Counter[str]:
        """One pass over the unfinished entries; returns outcome counts (and "deferred")."""
        counts: Counter[str] = Counter()
        for entry in self._journal.unfinished():
            if self._journal.is_live(entry.id):
                continue
            try:
                counts[self.settle(entry)] += 1
            except CentralError as exc:
                log.warning("journal entry %s (%s) not settled yet: %s", entry.id, entry.step.value, exc)
                counts["deferred"] += 1
        if counts:
            log.info("journal reconciliation: %s", dict(counts))
        return counts

    def settle(self, entry: Entry) -> str:
        step = entry.step
        if step is JournalStep.CHARGE_REQUESTED:
            payment = self._client.create_payment(
                PaymentCreateRequest(service_id=entry.service_id, amount_idr=entry.amount_idr), entry.id
            )
            self._journal.record(
                entry.id, JournalStep.CHARGE_CREATED, payment_id=payment.id, reference=payment.reference
            )
            return self.settle(self._journal.get(entry.id))
        if step is JournalStep.CHARGE_CREATED:
            payment = self._client.cancel_payment(entry.charge_id())
            if payment.status in ("paid", "refund_requested"):
                self._journal.record(entry.id, JournalStep.PAID_SEEN)
                return self._refund(entry)
            self._journal.finish(entry.id, JournalStep.CLOSED, "closed")
            return "closed"
        if step is JournalStep.PAID_SEEN:
            return self._refund(entry)
        if step is JournalStep.TICKET_RESERVED:
            try:
                self._client.fail_ticket(entry.reserved_ticket_id(), "kiosk restarted before the ticket was printed")
            except CentralRejected as exc:  # already lapsed or failed: it will not be called either way
                log.info("ticket %s not given back (%s): it lapses", entry.ticket_number, exc.code)
            return self._refund(entry)
        if step in (JournalStep.TICKET_PRINTED, JournalStep.RECEIPT_PRINTED):
            try:
                self._client.confirm_ticket(entry.reserved_ticket_id(), as_confirm_mode(entry.delivery))
            except CentralRejected as exc:
                log.error("paid ticket %s refused at confirm (%s): refund", entry.ticket_number, exc.code)
                return self._refund(entry)
            self._journal.finish(entry.id, JournalStep.CONFIRMED, "confirmed")
            return "confirmed"
        if step is JournalStep.REFUND_REQUESTED:
            return self._refund(entry)
        raise ValueError(f"entry {entry.id} at {step.value} has no outcome")  # pragma: no cover

    def _refund(self, entry: Entry) -> str:
        self._journal.record(entry.id, JournalStep.REFUND_REQUESTED)
        self._client.request_refund(entry.charge_id(), REFUND_REASON)
        self._journal.finish(entry.id, JournalStep.REFUND_REQUESTED, "refund_flagged")
        return "refund_flagged"
