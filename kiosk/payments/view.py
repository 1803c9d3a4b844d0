"""What the citizen's screen knows about their payment: immutable snapshots, one per change."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, TypedDict, Unpack

PaymentState = Literal["creating", "waiting", "checking", "paid", "expired", "cancelled", "failed", "unknown"]
"""creating: asking the central for a QR; waiting: QR on screen; checking: the connection is lost,
the kiosk keeps asking; paid: money received; expired: time ran out unpaid (checked once more);
cancelled: the citizen cancelled, unpaid; failed: no QR could be shown (nothing was charged);
unknown: the outcome could not be learnt in time (the journal settles it later; refund if paid)."""

CLOSED_STATES = frozenset({"expired", "cancelled", "failed", "unknown"})


class QrShown(TypedDict, total=False):
    """The validated QR and its merchant, once there is one to show."""

    qris_payload: str
    merchant_name: str
    merchant_city: str


class ViewChanges(QrShown, total=False):
    """What changes from one snapshot to the next (``PaymentView.with_``)."""

    state: PaymentState
    payment_id: str | None
    reference: str | None
    expires_at: datetime | None
    seconds_left: int | None
    message_key: str | None
    paid_at: datetime | None
    cancelling: bool


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

    def with_(self, **changes: Unpack[ViewChanges]) -> PaymentView:
        return replace(self, **changes)
