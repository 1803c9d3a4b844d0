"""Offline issuing (issue 16), against the reference central over loopback HTTP:
- how fast a kiosk issues from its leases (the whole issuer with the virtual printer, and the bare
  durable record of a number: one synchronous SQLite transaction),
- how long the outbox takes to send 1,000 offline tickets when the central returns,
- duplicate and missing numbers at the central afterwards (both must be 0).
Run: python -m bench offline
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

THROUGH_ISSUER = 200
TOTAL = 1000


def _metric(name: str, value: float, unit: str, target: float | None = None, better: str = "lower") -> dict:
    return {"metric": name, "value": round(value, 3), "unit": unit, "target": target, "better": better}


def run() -> list[dict]:
    import uuid

    from central.cli import DEFAULT_CATALOG
    from central.server import start
    from central.testing import SettableClock
    from kiosk.api import CentralClient, CentralSettings
    from kiosk.api.connectivity import ConnectivityMonitor
    from kiosk.contract import LeaseRequest
    from kiosk.devices.printer.service import PrinterService
    from kiosk.devices.printer.settings import PrinterSettings
    from kiosk.flow.ports import IssueRequest
    from kiosk.offline.keeper import OfflineOutbox
    from kiosk.offline.ledger import OfflineLedger
    from kiosk.offline.numbering import FailoverNumbering, LeaseNumbering, issuable_offline
    from kiosk.tickets.issuer import TicketIssuer
    from kiosk.tickets.numbering import CentralNumbering
    from kiosk.tickets.pending import PendingConfirmations

    start_at = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)  # 10:00 WIB: a whole business day ahead
    terminal, token = "bench-offline-01", "bench-offline-token-0123456789"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        with start(
            data / "central.sqlite3", DEFAULT_CATALOG, {terminal: token}, clock=SettableClock(start_at)
        ) as central:
            client = CentralClient(CentralSettings(base_url=central.url, terminal_id=terminal), token)
            catalog = client.get_catalog()
            service = next(s for s in catalog.services if issuable_offline(s))
            ledger = OfflineLedger(data / "journal.sqlite3", clock=lambda: start_at)
            while sum(lease.remaining for lease in ledger.usable(service.id)) < TOTAL:
                ledger.add_lease(client.grant_lease(LeaseRequest(service_id=service.id), str(uuid.uuid4())))
            monitor = ConnectivityMonitor(1)
            monitor.record_failure()  # the central is away
            leases = LeaseNumbering(ledger, lambda: catalog, lambda: {}, terminal, central.url)
            printer = PrinterService(PrinterSettings(backend="virtual"))
            pending = PendingConfirmations(data / "pending.sqlite3")
            issuer = TicketIssuer(
                FailoverNumbering(CentralNumbering(client), leases, monitor),
                printer,
                lambda: catalog,
                terminal,
                pending,
                on_print_fault="virtual_ticket",
            )
            request = IssueRequest(session_id=1, service_id=service.id, priority="none", language="id")
            t0 = time.perf_counter()
            for _ in range(THROUGH_ISSUER):
                issuer.issue(request).result(timeout=30)
            issuer_rate = THROUGH_ISSUER / (time.perf_counter() - t0)
            issuer.close(), printer.close(), pending.close()

            t0 = time.perf_counter()
            for _ in range(TOTAL - THROUGH_ISSUER):
                record, _ = ledger.take(service.id, "none", "id")
                ledger.deliver(record.id, "printed")
            record_rate = (TOTAL - THROUGH_ISSUER) / (time.perf_counter() - t0)

            t0 = time.perf_counter()
            synced = OfflineOutbox(ledger, client).sync()
            sync_s = time.perf_counter() - t0
            with central.app.state.store.read() as conn:
                (dupes,) = conn.execute(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM tickets GROUP BY prefix, business_date, sequence"
                    " HAVING COUNT(*) > 1) d"
                ).fetchone()
                (held,) = conn.execute("SELECT COUNT(*) FROM tickets WHERE lease_id IS NOT NULL").fetchone()
            client.close(), ledger.close()
    return [
        _metric("offline_issue_rate_through_issuer", issuer_rate, "tickets/s", better="higher"),
        _metric("offline_number_record_rate", record_rate, "tickets/s", better="higher"),
        _metric("outbox_sync_1000_tickets", sync_s, "s"),
        _metric("offline_tickets_synced", synced, "tickets", target=TOTAL, better="higher"),
        _metric("offline_tickets_missing_at_central", TOTAL - held, "tickets", target=0),
        _metric("duplicate_numbers", dupes, "numbers", target=0),
    ]


if __name__ == "__main__":
    import json

    for fig in run():
        print(json.dumps(fig))
