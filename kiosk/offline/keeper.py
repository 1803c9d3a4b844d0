"""The lease keeper: on its own thread, while the central answers, it measures the clock skew,
sends the offline outbox, keeps a lease with numbers left for every walk-in service offered, and
gives back what is left of leases whose day is over.

Everything it asks for is idempotent: a grant's key is written down before it is sent (a retry
after a lost answer or a restart gets the same lease), a resent outbox batch is answered
"duplicate", a repeated release is a no-op. So a network cut at any point costs a retry, never a
duplicate number or a lost ticket.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.api.errors import CentralError, CentralProtocolError, CentralRejected
from kiosk.contract import LeaseRequest, OfflineTicket, OfflineTicketBatch, Service

from .ledger import OfflineLedger

if TYPE_CHECKING:
    from kiosk.api.client import CentralClient
    from kiosk.api.connectivity import ConnectivityMonitor

log = logging.getLogger(__name__)

OUTBOX_BATCH = 100
LOW_WATER_MIN = 3  # renew below this many numbers left, or below LOW_WATER_SHARE of the lease
LOW_WATER_SHARE = 0.3
MAX_USABLE_LEASES = 2  # per service: the current one and its successor


class OfflineOutbox:
    """Sends tickets issued offline, oldest first, in batches; each batch is marked sent only
    once the central answered it."""

    def __init__(self, ledger: OfflineLedger, client: CentralClient, batch: int = OUTBOX_BATCH) -> None:
        self.ledger = ledger
        self.client = client
        self.batch = batch

    def sync(self) -> int:
        """Send everything sendable now; returns how many tickets the central took (raises
        ``CentralError`` when it cannot be reached: what was not acknowledged is sent again)."""
        sent = 0
        while records := self.ledger.outbox(self.batch):
            tickets = [
                OfflineTicket(
                    id=r.id,
                    lease_id=r.lease_id,
                    sequence=r.sequence,
                    service_id=r.service_id,
                    priority=r.priority,  # type: ignore[arg-type]  # written from a Priority
                    language=r.language,  # type: ignore[arg-type]
                    issued_at=r.issued_at,
                    clock_skew_s=r.clock_skew_s,
                    # Unknown delivery (the kiosk died while printing): the citizen may hold the
                    # ticket, so it is queued. A no-show costs a call; a lost citizen costs more.
                    delivery=r.delivery or "printed",  # type: ignore[arg-type]
                )
                for r in records
            ]
            ack = self.client.post_offline_tickets(OfflineTicketBatch(tickets=tickets))
            outcomes: dict[str, str | None] = {}
            for record, result in zip(records, ack.results, strict=False):
                if result.sequence != record.sequence:
                    raise CentralProtocolError("POST /v1/offline-tickets: the answer is for other tickets")
                if result.outcome == "refused":
                    # Not queued, and resending cannot change that: kept for the help desk.
                    log.error("offline ticket %s refused by the central: %s", record.number, result.code)
                outcomes[record.id] = (result.code or "refused") if result.outcome == "refused" else None
            self.ledger.mark_sent(outcomes)
            sent += sum(1 for v in outcomes.values() if v is None)
            if len(outcomes) < len(records):
                break  # a short answer: the rest goes next time
        return sent


class LeaseKeeper:
    def __init__(
        self,
        ledger: OfflineLedger,
        client: CentralClient,
        services: Callable[[], list[Service]],
        monitor: ConnectivityMonitor,
        *,
        interval_s: float = 30.0,
    ) -> None:
        self.ledger = ledger
        self.client = client
        self.outbox = OfflineOutbox(ledger, client)
        self.services = services
        self._monitor = monitor
        self._interval_s = interval_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        monitor.add_listener(lambda online: self._wake.set() if online else None)

    # ---- thread ------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._monitor.online:
                try:
                    self.run_once()
                except CentralError as exc:
                    log.info("lease keeper: central not answering (%s)", exc)
                except Exception:
                    log.exception("lease keeper round failed")
            self._wake.wait(self._interval_s)
            self._wake.clear()

    # ---- one round -----------------------------------------------------------------------------
    def run_once(self) -> None:
        self.measure_skew()
        self.outbox.sync()
        for service in self.services():
            self.ensure_lease(service.id)
        self.release_finished()

    def measure_skew(self) -> float:
        before = self.ledger.clock()
        server = self.client.get_time().now
        after = self.ledger.clock()
        skew = (server - (before + (after - before) / 2)).total_seconds()
        self.ledger.set_skew(skew)
        return skew

    def ensure_lease(self, service_id: str) -> None:
        usable = self.ledger.usable(service_id)
        left = sum(lease.remaining for lease in usable)
        size = usable[-1].size if usable else 0
        if usable and (
            left >= max(LOW_WATER_MIN, math.ceil(LOW_WATER_SHARE * size)) or len(usable) >= MAX_USABLE_LEASES
        ):
            return
        lease = self.client.grant_lease(LeaseRequest(service_id=service_id), self.ledger.grant_key(service_id))
        self.ledger.add_lease(lease)
        log.info("lease %s-%03d..%03d held", lease.prefix, lease.first_sequence, lease.last_sequence)

    def release_finished(self) -> None:
        """Give back the unused numbers of leases whose day is over, once their tickets are sent."""
        now = self.ledger.central_now()
        pending = {r.lease_id for r in self.ledger.records() if r.sync == "pending"}
        for lease in self.ledger.leases():
            if lease.released or now < lease.expires_at or lease.id in pending:
                continue
            if lease.remaining:
                try:
                    self.client.release_lease(lease.id, lease.next_seq)
                except CentralRejected as exc:
                    log.warning("release of lease %s refused (%s)", lease.id, exc.code)
            self.ledger.mark_released(lease.id)
