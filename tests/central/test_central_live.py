"""The live hall's events and stream, on SQLite and PostgreSQL: every queue change appends an
event in its own transaction; the stream resumes by id, snapshots when the id was pruned, beats
every HEARTBEAT_S, hides ticket ids from the public, and shows changes made by another process."""

import threading
import time
import uuid

import pytest
import requests

import central.live.hub as live_hub
from central.cli import DEFAULT_CATALOG
from central.live import events
from central.server import start
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN, SettableClock, utc
from tests.central.counters_helpers import confirmed_ticket, open_counter, post, staff_session, waiting
from tests.central.live_helpers import SseReader

NOON_WIB = utc(2026, 11, 27, 5, 0, 0)
KK = "kartu-keluarga"


@pytest.fixture
def clock():
    return SettableClock(NOON_WIB)


@pytest.fixture
def central(make_central, clock):
    return make_central(clock=clock)


@pytest.fixture
def client(central, client_factory):
    return client_factory(central)


def _events(central, after=0, zone=None, headers=None, public=False):
    path = "/v1/live/public/events" if public else "/v1/live/events"
    params = {"after": after, **({"zone": zone} if zone else {})}
    answer = requests.get(f"{central.url}{path}", params=params, headers=headers or {}, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()["events"]


def test_every_queue_change_appends_one_event_with_increasing_ids(central, client):
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    first = confirmed_ticket(client, KK)
    second = confirmed_ticket(client, KK)
    call = post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]
    assert post(central, f"/v1/counters/{counter}/call-next", headers).status_code == 409  # busy: no event
    post(central, f"/v1/tickets/{call['id']}/recall", headers)
    post(central, f"/v1/tickets/{call['id']}/done", headers)
    post(central, f"/v1/counters/{counter}/pause", headers)

    got = _events(central, headers=headers)
    assert [e["kind"] for e in got] == ["counter", "joined", "joined", "called", "recalled", "done", "counter"]
    ids = [e["id"] for e in got]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    called = got[3]
    assert called["number"] == first.number and called["counter"] == "5" and called["zone"] == "A"
    pretend = central.app.state.desk.cf.demo_waiting.get(KK, 0)  # the demo catalogue's made-up queue
    assert called["waiting"] == {KK: pretend + 1}  # the second ticket still waits
    assert called["announcement"]["id"].startswith("Nomor antrean") and "lima" in called["announcement"]["id"]
    assert got[2]["number"] == second.number and got[2]["zone"] == "" and got[2]["waiting"] == {KK: pretend + 2}
    assert got[-1]["state"] == "paused"
    # only what the change made: after the last id there is nothing, and a resume from the middle
    assert _events(central, after=ids[-1], headers=headers) == []
    assert [e["id"] for e in _events(central, after=ids[3], headers=headers)] == ids[4:]


def test_public_events_carry_no_ticket_id_and_staff_stream_needs_a_session(central, client):
    headers = staff_session(central, "sari")
    open_counter(central, headers, "5", [KK])
    confirmed_ticket(client, KK)
    public = _events(central, public=True)
    assert public and all("ticket_id" not in e for e in public)
    assert any(e["kind"] == "joined" for e in public)
    assert "ticket_id" in _events(central, headers=headers)[-1]
    for path in ("/v1/live/events", "/v1/live"):
        assert requests.get(f"{central.url}{path}", timeout=10).status_code == 401
    bad = requests.get(f"{central.url}/v1/live/public/events", params={"zone": "<script>" * 20}, timeout=10)
    assert bad.status_code == 422 and "<script>" * 2 not in bad.text


