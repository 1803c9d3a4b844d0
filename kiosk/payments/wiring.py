"""Builds the payment parts for ``KioskRuntime`` (kept here so assembly.py only gains a few lines)."""

from __future__ import annotations

from typing import Any

from kiosk.api.client import CentralClient
from kiosk.journal import Journal
from kiosk.tickets.numbering import CentralNumbering
from kiosk.tickets.paid import PaidIssuing

from .service import PaymentService


def build_payments(config: Any, token: str | None, monitor: Any, tickets_client: CentralClient):
    """-> (journal, payment service or None, paid issuing or None) for a KioskConfig."""
    journal = Journal(config.data.directory / "journal.sqlite3")
    if not config.payments.enabled:
        return journal, None, None
    # retries=0: the payment service paces its own retries (with the same Idempotency-Key) and
    # must stay free to react to a cancel tap instead of sleeping inside the HTTP client.
    settings = config.central.model_copy(update={"retries": 0})
    client = CentralClient(settings, token, monitor=monitor)
    service = PaymentService(client, journal, config.payments)
    service.client = client  # closed with the service by the runtime
    paid = PaidIssuing(journal, CentralNumbering(tickets_client), tickets_client, config.central.terminal_id)
    return journal, service, paid


def close_payments(journal: Journal, service: PaymentService | None) -> None:
    if service is not None:
        service.client.close()
        service.close()
    journal.close()
