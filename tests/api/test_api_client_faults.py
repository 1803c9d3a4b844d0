"""Client behaviour under injected faults; attempts are counted by the server, not by mocks."""

import uuid

import pytest
import requests

from central.testing import TEST_TOKEN
from kiosk.api import (
    CentralClient,
    CentralProtocolError,
    CentralSettings,
    CentralUnavailable,
    ConnectivityMonitor,
)
from kiosk.contract import Ticket, TicketReserveRequest


def test_server_stopped_is_unavailable(central, settings):
    monitor = ConnectivityMonitor(settings.offline_after_failures)
    with CentralClient(settings, TEST_TOKEN, monitor=monitor) as client:
        client.get_time()  # keep-alive connection now open
        central.stop()
        for _ in range(3):
            with pytest.raises(CentralUnavailable, match="GET /v1/catalog: connection failed") as exc:
                client.get_catalog()
        assert exc.value.user_message_key == "central.unavailable"
    assert monitor.online is False


def test_http_500_is_retried_for_gets(client, faults):
    faults.set("error500")
    with pytest.raises(CentralUnavailable, match=r"HTTP 500 \(injected_fault"):
        client.get_queues()
    assert faults.requests("GET /v1/queues") == 1 + client.settings.retries


def test_transient_500_recovers_within_the_retries(client, faults):
    faults.set("error500", times=2)
    assert client.get_catalog().version == "2026.11-demo"
    assert faults.requests("GET /v1/catalog") == 3


def test_reservation_is_retried_with_the_same_key_and_yields_one_ticket(client, faults):
    key = str(uuid.uuid4())
    faults.set("drop", times=1)
    ticket = client.reserve_ticket(TicketReserveRequest(service_id="kia"), key)
    assert faults.requests("POST /v1/tickets") == 2
    assert ticket.number == "D-001"
    assert client.reserve_ticket(TicketReserveRequest(service_id="kia"), key).id == ticket.id


def test_non_idempotent_call_is_sent_once(client, faults):
    faults.set("error500")
    with pytest.raises(CentralUnavailable):
        client.call(
            "POST",
            "/v1/tickets",
            Ticket,
            body=TicketReserveRequest(service_id="kia"),
            headers={"Idempotency-Key": str(uuid.uuid4())},
            idempotent=False,
        )
    assert faults.requests("POST /v1/tickets") == 1


def test_malformed_json_is_a_protocol_error_naming_the_endpoint(client, faults):
    faults.set("malformed")
    with pytest.raises(CentralProtocolError) as exc:
        client.get_catalog()
    message = str(exc.value)
    assert message.startswith("GET /v1/catalog: malformed JSON")
    assert len(message) < 250
    assert faults.requests("GET /v1/catalog") == 1  # a broken answer is not retried


def test_wrong_shape_is_a_protocol_error_with_the_first_field(central, settings):
    # /healthz answers valid JSON of another shape: the client must say which field is wrong.
    with CentralClient(settings, TEST_TOKEN) as client:
        with pytest.raises(
            CentralProtocolError, match=r"GET /healthz: unexpected Ticket: id: Field required \(\+\d+ more\)"
        ):
            client.call("GET", "/healthz", Ticket, idempotent=True)


def test_slow_answer_beyond_read_timeout(central, faults):
    settings = CentralSettings(
        base_url=central.url, terminal_id="kiosk-test-01", read_timeout_s=0.2, retries=1, backoff_s=0.01
    )
    faults.set("slow", delay_s=1.0)
    with CentralClient(settings, TEST_TOKEN) as client:
        with pytest.raises(CentralUnavailable, match="GET /v1/queues: read timeout"):
            client.get_queues()
    assert faults.requests("GET /v1/queues") == 2
    faults.set("ok")


def test_dropped_connection_is_unavailable(client, faults):
    faults.set("drop")
    with pytest.raises(CentralUnavailable, match="connection failed"):
        client.get_time()
    assert faults.requests("GET /v1/time") == 4


def test_faults_only_touch_the_api(central, faults):
    faults.set("error500")
    assert requests.get(central.url + "/healthz", timeout=5).json() == {"status": "ok"}


def test_monitor_goes_offline_after_three_failures_and_back_on_first_success(central, faults):
    settings = CentralSettings(base_url=central.url, terminal_id="kiosk-test-01", retries=0)
    monitor = ConnectivityMonitor(settings.offline_after_failures)
    changes: list[bool] = []
    monitor.add_listener(changes.append)
    with CentralClient(settings, TEST_TOKEN, monitor=monitor) as client:
        faults.set("error500")
        for expected_online in (True, True, False):
            with pytest.raises(CentralUnavailable):
                client.get_queues()
            assert monitor.online is expected_online
        faults.set("ok")
        client.get_queues()
    assert monitor.online is True
    assert changes == [False, True]


def test_answer_lost_after_the_server_reserved_still_gives_one_ticket(central, faults):
    # The first attempt is processed late (after the client gave up); the retry carries the same
    # key, so whichever lands first creates the ticket and the other returns it.
    import time

    settings = CentralSettings(base_url=central.url, terminal_id="kiosk-test-01", read_timeout_s=0.4, backoff_s=0.01)
    faults.set("slow", delay_s=1.2, times=1)
    key = str(uuid.uuid4())
    with CentralClient(settings, TEST_TOKEN) as client:
        ticket = client.reserve_ticket(TicketReserveRequest(service_id="kia"), key)
        time.sleep(1.4)  # let the delayed first attempt finish on the server (not a timing assertion)
        assert client.reserve_ticket(TicketReserveRequest(service_id="kia"), key).id == ticket.id
        nxt = client.reserve_ticket(TicketReserveRequest(service_id="kia"), str(uuid.uuid4()))
    assert (ticket.number, nxt.number) == ("D-001", "D-002")  # both attempts made one ticket
    assert faults.requests("POST /v1/tickets") >= 4  # slow first attempt, retry, replay, next
