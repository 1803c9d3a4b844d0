"""Several central processes on one PostgreSQL: no in-process lock is left to lean on.

4 worker processes (``python -m central --workers 4``), 50 terminals at once reserving,
replaying reservations (same Idempotency-Key), confirming, failing and letting tickets lapse.
The protocol says: every reservation spends exactly one number, so per prefix and day the numbers
issued are 1..N with no duplicate and no gap; a replay returns the same ticket; failed and lapsed
numbers never enter the queue."""

from __future__ import annotations

import http.client
import os
import random
import signal
import threading
import time
import uuid
from collections import Counter

import psycopg
import pytest
import requests

from kiosk.api import CentralClient, CentralRejected, CentralSettings
from kiosk.contract import TicketReserveRequest
from tests.central.central_process import CentralProcess, _alive, _children

TERMINALS = {f"kiosk-mp-{i:02d}": f"token-mp-{i:02d}-0123456789" for i in range(50)}
SERVICES = ["ktp-el", "kartu-keluarga"]
ROUNDS = 8
TTL_S = 3


def _drive(terminal: str, token: str, url: str, seed: int, outcomes: list, errors: list) -> None:
    rng = random.Random(seed)
    settings = CentralSettings(base_url=url, terminal_id=terminal, backoff_s=0.01, read_timeout_s=20)
    try:
        with CentralClient(settings, token) as client:
            for _ in range(ROUNDS):
                key = str(uuid.uuid4())
                req = TicketReserveRequest(service_id=rng.choice(SERVICES))
                ticket = client.reserve_ticket(req, key)
                if rng.random() < 0.3:  # the answer was "lost": the kiosk replays the same key
                    again = client.reserve_ticket(req, key)
                    outcomes.append(("replay", ticket.id, again.id, ticket.number, again.number))
                roll = rng.random()
                if roll < 0.6:
                    client.confirm_ticket(ticket.id, "printed")
                    outcomes.append(("confirmed", ticket.id, ticket.number))
                elif roll < 0.8:
                    client.fail_ticket(ticket.id, "printer_error")
                    outcomes.append(("failed", ticket.id, ticket.number))
                else:
                    outcomes.append(("lapsed", ticket.id, ticket.number))
    except BaseException as exc:
        errors.append(f"{terminal}: {type(exc).__name__}: {exc}")


@pytest.mark.timeout(240)
def test_four_processes_fifty_terminals_no_duplicates_no_gaps(postgres_server, tmp_path):
    db = postgres_server.create_database()
    with CentralProcess(db, tmp_path, TERMINALS, workers=4, extra=["--reservation-ttl", str(TTL_S)]) as central:
        outcomes: list = []
        errors: list = []
        threads = [
            threading.Thread(target=_drive, args=(tid, tok, central.url, i, outcomes, errors))
            for i, (tid, tok) in enumerate(TERMINALS.items())
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(180)
        assert not errors, errors[:5]
        with psycopg.connect(db) as conn:
            backends = {
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT application_name FROM pg_stat_activity WHERE application_name LIKE 'anjungan-central-%'"
                )
            }
        assert len(backends) == 4, backends  # four processes really served (one pool each)

        time.sleep(TTL_S + 0.5)
        lapsed = [o for o in outcomes if o[0] == "lapsed"]
        assert lapsed, "the random mix should let some tickets lapse"
        # A lapsed reservation can no longer be confirmed, by any worker.
        owner = {}
        for tid, tok in TERMINALS.items():
            owner[tid] = tok
        with psycopg.connect(db) as conn:
            rows = conn.execute(
                "SELECT id, terminal_id, prefix, business_date, sequence, status FROM tickets"
            ).fetchall()
        by_id = {r[0]: r for r in rows}
        _, ticket_id, _ = lapsed[0]
        terminal = by_id[ticket_id][1]
        with CentralClient(CentralSettings(base_url=central.url, terminal_id=terminal), owner[terminal]) as c:
            with pytest.raises(CentralRejected) as exc:
                c.confirm_ticket(ticket_id, "printed")
            assert exc.value.code == "reservation_lapsed"
        queues = requests.get(central.url + "/metrics", timeout=10).text
        assert "central_tickets_issued_total" in queues and "central_queue_waiting" in queues

    reserved = [o for o in outcomes if o[0] in ("confirmed", "failed", "lapsed")]
    assert len(reserved) == 50 * ROUNDS == len(rows)
    # Every idempotent retry was answered with the same ticket.
    for _, first_id, again_id, first_no, again_no in (o for o in outcomes if o[0] == "replay"):
        assert (first_id, first_no) == (again_id, again_no)
    # Per prefix and day: numbers 1..N, no duplicate, no gap.
    per_counter: dict[tuple[str, str], list[int]] = {}
    for _, _, prefix, day, seq, _ in rows:
        per_counter.setdefault((prefix, day), []).append(seq)
    for key, seqs in per_counter.items():
        dupes = [n for n, c in Counter(seqs).items() if c > 1]
        assert not dupes, (key, dupes)
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), key
    # The database agrees with what every terminal did; failed and lapsed never count as queued.
    expected = {tid: kind for kind, tid, _ in reserved}
    for tid, kind in expected.items():
        status = by_id[tid][5]
        assert status == kind or (kind == "lapsed" and status == "reserved"), (tid, kind, status)


