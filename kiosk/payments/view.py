"""What the citizen's screen knows about their payment: immutable snapshots, one per change."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

PaymentState = Literal["creating", "waiting", "checking", "paid", "expired", "cancelled", "failed", "unknown"]
"""creating: asking the central for a QR; waiting: QR on screen; checking: the connection is lost,
the kiosk keeps asking; paid: money received; expired: time ran out unpaid (checked once more);
cancelled: the citizen cancelled, unpaid; failed: no QR could be shown (nothing was charged);
unknown: the outcome could not be learnt in time (the journal settles it later; refund if paid)."""

CLOSED_STATES = frozenset({"expired", "cancelled", "failed", "unknown"})


@dataclass(frozen=True)
class PaymentView:
    state: PaymentState
    session_id: int
    service_id: str
    amount_idr: int
    entry_id: str  # journal entry (and the payment's Idempotency-Key)
    payment_id: str | None = None
    reference: str | None = None
    qris_payload: str | None = None  # only ever set once validated
    merchant_name: str | None = None
    merchant_city: str | None = None
    expires_at: datetime | None = None  # central time, for the receipt and logs
    seconds_left: int | None = None  # countdown on the kiosk's monotonic clock
    message_key: str | None = None  # why it failed / what is happening, a translation key
    paid_at: datetime | None = None
    cancelling: bool = False

    @property
    def paid(self) -> bool:
        return self.state == "paid"

    @property
    def closed(self) -> bool:
        return self.state in CLOSED_STATES

    @property
    def showing_qr(self) -> bool:
        return self.qris_payload is not None and self.state in ("waiting", "checking")

    def with_(self, **changes: Any) -> "PaymentView":
        return replace(self, **changes)
