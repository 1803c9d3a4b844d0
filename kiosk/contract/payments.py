"""QRIS payments through the central (the kiosk holds no gateway keys).

create (Idempotency-Key) -> show the QR -> poll status; on timeout: cancel, then read the status
once more (a payment can land just before the cancel: cancel answers with the payment as it is,
so "paid" after a cancel means paid). A citizen who paid but got no ticket -> refund request.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from kiosk.contract.base import RequestModel, ResponseModel, WireInt

PaymentStatus = Literal["pending", "paid", "expired", "cancelled", "refund_requested"]
"""pending: QR shown, not paid yet; paid: money received; expired: not paid in time;
cancelled: the kiosk cancelled it unpaid; refund_requested: paid, and the kiosk asked for the
money to be returned (no ticket could be issued)."""


class PaymentCreateRequest(RequestModel):
    """Body of POST /v1/payments (the Idempotency-Key goes in a header)."""

    service_id: str = Field(min_length=1, max_length=64)
    """The service whose fee is paid."""
    amount_idr: WireInt = Field(gt=0, le=1_000_000_000_000)
    """Amount in rupiah; must equal the service's fee in the catalogue."""
    ticket_id: str | None = None
    """Ticket this payment is for, when it was reserved first."""


class Payment(ResponseModel):
    """A QRIS payment as the central knows it."""

    id: str
    """Payment UUID."""
    service_id: str
    """The service whose fee is paid."""
    amount_idr: int = Field(gt=0)
    """Amount in rupiah (also in the QR's tag 54)."""
    status: PaymentStatus
    """Where the payment is in its life."""
    qris_payload: str = Field(min_length=20, max_length=512)
    """EMVCo merchant-presented QR string (dynamic QRIS) to render as the QR code; validate it
    (TLV structure, tag 54 = amount, CRC-16/CCITT-FALSE in tag 63) before showing it."""
    reference: str
    """Bill number inside the QR (tag 62.01) and on the receipt."""
    created_at: AwareDatetime
    """When the payment was created."""
    expires_at: AwareDatetime
    """A payment still pending after this instant expires; the QR stops working."""
    paid_at: AwareDatetime | None = None
    """When the money arrived."""
    terminal_id: str
    """Terminal that created the payment."""
    ticket_id: str | None = None
    """Ticket the payment is for, if given."""
    refund_reason: str | None = None
    """Reason given with the refund request."""


class PaymentRefundRequest(RequestModel):
    """Body of POST /v1/payments/{id}/refund."""

    reason: str = Field(min_length=1, max_length=200)
    """Short technical reason, e.g. "ticket could not be issued" (no personal data)."""
