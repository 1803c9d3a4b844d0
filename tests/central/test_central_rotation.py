"""POST /v1/terminals/rotate: current token -> new token, the old one dead at once; only the same
rotation (old token + same Idempotency-Key) repeated within 10 minutes gets that new token again."""

import requests

from central.testing import SettableClock, utc


def enrol(central, terminal_id: str = "kiosk-r") -> str:
    r = requests.post(
        central.url + "/v1/terminals/enrol", json={"code": "ROTATE-CODE-1", "terminal_id": terminal_id}, timeout=5
    )
    assert r.status_code == 200, r.text
    return r.json()["token"]


def rotate(central, token: str, key: str | None, terminal_id: str = "kiosk-r") -> requests.Response:
    headers = {"Authorization": f"Bearer {token}", "X-Terminal-Id": terminal_id}
    if key:
        headers["Idempotency-Key"] = key
    return requests.post(central.url + "/v1/terminals/rotate", headers=headers, timeout=5)


def works(central, token: str, terminal_id: str = "kiosk-r") -> bool:
    headers = {"Authorization": f"Bearer {token}", "X-Terminal-Id": terminal_id}
    return requests.get(central.url + "/v1/queues", headers=headers, timeout=5).status_code == 200


def test_rotation_replaces_the_token_and_a_lost_answer_can_be_fetched_again(make_central):
    clock = SettableClock(utc(2026, 11, 27, 4, 0, 0))
    central = make_central(clock=clock, enrolment_codes=["ROTATE-CODE-1"])
    old = enrol(central)
    assert rotate(central, old, None).json()["code"] == "idempotency_key_required"
    lost = rotate(central, old, "rot-1").json()["token"]
    assert not works(central, old) and works(central, lost)
    assert rotate(central, old, "rot-2").status_code == 401  # old token, another key: no
    clock.advance(600)
    again = rotate(central, old, "rot-1")  # the same rotation, answer lost: the same new token
    assert again.status_code == 200 and again.json()["token"] == lost and works(central, lost)
    clock.advance(1)
    assert rotate(central, old, "rot-1").status_code == 401  # window closed
    newer = rotate(central, lost, "rot-3").json()["token"]
    assert works(central, newer) and not works(central, lost)


def test_a_revoked_terminal_cannot_rotate(make_central):
    from central.terminal_admin import revoke

    central = make_central(enrolment_codes=["ROTATE-CODE-1"])
    token = enrol(central)
    assert revoke(central.app.state.store, "kiosk-r")
    assert rotate(central, token, "rot-1").status_code == 401
