"""Payment expiry and demo autopay with an injected clock; the QRIS CRC against a known vector."""

import uuid

from central.qris import crc16_ccitt_false
from central.testing import SettableClock, utc
from kiosk.contract import PaymentCreateRequest


def test_crc16_ccitt_false_check_value():
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_pending_payment_expires(make_central, client_factory):
    clock = SettableClock(utc(2026, 11, 27, 3, 0, 0))
    client = client_factory(make_central(clock=clock, payment_ttl_s=300))
    payment = client.create_payment(PaymentCreateRequest(service_id="skck-baru", amount_idr=30000), str(uuid.uuid4()))
    clock.advance(299)
    assert client.get_payment(payment.id).status == "pending"
    clock.advance(1)
    assert client.get_payment(payment.id).status == "expired"
    assert client.cancel_payment(payment.id).status == "expired"


def test_autopay_pays_before_expiry(make_central, client_factory):
    clock = SettableClock(utc(2026, 11, 27, 3, 0, 0))
    client = client_factory(make_central(clock=clock, payment_ttl_s=300, payment_autopay_s=5))
    payment = client.create_payment(PaymentCreateRequest(service_id="skck-baru", amount_idr=30000), str(uuid.uuid4()))
    clock.advance(4)
    assert client.get_payment(payment.id).status == "pending"
    clock.advance(1000)  # read long after: paid at creation + 5 s, not expired
    paid = client.get_payment(payment.id)
    assert paid.status == "paid" and paid.paid_at == utc(2026, 11, 27, 3, 0, 5)
