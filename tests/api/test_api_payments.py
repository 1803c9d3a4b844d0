"""QRIS payments end to end: create, validate the QR string, pay, cancel, refund."""

import binascii
import uuid

import pytest

from kiosk.api import CentralRejected
from kiosk.contract import PaymentCreateRequest


def parse_tlv(payload: str) -> dict[str, str]:
    """Independent EMVCo TLV reader for the test (ID, 2-digit length, value)."""
    out, i = {}, 0
    while i < len(payload):
        tag, length = payload[i : i + 2], int(payload[i + 2 : i + 4])
        out[tag] = payload[i + 4 : i + 4 + length]
        assert len(out[tag]) == length, f"tag {tag} truncated"
        i += 4 + length
    return out


def test_payment_carries_a_valid_dynamic_qris(client):
    payment = client.create_payment(
        PaymentCreateRequest(service_id="paspor-biasa", amount_idr=350000), str(uuid.uuid4())
    )
    assert payment.status == "pending" and payment.amount_idr == 350000
    fields = parse_tlv(payment.qris_payload)
    assert fields["00"] == "01" and fields["01"] == "12"  # dynamic QR
    assert (fields["53"], fields["54"], fields["58"]) == ("360", "350000", "ID")
    assert parse_tlv(fields["62"])["01"] == payment.reference
    assert "ID.CO.QRIS.WWW" in fields["51"]
    body, crc = payment.qris_payload[:-4], payment.qris_payload[-4:]
    assert body.endswith("6304")
    assert crc == f"{binascii.crc_hqx(body.encode(), 0xFFFF):04X}"  # CRC-16/CCITT-FALSE
    assert payment.expires_at > payment.created_at


def test_create_is_idempotent_per_key(client):
    key = str(uuid.uuid4())
    req = PaymentCreateRequest(service_id="skck-baru", amount_idr=30000)
    assert client.create_payment(req, key).id == client.create_payment(req, key).id
    with pytest.raises(CentralRejected) as exc:
        client.create_payment(PaymentCreateRequest(service_id="skck-perpanjang", amount_idr=30000), key)
    assert exc.value.code == "idempotency_conflict"


def test_amount_must_match_the_fee_and_free_services_take_no_payment(client):
    with pytest.raises(CentralRejected) as exc:
        client.create_payment(PaymentCreateRequest(service_id="skck-baru", amount_idr=25000), str(uuid.uuid4()))
    assert (exc.value.status, exc.value.code) == (409, "amount_mismatch")
    with pytest.raises(CentralRejected) as exc:
        client.create_payment(PaymentCreateRequest(service_id="ktp-el", amount_idr=1000), str(uuid.uuid4()))
    assert exc.value.code == "no_fee"


def test_paid_then_cancel_reports_paid_and_refund_is_idempotent(client, faults):
    payment = client.create_payment(
        PaymentCreateRequest(service_id="cek-sertifikat", amount_idr=50000), str(uuid.uuid4())
    )
    faults.pay(payment.id)
    paid = client.get_payment(payment.id)
    assert paid.status == "paid" and paid.paid_at is not None
    assert client.cancel_payment(payment.id).status == "paid"  # landed before the cancel
    refund = client.request_refund(payment.id, "ticket could not be issued")
    assert (refund.status, refund.refund_reason) == ("refund_requested", "ticket could not be issued")
    assert client.request_refund(payment.id, "ticket could not be issued").status == "refund_requested"


def test_cancel_pending_and_no_refund_for_unpaid(client):
    payment = client.create_payment(PaymentCreateRequest(service_id="e-paspor", amount_idr=650000), str(uuid.uuid4()))
    assert client.cancel_payment(payment.id).status == "cancelled"
    assert client.cancel_payment(payment.id).status == "cancelled"
    with pytest.raises(CentralRejected) as exc:
        client.request_refund(payment.id, "nothing to refund")
    assert (exc.value.status, exc.value.code) == (409, "not_paid")
