"""Builds the payment parts for ``KioskRuntime`` (kept here so assembly.py only gains a few lines)."""

from __future__ import annotations

from kiosk.api.client import CentralClient
from kiosk.api.connectivity import ConnectivityMonitor
from kiosk.config.models import KioskConfig
from kiosk.journal import Journal
from kiosk.tickets.numbering import CentralNumbering
from kiosk.tickets.paid import PaidIssuing

from .service import PaymentService


def build_payments(
    config: KioskConfig, token: str | None, monitor: ConnectivityMonitor, tickets_client: CentralClient
) -> tuple[Journal, PaymentService | None, PaidIssuing | None]:
    """The journal, and the payment service and paid issuing when payments are enabled."""
    journal = Journal(config.data.directory / "journal.sqlite3")
    if not config.payments.enabled:
        return journal, None, None
    # retries=0: the payment service paces its own retries (with the same Idempotency-Key) and
    # must stay free to react to a cancel tap instead of sleeping inside the HTTP client.
    settings = config.central.model_copy(update={"retries": 0})
    client = CentralClient(settings, token, monitor=monitor)
    service = PaymentService(client, journal, config.payments)
    paid = PaidIssuing(journal, CentralNumbering(tickets_client), tickets_client, config.central.terminal_id)
    return journal, service, paid


def close_payments(journal: Journal, service: PaymentService | None) -> None:
    if service is not None:
        service.client.close()
        service.close()
    journal.close()