@pytest.mark.timeout(120)
def test_graceful_shutdown_finishes_the_request_in_flight(postgres_server, tmp_path):
    db = postgres_server.create_database()
    terminals = {"kiosk-g": "token-g-0123456789"}
    token_file = tmp_path / "faults-token"
    central = CentralProcess(
        db, tmp_path, terminals, workers=1, extra=["--faults", "--faults-token-file", str(token_file)]
    ).wait_ready()
    try:
        faults_auth = {"Authorization": f"Bearer {token_file.read_text().strip()}"}
        requests.post(
            central.url + "/__faults__",
            json={"mode": "slow", "delay_s": 1.5, "times": 1},
            headers=faults_auth,
            timeout=5,
        ).raise_for_status()
        answer: dict = {}

        def slow_reserve() -> None:
            r = requests.post(
                central.url + "/v1/tickets",
                json={"service_id": "ktp-el"},
                timeout=20,
                headers={
                    "Authorization": "Bearer token-g-0123456789",
                    "X-Terminal-Id": "kiosk-g",
                    "Idempotency-Key": str(uuid.uuid4()),
                },
            )
            answer["status"], answer["body"] = r.status_code, r.json()

        t = threading.Thread(target=slow_reserve)
        t.start()
        time.sleep(0.5)  # the request is inside the server, sleeping in the fault middleware
    finally:
        code = central.stop()
    t.join(10)
    assert answer.get("status") == 200 and answer["body"]["number"] == "A-001", answer
    assert code in (0, -15)  # uvicorn re-raises the SIGTERM it handled once it is done: -15 is a clean stop


def _socket_owners(pids: list[int]) -> dict[int, int]:
    """Socket inode -> the worker process holding it (from /proc/PID/fd)."""
    owners = {}
    for pid in pids:
        fd_dir = f"/proc/{pid}/fd"
        for fd in os.listdir(fd_dir):
            try:
                target = os.readlink(f"{fd_dir}/{fd}")
            except OSError:
                continue
            if target.startswith("socket:["):
                owners[int(target[8:-1])] = pid
    return owners


def _server_side_inodes(port: int, state: str = "01") -> list[int]:
    """Inodes of the server-side TCP sockets on 127.0.0.1:``port`` in ``state`` (01 established,
    0A listening)."""
    inodes = []
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        if local_port == port and fields[3] == state:
            inodes.append(int(fields[9]))
    return inodes


@pytest.mark.timeout(120)
def test_keep_alive_connections_spread_over_every_worker_and_a_dead_worker_is_replaced(postgres_server, tmp_path):
    """Each worker listens on its own socket (central.workers): 80 kiosks connecting at once end up
    spread over the 4 workers, not piled on whichever woke first (with one shared socket they
    were 25/16/12/1 of 50 in the bench)."""
    with CentralProcess(postgres_server.create_database(), tmp_path, {}, workers=4) as central:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # every worker listening on a socket of its own
            owners = _socket_owners(central.worker_pids)
            listening = {owners[i] for i in _server_side_inodes(central.port, "0A") if i in owners}
            if len(listening) == 4:
                break
            time.sleep(0.1)
        assert len(listening) == 4 and listening <= set(central.worker_pids)
        conns = [http.client.HTTPConnection("127.0.0.1", central.port, timeout=10) for _ in range(80)]
        try:
            for c in conns:
                c.request("GET", "/healthz")
                assert c.getresponse().status == 200
            owners = _socket_owners(central.worker_pids)
            per_worker = Counter(owners[i] for i in _server_side_inodes(central.port) if i in owners)
            assert sum(per_worker.values()) == 80
            assert len(per_worker) == 4 and min(per_worker.values()) >= 5, per_worker
        finally:
            for c in conns:
                c.close()

        victim = min(listening)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            alive = [p for p in _children(central.proc.pid) if _alive(p) and p not in central.worker_pids]
            if alive:
                break
            time.sleep(0.1)
        assert alive, "the supervisor did not start a worker in place of the killed one"
        central.worker_pids = [p for p in central.worker_pids if p != victim] + alive
        for _ in range(20):  # every request is answered, whichever worker takes it
            assert requests.get(central.url + "/readyz", timeout=5).status_code == 200