def test_stream_starts_with_a_snapshot_resumes_by_last_event_id_and_snapshots_after_pruning(
    central, client, monkeypatch, clock
):
    monkeypatch.setattr(live_hub, "HEARTBEAT_S", 0.5)
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    confirmed_ticket(client, KK)
    stream = SseReader(f"{central.url}/v1/live/public?zone=A")
    try:
        [(snap_id, snap)] = stream.next_events(1)
        assert stream.retry == 2000
        # the TV shows the figure the kiosks show (/v1/queues, with the demo catalogue's made-up queue)
        assert snap["kind"] == "snapshot" and snap["waiting"] == {KK: waiting(client, KK)[0]}
        assert snap["counters"][0]["state"] == "open"
        call = post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]
        [(call_id, called)] = stream.next_events(1, within_s=2)
        assert called["kind"] == "called" and called["number"] == call["number"] and call_id > snap_id
        assert stream.next_comment(within_s=3) == ": heartbeat"
    finally:
        stream.close()

    post(central, f"/v1/tickets/{call['id']}/done", headers)
    resumed = SseReader(f"{central.url}/v1/live/public?zone=A", headers={"Last-Event-ID": str(call_id)})
    try:
        [(_, done)] = resumed.next_events(1)
        assert done["kind"] == "done" and done["number"] == call["number"]
    finally:
        resumed.close()

    clock.advance(7 * 3600)  # older than the events kept: a late display gets a snapshot
    post(central, f"/v1/counters/{counter}/pause", headers)
    central.app.state.live._pruned_at = float("-inf")
    late = _events(central, after=snap_id, public=True)
    assert [e["kind"] for e in late] == ["snapshot"]
    assert late[0]["serving"] == [] and late[0]["recent"][0]["number"] == call["number"]
    assert late[0]["counters"] == [{"counter": "5", "state": "paused"}]


def test_a_change_made_by_another_process_reaches_the_stream(central, client, clock):
    """Two centrals on one database (several workers): a call at one shows on the other's stream."""
    other = start(
        central.app.state.store.url,
        DEFAULT_CATALOG,
        {TEST_TERMINAL: TEST_TOKEN, OTHER_TERMINAL: OTHER_TOKEN},
        clock=clock,
    )
    try:
        headers = staff_session(central, "sari")
        counter = open_counter(central, headers, "5", [KK])
        confirmed_ticket(client, KK)
        stream = SseReader(f"{other.url}/v1/live/public?zone=A")
        try:
            stream.next_events(1)  # the snapshot
            call = post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]
            [(_, called)] = stream.next_events(1, within_s=1.5)
            assert called["number"] == call["number"] and called["counter"] == "5"
        finally:
            stream.close()
    finally:
        other.stop()


def test_phone_view_follows_the_ticket(central, client):
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    first = confirmed_ticket(client, KK)
    second = confirmed_ticket(client, KK)

    def view(ticket):
        answer = requests.get(f"{central.url}/v1/live/tickets/{ticket.id}", timeout=10)
        assert answer.status_code == 200
        return answer.json()

    base = view(first)["people_ahead"]  # the demo catalogue's pretend queue, if any
    assert (view(second)["state"], view(second)["people_ahead"], view(second)["counter"]) == ("waiting", base + 1, None)
    post(central, f"/v1/counters/{counter}/call-next", headers)
    assert (view(first)["state"], view(first)["counter"]) == ("called", "5")
    assert view(second)["people_ahead"] == base
    assert requests.get(f"{central.url}/v1/live/tickets/nope", timeout=10).status_code == 404
    page = requests.get(f"{central.url}/t/{first.id}", timeout=10)
    assert page.status_code == 200 and '<script src="/live/phone.js">' in page.text
    assert 'http-equiv="refresh"' not in page.text  # the script keeps it current
    assert requests.get(f"{central.url}/live/phone.js", timeout=10).status_code == 200


