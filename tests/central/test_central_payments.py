"""Payment expiry and demo autopay with an injected clock, and their events on the kiosk's
stream; the QRIS CRC against a known vector."""

import uuid

import pytest

from central.qris import crc16_ccitt_false
from central.testing import TEST_TERMINAL, TEST_TOKEN, SettableClock, utc
from kiosk.contract import PaymentCreateRequest
from tests.central.live_helpers import SseReader


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


def test_receipt_qr_page_verifies_the_payment(make_central, client_factory):
    import urllib.error
    import urllib.request

    clock = SettableClock(utc(2026, 11, 27, 3, 0, 0))
    central = make_central(clock=clock, payment_ttl_s=300, payment_autopay_s=5)
    client = client_factory(central)
    payment = client.create_payment(PaymentCreateRequest(service_id="skck-baru", amount_idr=30000), str(uuid.uuid4()))

    def page(reference: str, lang: str = "id") -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"{central.url}/r/{reference}?lang={lang}", timeout=5) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    status, html = page(payment.reference)
    assert status == 200 and "Belum dibayar" in html and "Rp30.000" in html
    clock.advance(10)
    status, html = page(payment.reference, "en")
    # Paid at 03:00:05 UTC, shown in the site's time (WIB, +7).
    assert status == 200 and "this payment is on record" in html and "IDR 30,000" in html
    assert "2026-11-27 10:00" in html and "Police clearance certificate" in html
    status, html = page("ANJ0000000000000000")
    assert status == 404 and "tidak sah" in html  # "not genuine"
    status, html = page("<script>x</script>")
    assert status == 404 and "<script>x" not in html


@pytest.mark.parametrize(("autopay_s", "advance_s", "status"), [(5, 6, "paid"), (None, 301, "expired")])
def test_autopay_and_expiry_reach_the_kiosks_stream_at_their_time_without_a_poll(
    make_central, client_factory, autopay_s, advance_s, status
):
    """Settled once a second by the central itself: before, only the next call about payments
    (the kiosk's 5 s poll) found a demo payment paid or a QR expired."""
    clock = SettableClock(utc(2026, 11, 27, 3, 0, 0))
    central = make_central(clock=clock, payment_ttl_s=300, payment_autopay_s=autopay_s)
    client = client_factory(central)
    stream = SseReader(
        f"{central.url}/v1/live/terminal", {"Authorization": f"Bearer {TEST_TOKEN}", "X-Terminal-Id": TEST_TERMINAL}
    )
    try:
        assert stream.next_events(1)[0][1]["kind"] == "snapshot"
        payment = client.create_payment(
            PaymentCreateRequest(service_id="skck-baru", amount_idr=30000), str(uuid.uuid4())
        )
        clock.advance(advance_s)  # due now; nobody asks about it
        ((_, event),) = stream.next_events(1, within_s=15)  # returns as soon as it comes
        assert event["kind"] == "payment" and event["payment"]["id"] == payment.id
        assert event["payment"]["status"] == status
        assert client.get_payment(payment.id).status == status  # and asking now adds no second event
        with central.app.state.store.read() as conn:
            (count,) = conn.execute("SELECT COUNT(*) FROM queue_events WHERE kind='payment'").fetchone()
        assert count == 1
    finally:
        stream.close()
