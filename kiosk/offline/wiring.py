"""How the runtime builds the offline parts: the ledger in the journal file, the lease keeper on
its own thread and HTTP session, and the failover numbering the issuer holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.api.client import CentralClient
from kiosk.tickets.numbering import CentralNumbering

from .keeper import LeaseKeeper
from .ledger import OfflineLedger
from .numbering import FailoverNumbering, LeaseNumbering, issuable_offline

if TYPE_CHECKING:
    from kiosk.api.connectivity import ConnectivityMonitor
    from kiosk.config.models import KioskConfig
    from kiosk.contract import Service
    from kiosk.flow.status import KioskStatus


@dataclass
class OfflineParts:
    ledger: OfflineLedger
    leases: LeaseNumbering
    keeper: LeaseKeeper
    client: CentralClient

    def leased_services(self) -> frozenset[str]:
        """Services with leased numbers left now (the flow offers these while offline)."""
        return frozenset(s.id for s in self.keeper.services() if self.ledger.numbers_left(s.id) > 0)

    def close(self) -> None:
        self.client.close()  # ends a call in flight, so the keeper's thread can stop
        self.keeper.stop()
        self.ledger.close()


def build_offline(
    config: KioskConfig,
    token: str | None,
    monitor: ConnectivityMonitor,
    tickets_client: CentralClient,
    status: Callable[[], KioskStatus],
) -> tuple[OfflineParts, FailoverNumbering]:
    ledger = OfflineLedger(config.data.directory / "journal.sqlite3")

    def services() -> list[Service]:
        catalog = status().catalog
        return [s for s in catalog.services if issuable_offline(s)] if catalog is not None else []

    leases = LeaseNumbering(
        ledger,
        catalog=lambda: status().catalog,
        queues=lambda: status().queues,
        terminal_id=config.central.terminal_id,
        track_base=config.central.base_url,
    )
    client = CentralClient(config.central, token, monitor=monitor)
    keeper = LeaseKeeper(ledger, client, services, monitor)
    numbering = FailoverNumbering(CentralNumbering(tickets_client), leases, monitor)
    return OfflineParts(ledger, leases, keeper, client), numbering
