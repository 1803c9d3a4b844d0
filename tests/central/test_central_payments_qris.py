"""The reference central as an acquirer, judged by the kiosk's own QRIS validator: every payload
it hands out is a valid dynamic QRIS for the fee with the merchant's NMID; creation is idempotent
per key; a payment that expired can no longer be paid; a refund needs a paid payment."""

import uuid

import pytest
import requests

from central.testing import Faults, SettableClock, utc
from kiosk.api.errors import CentralRejected
from kiosk.contract import PaymentCreateRequest
from kiosk.payments.qris import validate_dynamic_qris


@pytest.mark.parametrize("service_id,fee", [("skck-baru", 30000), ("paspor-biasa", 350000), ("e-paspor", 650000)])
def test_payloads_are_valid_dynamic_qris_with_the_nmid(make_central, client_factory, service_id, fee):
    client = client_factory(make_central())
    key = str(uuid.uuid4())
    payment = client.create_payment(PaymentCreateRequest(service_id=service_id, amount_idr=fee), key)
    parsed = validate_dynamic_qris(payment.qris_payload, fee, expected_nmid="ID1026000000001")
    assert parsed.bill_number == payment.reference and parsed.merchant_name
    again = client.create_payment(PaymentCreateRequest(service_id=service_id, amount_idr=fee), key)
    assert again.id == payment.id and again.qris_payload == payment.qris_payload


def test_expired_payment_cannot_be_paid_and_unpaid_cannot_be_refunded(make_central, client_factory):
    clock = SettableClock(utc(2026, 11, 27, 3, 0, 0))
    central = make_central(clock=clock, payment_ttl_s=60)
    client = client_factory(central)
    payment = client.create_payment(PaymentCreateRequest(service_id="skck-baru", amount_idr=30000), str(uuid.uuid4()))
    clock.advance(61)
    with pytest.raises(requests.HTTPError):
        Faults(central.url).pay(payment.id)  # 409 not_pending: the QR no longer works
    assert client.get_payment(payment.id).status == "expired"
    with pytest.raises(CentralRejected) as err:
        client.request_refund(payment.id, "test")
    assert err.value.code == "not_paid"
