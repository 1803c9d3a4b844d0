"""Reserve and confirm skip the authentication statement for a terminal the process already
authenticated with the same token (PostgreSQL's hot path); the token is then checked inside their
own statement. These tests revoke and rotate tokens behind the process's back (the admin command,
another central process) and check that the very next call is refused and changes nothing. On
SQLite every call authenticates in full: the same answers are expected from both engines."""

import uuid

import requests

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.terminal_admin import revoke
from central.testing import TEST_TERMINAL, TEST_TOKEN


def enrol(central, code: str, terminal_id: str) -> str:
    r = requests.post(central.url + "/v1/terminals/enrol", json={"code": code, "terminal_id": terminal_id}, timeout=5)
    assert r.status_code == 200, r.text
    return r.json()["token"]


def headers(terminal_id: str, token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Terminal-Id": terminal_id}


def reserve(central, terminal_id: str, token: str, service: str = "ktp-el") -> requests.Response:
    h = {**headers(terminal_id, token), "Idempotency-Key": str(uuid.uuid4())}
    return requests.post(central.url + "/v1/tickets", json={"service_id": service}, headers=h, timeout=5)


def confirm(central, terminal_id: str, token: str, ticket_id: str) -> requests.Response:
    return requests.post(
        central.url + f"/v1/tickets/{ticket_id}/confirm",
        json={"mode": "printed"},
        headers=headers(terminal_id, token),
        timeout=5,
    )


def counts(central) -> tuple[int, int]:
    with central.app.state.store.read() as conn:
        row = conn.execute(
            "SELECT COUNT(*) AS n, SUM(CASE WHEN status='reserved' THEN 1 ELSE 0 END) AS r FROM tickets"
        ).fetchone()
    return int(row["n"]), int(row["r"] or 0)


def test_a_revoked_terminal_is_refused_at_its_next_reserve_and_confirm(make_central):
    central = make_central(enrolment_codes=["HOT-CODE-1"])
    token = enrol(central, "HOT-CODE-1", "kiosk-h")
    first = reserve(central, "kiosk-h", token)
    assert first.status_code == 200, first.text
    assert confirm(central, "kiosk-h", token, first.json()["id"]).status_code == 200
    held = reserve(central, "kiosk-h", token)  # reserved, not yet confirmed
    assert held.status_code == 200
    before = counts(central)
    assert revoke(central.app.state.store, "kiosk-h") is True  # the admin command, not this process
    assert reserve(central, "kiosk-h", token).status_code == 401
    assert confirm(central, "kiosk-h", token, held.json()["id"]).status_code == 401
    assert counts(central) == before  # no ticket made, the held one still only reserved


def test_a_token_rotated_through_another_process_stops_there_at_once(new_db):
    db = new_db()
    a = start(db, DEFAULT_CATALOG, {}, enrolment_codes=["HOT-CODE-2"])
    b = start(db, DEFAULT_CATALOG, {}, enrolment_codes=["HOT-CODE-2"])
    try:
        old = enrol(a, "HOT-CODE-2", "kiosk-r")
        for _ in range(2):  # the second call is served from what process a remembers
            assert reserve(a, "kiosk-r", old).status_code == 200
        held = reserve(a, "kiosk-r", old).json()["id"]
        rotated = requests.post(
            b.url + "/v1/terminals/rotate",
            headers={**headers("kiosk-r", old), "Idempotency-Key": str(uuid.uuid4())},
            timeout=5,
        )
        assert rotated.status_code == 200, rotated.text
        new = rotated.json()["token"]
        assert reserve(a, "kiosk-r", old).status_code == 401
        assert confirm(a, "kiosk-r", old, held).status_code == 401
        assert confirm(a, "kiosk-r", new, held).status_code == 200
        assert reserve(a, "kiosk-r", new).status_code == 200
    finally:
        a.stop()
        b.stop()


def test_a_wrong_token_for_a_known_terminal_is_refused_and_the_right_one_still_works(make_central):
    central = make_central()
    for _ in range(2):
        assert reserve(central, TEST_TERMINAL, TEST_TOKEN).status_code == 200
    assert reserve(central, TEST_TERMINAL, "not-" + TEST_TOKEN).status_code == 401
    assert reserve(central, "kiosk-unknown", TEST_TOKEN).status_code == 401
    assert reserve(central, TEST_TERMINAL, TEST_TOKEN).status_code == 200


def test_a_refusal_after_revocation_is_401_not_the_refusal(make_central):
    central = make_central(enrolment_codes=["HOT-CODE-3"])
    token = enrol(central, "HOT-CODE-3", "kiosk-n")
    assert reserve(central, "kiosk-n", token).status_code == 200
    missing = reserve(central, "kiosk-n", token, service="no-such-service")
    assert missing.status_code == 404, missing.text  # the sync way says why
    revoke(central.app.state.store, "kiosk-n")
    assert reserve(central, "kiosk-n", token, service="no-such-service").status_code == 401
