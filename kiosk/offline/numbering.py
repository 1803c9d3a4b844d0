"""Numbers from the kiosk's leases, and the numbering that switches to them in an outage.

``LeaseNumbering`` is the second implementation of ``TicketNumbering`` that numbering.py was kept
for: "reserve" records the next leased number durably (before anything is printed), "confirm" and
"fail" record how the ticket reached the citizen. ``FailoverNumbering`` is what the issuer holds:
the central while it answers, the leases when the connectivity monitor says it does not, or when a
reservation cannot reach it. Falling back after a failed reservation is safe: if that request did
reach the central, its number is never confirmed, lapses and is never called.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kiosk.api.errors import CentralUnavailable
from kiosk.contract import Catalog, QueueStatus, Service, Ticket, TicketReserveRequest
from kiosk.contract.tickets import ConfirmMode, TicketStatus

from .ledger import HeldLease, NoLeasedNumber, OfflineLedger, OfflineRecord

if TYPE_CHECKING:
    from kiosk.api.connectivity import ConnectivityMonitor
    from kiosk.tickets.numbering import TicketNumbering

log = logging.getLogger(__name__)

_STATUS: dict[str | None, TicketStatus] = {
    None: "reserved",
    "printed": "confirmed",
    "virtual": "virtual",
    "failed": "failed",
}


def issuable_offline(service: Service) -> bool:
    """Walk-in services a kiosk can issue without the central: no fee (QRIS needs the central) and
    no identity check that must be looked up there."""
    return service.enabled and service.fee_idr == 0 and service.identity != "required"


class OfflineUnavailable(CentralUnavailable):
    """The central is away and this ticket cannot come from a lease (what is refused, and why)."""

    user_message_key = "central.offline_unavailable"  # the problem screen says what still works


class LeaseNumbering:
    def __init__(
        self,
        ledger: OfflineLedger,
        catalog: Callable[[], Catalog | None],
        queues: Callable[[], Mapping[str, QueueStatus]],
        terminal_id: str,
        track_base: str,
    ) -> None:
        self.ledger = ledger
        self._catalog = catalog
        self._queues = queues
        self._terminal_id = terminal_id
        self._track_base = track_base.rstrip("/")

    def can_issue(self, service_id: str) -> bool:
        return self.ledger.numbers_left(service_id) > 0

    def reserve(self, request: TicketReserveRequest, idempotency_key: str) -> Ticket:
        service = self._service(request.service_id)
        if not issuable_offline(service):
            raise OfflineUnavailable(f"{service.id} needs the central (fee or identity check)")
        try:
            record, lease = self.ledger.take(service.id, request.priority, request.language)
        except NoLeasedNumber as exc:
            raise OfflineUnavailable(str(exc)) from None
        log.info("offline ticket %s recorded", record.number)
        return self._ticket(record, lease, service)

    def confirm(self, ticket_id: str, mode: ConfirmMode) -> Ticket:
        self.ledger.deliver(ticket_id, mode)
        return self.ticket(ticket_id)

    def fail(self, ticket_id: str, reason: str) -> Ticket:
        log.info("offline ticket not delivered (%s): its number will not be called", reason[:80])
        self.ledger.deliver(ticket_id, "failed")
        return self.ticket(ticket_id)

    def owns(self, ticket_id: str) -> bool:
        return self.ledger.owns(ticket_id)

    def ticket(self, ticket_id: str) -> Ticket:
        record = self.ledger.get(ticket_id)
        lease = next(lease for lease in self.ledger.leases(record.service_id) if lease.id == record.lease_id)
        return self._ticket(record, lease, self._service(record.service_id))

    def _service(self, service_id: str) -> Service:
        catalog = self._catalog()
        if catalog is None:
            raise OfflineUnavailable("no catalogue loaded")
        return catalog.service(service_id)

    def _ticket(self, record: OfflineRecord, lease: HeldLease, service: Service) -> Ticket:
        # The last figures the central gave, plus this kiosk's own offline tickets since: an
        # estimate (the queue also moved meanwhile), and the ticket says so.
        known = self._queues().get(service.id)
        others = max(0, self.ledger.unsent_count(service.id) - 1)
        ahead = (known.waiting if known else 0) + others
        base_wait = known.estimated_wait_minutes if known else 0
        wait = base_wait + math.ceil(others * service.avg_service_minutes / service.counters)
        return Ticket(
            id=record.id,
            number=record.number,
            service_id=service.id,
            sequence=record.sequence,
            business_date=date.fromisoformat(lease.business_date),
            status=_STATUS[record.delivery],
            reserved_at=record.issued_at + timedelta(seconds=record.clock_skew_s),
            reservation_expires_at=lease.expires_at,
            people_ahead=ahead,
            estimated_wait_minutes=wait,
            zone=service.zone,
            track_url=f"{(self.ledger.track_base() or self._track_base).rstrip('/')}/t/{record.id}",
            terminal_id=self._terminal_id,
            priority=record.priority,
            service_name=service.name,
            issued_offline=True,
        )


class FailoverNumbering:
    """The central while it answers; the leases while it does not."""

    def __init__(self, central: TicketNumbering, leases: LeaseNumbering, monitor: ConnectivityMonitor) -> None:
        self.central = central
        self.leases = leases
        self._monitor = monitor

    def reserve(self, request: TicketReserveRequest, idempotency_key: str) -> Ticket:
        if self._monitor.online:
            try:
                return self.central.reserve(request, idempotency_key)
            except CentralUnavailable as exc:
                if not self.leases.can_issue(request.service_id):
                    raise
                log.warning("reservation did not reach the central (%s): issuing from the lease", exc)
        return self.leases.reserve(request, idempotency_key)

    def confirm(self, ticket_id: str, mode: ConfirmMode) -> Ticket:
        if self.leases.owns(ticket_id):
            return self.leases.confirm(ticket_id, mode)
        return self.central.confirm(ticket_id, mode)

    def fail(self, ticket_id: str, reason: str) -> Ticket:
        if self.leases.owns(ticket_id):
            return self.leases.fail(ticket_id, reason)
        return self.central.fail(ticket_id, reason)
