"""The live hub: one database reader per process for every open stream, streams that end when the
central stops, and the kiosks' stream (queue events and only their own payments). SQLite only:
the hub is above the store, the engines' event order is tested in test_central_live.py."""

import time
import uuid

import pytest
import requests

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN, Faults
from kiosk.contract import PaymentCreateRequest
from tests.central.conftest import client_for
from tests.central.counters_helpers import confirmed_ticket
from tests.central.live_helpers import SseReader

TERMINALS = {TEST_TERMINAL: TEST_TOKEN, OTHER_TERMINAL: OTHER_TOKEN}


def _kiosk_headers(terminal: str, token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Terminal-Id": terminal}


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    running = start(tmp_path_factory.mktemp("hub") / "central.sqlite3", DEFAULT_CATALOG, TERMINALS, faults_enabled=True)
    yield running
    running.stop()


def _count_reads(feed, monkeypatch) -> list[int]:
    calls = [0]
    real = feed.batch

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(feed, "batch", counted)
    return calls


def test_many_streams_share_one_database_reader(central, monkeypatch):
    reads = _count_reads(central.app.state.live, monkeypatch)
    streams = [SseReader(f"{central.url}/v1/live/public?zone=A") for _ in range(20)]
    try:
        for s in streams:
            assert s.next_events(1)[0][1]["kind"] == "snapshot"
        before = reads[0]
        time.sleep(1.0)  # the measured interval itself: streams idle, the reader polls
        idle_reads = reads[0] - before
        # One shared read every 50 ms (~20); one reader per stream (every 200 ms) was ~100.
        assert idle_reads <= 35, f"{idle_reads} reads of the events table in 1 s with 20 idle streams"
        with client_for(central) as client:
            ticket = confirmed_ticket(client)
        for s in streams:
            (_, joined), *_ = s.next_events(1, within_s=5)
            assert joined["kind"] == "joined" and joined["number"] == ticket.number
    finally:
        for s in streams:
            s.close()


def test_kiosk_stream_carries_its_own_payments_only(central):
    mine = SseReader(f"{central.url}/v1/live/terminal", _kiosk_headers(TEST_TERMINAL, TEST_TOKEN))
    other = SseReader(f"{central.url}/v1/live/terminal", _kiosk_headers(OTHER_TERMINAL, OTHER_TOKEN))
    public = SseReader(f"{central.url}/v1/live/public")
    try:
        for s in (mine, other, public):
            assert s.next_events(1)[0][1]["kind"] == "snapshot"
        with client_for(central) as client:
            payment = client.create_payment(
                PaymentCreateRequest(service_id="skck-baru", amount_idr=30000), str(uuid.uuid4())
            )
            Faults(central.url, central.faults_token).pay(payment.id)
            ticket = confirmed_ticket(client)  # a queue event after it: every stream gets this one
        (_, paid), (_, joined) = mine.next_events(2, within_s=5)
        assert paid["kind"] == "payment" and paid["payment"]["id"] == payment.id
        assert paid["payment"]["status"] == "paid" and paid["payment"]["paid_at"]
        assert joined["kind"] == "joined" and joined["number"] == ticket.number and "ticket_id" not in joined
        for s in (other, public):
            ((_, first),) = s.next_events(1, within_s=5)
            assert first["kind"] == "joined", "another terminal's payment reached this stream"
    finally:
        for s in (mine, other, public):
            s.close()


def test_kiosk_stream_needs_the_terminal_token(central):
    answer = requests.get(f"{central.url}/v1/live/terminal", headers=_kiosk_headers(TEST_TERMINAL, "wrong"), timeout=5)
    assert answer.status_code == 401


def test_open_streams_do_not_hold_the_central_shutdown(tmp_path):
    running = start(tmp_path / "central.sqlite3", DEFAULT_CATALOG, TERMINALS)
    streams = [SseReader(f"{running.url}/v1/live/public") for _ in range(3)]
    for s in streams:
        s.next_events(1)
    began = time.monotonic()
    running.stop()  # uvicorn's graceful timeout is 2 s: an open stream used to hold it that long
    took = time.monotonic() - began
    for s in streams:
        s.close()
    assert took < 1.0, f"stop took {took:.2f} s with 3 open streams"


def test_sigterm_ends_open_streams_of_a_central_process(tmp_path):
    """``python -m central`` (uvicorn's own signal handling, one worker): a stream used to hold the
    exit for the whole --graceful-timeout (10 s by default)."""
    from tests.central.central_process import CentralProcess

    central = CentralProcess(str(tmp_path / "central.sqlite3"), tmp_path, TERMINALS, workers=1).wait_ready()
    stream = SseReader(f"{central.url}/v1/live/public")
    try:
        stream.next_events(1)
        began = time.monotonic()
        central.stop()
        took = time.monotonic() - began
    finally:
        stream.close()
        if central.proc.poll() is None:  # a failure above: stop it by its id all the same
            central.stop()
    assert took < 3.0, f"the central took {took:.1f} s to exit with a stream open"
