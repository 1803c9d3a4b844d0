"""Every client call against a real reference central on loopback."""

import logging
import uuid

import pytest

from central.testing import OTHER_TOKEN, TEST_TOKEN
from kiosk.api import CentralClient, CentralRejected
from kiosk.contract import IdentityResolveRequest, TicketReserveRequest


def test_catalog_queues_and_time(client: CentralClient):
    catalog = client.get_catalog()
    assert catalog.site.timezone == "Asia/Jakarta"
    assert catalog.service("skck-baru").fee_idr == 30000
    queues = client.get_queues()
    assert {q.service_id for q in queues.queues} == {s.id for s in catalog.services}
    paspor = queues.for_service("paspor-biasa")
    assert (paspor.waiting, paspor.estimated_wait_minutes) == (14, 70)  # 14 * 20 min / 4 counters
    now = client.get_time()
    assert now.site_timezone == "Asia/Jakarta"
    assert now.now.utcoffset().total_seconds() == 0


def test_reserve_confirm_and_get(client: CentralClient):
    ticket = client.reserve_ticket(TicketReserveRequest(service_id="skck-baru", priority="elderly"), str(uuid.uuid4()))
    assert ticket.number == "L-001"
    assert ticket.status == "reserved"
    assert ticket.people_ahead == 8 and ticket.estimated_wait_minutes == 36  # ceil(8 * 9 / 2)
    assert ticket.track_url.endswith(f"/t/{ticket.id}")
    assert ticket.priority == "elderly"
    assert ticket.terminal_id == "kiosk-test-01"
    confirmed = client.confirm_ticket(ticket.id, "printed")
    assert confirmed.status == "confirmed" and confirmed.confirmed_at is not None
    assert client.get_ticket(ticket.id) == confirmed
    # The confirmed ticket now counts for the next reservation.
    second = client.reserve_ticket(TicketReserveRequest(service_id="skck-baru"), str(uuid.uuid4()))
    assert (second.number, second.people_ahead) == ("L-002", 9)


def test_fail_ticket(client: CentralClient):
    ticket = client.reserve_ticket(TicketReserveRequest(service_id="ktp-el"), str(uuid.uuid4()))
    failed = client.fail_ticket(ticket.id, "printer: paper out")
    assert failed.status == "failed" and failed.failure_reason == "printer: paper out"


def test_idempotency_key_replay_returns_the_same_ticket(client: CentralClient):
    key = str(uuid.uuid4())
    req = TicketReserveRequest(service_id="npwp")
    first = client.reserve_ticket(req, key)
    again = client.reserve_ticket(req, key)
    assert again.id == first.id and again.number == first.number == "R-001"
    other = client.reserve_ticket(req, str(uuid.uuid4()))
    assert other.number == "R-002"


def test_same_key_with_another_body_is_rejected(client: CentralClient):
    key = str(uuid.uuid4())
    client.reserve_ticket(TicketReserveRequest(service_id="npwp"), key)
    with pytest.raises(CentralRejected) as exc:
        client.reserve_ticket(TicketReserveRequest(service_id="kia"), key)
    assert (exc.value.status, exc.value.code) == (409, "idempotency_conflict")


def test_wrong_token_is_rejected(settings):
    with CentralClient(settings, "not-the-token") as bad:
        with pytest.raises(CentralRejected) as exc:
            bad.get_catalog()
    assert (exc.value.status, exc.value.code) == (401, "unauthorized")
    assert exc.value.user_message_key == "central.unauthorized"


def test_token_of_another_terminal_is_rejected(settings):
    with CentralClient(settings, OTHER_TOKEN) as bad:
        with pytest.raises(CentralRejected, match="unauthorized"):
            bad.get_queues()


def test_missing_token_is_rejected(settings):
    with CentralClient(settings, None) as anonymous:
        with pytest.raises(CentralRejected, match="unauthorized"):
            anonymous.get_catalog()
        assert anonymous.get_time().site_timezone == "Asia/Jakarta"  # time stays public


def test_unknown_ticket_and_service_are_rejected(client: CentralClient):
    with pytest.raises(CentralRejected) as exc:
        client.get_ticket(str(uuid.uuid4()))
    assert (exc.value.status, exc.value.code) == (404, "ticket_not_found")
    with pytest.raises(CentralRejected) as exc:
        client.reserve_ticket(TicketReserveRequest(service_id="kua-nikah"), str(uuid.uuid4()))
    assert exc.value.code == "unknown_service"


def test_resolve_identities(client: CentralClient):
    staff = client.resolve_identity(IdentityResolveRequest(kind="uid", value="7e:c4:a1:1d"))
    assert (staff.found, staff.is_staff, staff.staff_role) == (True, True, "technician")
    citizen = client.resolve_identity(IdentityResolveRequest(kind="uid", value="04A1B2C3D4E5F6"))
    assert citizen.found and not citizen.is_staff
    assert citizen.nik_masked == "3273••••••••0003"
    assert citizen.display_name_masked == "S••• R••••••••"
    by_nik = client.resolve_identity(IdentityResolveRequest(kind="nik", value="3273022505600002"))
    assert by_nik.birth_date.isoformat() == "1960-05-25"
    unknown = client.resolve_identity(IdentityResolveRequest(kind="nik", value="3273015708850009"))
    assert unknown.found is False and unknown.display_name_masked is None


def test_token_and_nik_never_reach_the_logs(client: CentralClient, faults, caplog):
    caplog.set_level(logging.DEBUG)
    faults.set("error500", times=1)  # one retry, so the retry log line is exercised too
    client.get_catalog()
    client.resolve_identity(IdentityResolveRequest(kind="nik", value="3273022505600002"))
    assert "retrying GET /v1/catalog" in caplog.text
    assert TEST_TOKEN not in caplog.text
    assert "3273022505600002" not in caplog.text
    assert TEST_TOKEN not in repr(client)
