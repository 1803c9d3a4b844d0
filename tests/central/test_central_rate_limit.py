"""Failed enrolments and wrong tokens slow the client down (429 + Retry-After), with the state in
the database: a second central on the same database (SQLite file or PostgreSQL) sees the same block."""

import threading

import requests

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.store import open_store
from central.terminal_admin import issue_code
from central.testing import TEST_TERMINAL, TEST_TOKEN, SettableClock, utc
from central.throttle import FREE_FAILURES, MAX_BLOCK, AuthThrottle


def guess(url: str, code: str = "WRONG-CODE", terminal_id: str = "kiosk-g") -> requests.Response:
    return requests.post(url + "/v1/terminals/enrol", json={"code": code, "terminal_id": terminal_id}, timeout=5)


def queues(url: str, token: str, terminal_id: str = TEST_TERMINAL) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}", "X-Terminal-Id": terminal_id}
    return requests.get(url + "/v1/queues", headers=headers, timeout=5)


def test_code_guesses_get_a_growing_delay_and_a_blocked_client_is_not_evaluated(make_central):
    clock = SettableClock(utc(2026, 11, 27, 3, 0, 0))
    central = make_central(clock=clock, enrolment_codes=["GOOD-CODE-1"])
    for _ in range(FREE_FAILURES + 1):
        assert guess(central.url).status_code == 403
    blocked = guess(central.url, "GOOD-CODE-1")  # even the right code is not looked at now
    assert blocked.status_code == 429 and blocked.json()["code"] == "rate_limited"
    assert blocked.headers["Retry-After"] == "1"
    clock.advance(1)
    assert guess(central.url).status_code == 403
    assert guess(central.url).headers["Retry-After"] == "2"  # doubled
    for _ in range(20):  # never more than MAX_BLOCK
        clock.advance(MAX_BLOCK.total_seconds())
        assert guess(central.url).status_code == 403
    assert int(guess(central.url).headers["Retry-After"]) == MAX_BLOCK.total_seconds()
    clock.advance(MAX_BLOCK.total_seconds())
    assert guess(central.url, "GOOD-CODE-1").status_code == 200  # success clears the count
    assert guess(central.url).status_code == 403


def test_wrong_tokens_are_limited_apart_from_enrolment(make_central):
    clock = SettableClock(utc(2026, 11, 27, 3, 0, 0))
    central = make_central(clock=clock, enrolment_codes=["GOOD-CODE-2"])
    for _ in range(FREE_FAILURES + 1):
        assert queues(central.url, "not-the-token").status_code == 401
    refused = queues(central.url, TEST_TOKEN)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    # A kiosk still calling with a revoked token must not block its own re-enrolment.
    assert guess(central.url, "GOOD-CODE-2", "kiosk-new").status_code == 200
    clock.advance(2)
    assert queues(central.url, TEST_TOKEN).status_code == 200
    for _ in range(FREE_FAILURES + 3):  # no token at all: an unenrolled kiosk, not a guess
        assert requests.get(central.url + "/v1/queues", timeout=5).status_code == 401


def test_two_central_processes_share_the_limit_and_a_code_is_used_once(new_db):
    db = new_db()
    a = start(db, DEFAULT_CATALOG, {}, enrolment_codes=["RACE-CODE-1"])
    b = start(db, DEFAULT_CATALOG, {}, enrolment_codes=["RACE-CODE-1"])
    try:
        for _ in range(FREE_FAILURES + 1):
            assert guess(a.url).status_code == 403
        assert guess(b.url).status_code == 429  # the other process knows
        # Several clients race for one code through both processes: exactly one gets a token.
        store = a.app.state.store
        code = issue_code(store, site_id="mpp-bandung")
        with store.write() as conn:  # the block above is this (loopback) client's: lift it
            conn.execute("DELETE FROM auth_failures")
        results: list[int] = []
        go = threading.Barrier(8)

        def race(i: int) -> None:
            go.wait()
            results.append(guess((a, b)[i % 2].url, code, f"kiosk-race-{i}").status_code)

        threads = [threading.Thread(target=race, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(results) == [200] + [409] * 7
    finally:
        a.stop()
        b.stop()


def test_simultaneous_failures_are_all_counted(make_central):
    """Failures of one client arriving together, through separate connection pools (as from
    separate processes), each count: the block grows with every one of them. A read-then-write
    count under PostgreSQL's READ COMMITTED lost most of them."""
    central = make_central()
    clock = central.app.state.desk.clock
    stores = [open_store(central.app.state.store.url) for _ in range(4)]
    n_threads, per_thread = 8, 5
    go = threading.Barrier(n_threads)

    def fail(i: int) -> None:
        throttle = AuthThrottle(stores[i % len(stores)], clock)
        go.wait()
        for _ in range(per_thread):
            throttle.failed("enrol", "203.0.113.9")

    try:
        threads = [threading.Thread(target=fail, args=(i,)) for i in range(n_threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        with stores[0].read() as conn:
            row = conn.execute(
                "SELECT failures FROM auth_failures WHERE bucket='enrol' AND client='203.0.113.9'"
            ).fetchone()
    finally:
        for store in stores:
            store.close()
    assert row["failures"] == n_threads * per_thread