def test_a_reader_polling_during_concurrent_calls_misses_no_event(central, client, clock):
    """Writers racing on two processes commit ids out of order on PostgreSQL; the reader holds back
    at a gap (events.GapWatch), so it never skips an id committed after a higher one."""
    other = start(central.app.state.store.url, DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN}, clock=clock)
    try:
        counters = []
        for n in range(12):
            headers = staff_session(central, f"staff{n}")
            counters.append((open_counter(central, headers, str(n + 1), [KK]), headers))
        for _ in range(72):
            confirmed_ticket(client, KK)
        seen: list[int] = []
        stop = threading.Event()

        def read() -> None:
            after = _events(other, public=True)[0]["id"]  # the snapshot's id
            while not stop.is_set():
                answer = requests.get(f"{other.url}/v1/live/public/events", params={"after": after}, timeout=10)
                seen.extend(e["id"] for e in answer.json()["events"])
                after = answer.json()["next_after"]

        def work(index: int) -> None:
            counter, headers = counters[index]
            target = central if index % 2 else other
            while True:
                call = post(target, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]
                if call is None:
                    return
                post(target, f"/v1/tickets/{call['id']}/done", headers)

        reader = threading.Thread(target=read)
        reader.start()
        workers = [threading.Thread(target=work, args=(i,)) for i in range(len(counters))]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        time.sleep(events.GAP_GRACE_S + 0.5)  # a rolled-back id is given up after the grace
        stop.set()
        reader.join()
        every, after = [], 0
        while page := _events(central, after=after, headers=counters[0][1]):  # 200 a page
            every += [e["id"] for e in page if e["kind"] in ("called", "done")]
            after = page[-1]["id"]
        assert len(every) == 144
        assert set(every) <= set(seen), f"missed {sorted(set(every) - set(seen))[:10]}"
    finally:
        other.stop()


def test_the_reader_waits_at_an_id_still_in_flight_and_gives_up_a_rolled_back_one(central, clock, monkeypatch):
    """Deterministic: on PostgreSQL a later id can commit first; the feed delivers nothing past the
    gap until the earlier one commits, and passes a rolled-back id after GAP_GRACE_S."""
    store, feed = central.app.state.store, central.app.state.live
    if store.dialect != "postgresql":
        pytest.skip("SQLite commits one writer at a time: ids are never out of order")
    monkeypatch.setattr(events, "GAP_GRACE_S", 0.3)
    site = central.app.state.calls.site

    def add(conn, number: str) -> None:
        events.append(conn, site, "A", "called", clock(), {"number": number})

    _, start_id = feed.batch(None, None)
    with store.write() as slow:
        add(slow, "A-001")  # takes the first id, commits last
        store.transact(lambda conn: add(conn, "A-002"))
        found, upto = feed.batch(None, start_id)
        assert (found, upto) == ([], start_id)  # A-002 is held back behind the uncommitted A-001
    found, upto = feed.batch(None, start_id)
    assert [e["number"] for e in found] == ["A-001", "A-002"] and upto == found[-1]["id"]

    class Abandon(Exception):
        pass

    with pytest.raises(Abandon):
        with store.write() as lost:
            add(lost, "A-003")
            raise Abandon  # rolled back: its id never appears
    store.transact(lambda conn: add(conn, "A-004"))
    assert feed.batch(None, upto) == ([], upto)
    time.sleep(0.35)
    assert feed.batch(None, upto)
    found, _ = feed.batch(None, upto)
    assert [e["number"] for e in found] == ["A-004"]


def test_help_requests_reach_the_staff_stream_only(central, client):
    """A citizen's call for help is staff business: hall TVs and phones get no trace of it."""
    headers = staff_session(central, "rina")
    answer = requests.post(
        f"{central.url}/v1/help-requests",
        json={"step": "payment"},
        headers={
            "Authorization": f"Bearer {TEST_TOKEN}",
            "X-Terminal-Id": TEST_TERMINAL,
            "Idempotency-Key": str(uuid.uuid4()),
        },
        timeout=10,
    )
    assert answer.status_code in (200, 201), answer.text
    assert "help_requested" in [e["kind"] for e in _events(central, headers=headers)]
    assert not [e for e in _events(central, public=True) if e["kind"].startswith(("help_", "alert_"))]
