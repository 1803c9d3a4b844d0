"""Connects the central's live stream (``kiosk.api.live``) to its listeners: the queue figures
(``CatalogSync``) and the QRIS payment wait (``PaymentService``). Kept out of assembly.py."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError

from kiosk.api.live import LiveStream
from kiosk.catalog.sync import CatalogSync
from kiosk.config.models import KioskConfig
from kiosk.contract import Payment
from kiosk.payments.service import PaymentService

log = logging.getLogger(__name__)


def build_live(
    config: KioskConfig, token: str | None, sync: CatalogSync, payments: PaymentService | None
) -> LiveStream:
    """The stream, with the pollers slowed while it is up (call before they start)."""

    def on_event(event: dict[str, Any]) -> None:
        # Runs on the stream's thread: only hand over; the services act on their own threads.
        if event.get("kind") == "payment":
            if payments is not None:
                try:
                    payment = Payment.model_validate(event.get("payment"))
                except ValidationError:
                    log.warning("live stream: a payment event that is not a Payment, ignored")
                    return
                payments.payment_pushed(payment)
            return
        sync.queues_changed()  # a snapshot (just connected) or a queue change

    def on_connected(up: bool) -> None:
        if payments is not None:
            payments.live_changed(up)

    stream = LiveStream(config.central, token, on_event, on_connected)
    sync.follow_live(lambda: stream.connected)
    if payments is not None:
        payments.follow_live(lambda: stream.connected)
    return stream
