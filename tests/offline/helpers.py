"""The kiosk core's offline parts, wired as the runtime wires them, for the offline tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.api import CentralClient, CentralSettings
from kiosk.api.connectivity import ConnectivityMonitor
from kiosk.devices.printer.service import PrinterService
from kiosk.devices.printer.settings import PrinterSettings
from kiosk.flow.ports import IssueRequest
from kiosk.offline.keeper import LeaseKeeper
from kiosk.offline.ledger import OfflineLedger
from kiosk.offline.numbering import FailoverNumbering, LeaseNumbering, issuable_offline
from kiosk.tickets.issuer import TicketIssuer
from kiosk.tickets.numbering import CentralNumbering
from kiosk.tickets.pending import PendingConfirmations


class Kiosk:
    """The kiosk core's offline parts, wired as the runtime wires them."""

    def __init__(self, url: str, data: Path, clock: Callable[[], datetime], terminal: str, token: str) -> None:
        self.terminal = terminal
        settings = CentralSettings(base_url=url, terminal_id=terminal, retries=0, read_timeout_s=2, connect_timeout_s=1)
        self.monitor = ConnectivityMonitor(1)
        self.client = CentralClient(settings, token, monitor=self.monitor)
        self.ledger = OfflineLedger(data / "journal.sqlite3", clock=clock)
        self.catalog = self.client.get_catalog()
        self.services = [s for s in self.catalog.services if issuable_offline(s)]
        self.keeper = LeaseKeeper(self.ledger, self.client, lambda: self.services, self.monitor)
        self.leases = LeaseNumbering(self.ledger, lambda: self.catalog, lambda: {}, terminal, url)
        self.numbering = FailoverNumbering(CentralNumbering(self.client), self.leases, self.monitor)
        self.printer = PrinterService(PrinterSettings(backend="virtual"))
        self.pending = PendingConfirmations(data / "pending.sqlite3")
        self.issuer = TicketIssuer(
            self.numbering, self.printer, lambda: self.catalog, terminal, self.pending, on_print_fault="virtual_ticket"
        )

    def issue(self, service_id: str):
        request = IssueRequest(session_id=1, service_id=service_id, priority="none", language="id")
        return self.issuer.issue(request).result(timeout=20)

    def close(self) -> None:
        self.issuer.close(), self.printer.close(), self.pending.close(), self.client.close(), self.ledger.close()
