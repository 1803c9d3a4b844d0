"""The hot lane (central.hot_lane) answers reserve and confirm for a terminal already
authenticated by the process, and hands everything else to the app. What it answers must be
byte for byte what the app answers, and whatever it hands on must get the app's own answer. On
SQLite the lane never answers: the same assertions hold there through the app alone."""

import re
import uuid

import requests

from central.testing import TEST_TERMINAL, TEST_TOKEN


def counted(central, series: str) -> float:
    """The sum of a Prometheus series' samples whose name and labels start with ``series``
    (the registry is the test process's: other tests' requests are in it too)."""
    text = requests.get(central.url + "/metrics", timeout=5).text
    return sum(float(v) for v in re.findall(rf"^{re.escape(series)}[^}}]*\}} (\S+)$", text, re.M))


UNMATCHED = 'central_http_requests_total{method="POST",route="unmatched"'


def lane_answers(central) -> float:
    return counted(central, "central_hot_lane_answers_total{")


def post(central, path: str, body: bytes, **extra: str) -> requests.Response:
    headers = {
        "Authorization": f"Bearer {TEST_TOKEN}",
        "X-Terminal-Id": TEST_TERMINAL,
        "Content-Type": "application/json",
        **extra,
    }
    return requests.post(central.url + path, data=body, headers=headers, timeout=5)


def test_the_lane_answers_as_the_app_does_byte_for_byte(make_central, engine):
    central = make_central()
    key = str(uuid.uuid4())
    body = b'{"service_id": "ktp-el"}'
    by_app = post(central, "/v1/tickets", body, **{"Idempotency-Key": key})  # first call: authenticates
    before = lane_answers(central)
    by_lane = post(central, "/v1/tickets", body, **{"Idempotency-Key": key})  # the same key: a replay
    assert by_app.status_code == by_lane.status_code == 200
    assert by_lane.content == by_app.content
    assert by_lane.headers["content-type"] == by_app.headers["content-type"] == "application/json"
    assert lane_answers(central) - before == (1 if engine == "postgresql" else 0)

    confirms = 'central_http_requests_total{method="POST",route="/v1/tickets/{ticket_id}/confirm",status="200"'
    confirms_before, unmatched_before = counted(central, confirms), counted(central, UNMATCHED)
    ticket_id = by_app.json()["id"]
    confirmed = post(central, f"/v1/tickets/{ticket_id}/confirm", b'{"mode": "printed"}')
    repeat = post(central, f"/v1/tickets/{ticket_id}/confirm", b'{"mode": "printed"}')  # the app's way
    assert confirmed.status_code == repeat.status_code == 200
    assert confirmed.content == repeat.content and confirmed.json()["status"] == "confirmed"
    assert lane_answers(central) - before == (2 if engine == "postgresql" else 0)
    # Counted under the route the app would have matched, whichever way they went.
    assert counted(central, confirms) - confirms_before == 2
    assert counted(central, UNMATCHED) == unmatched_before


def test_what_the_lane_does_not_settle_gets_the_apps_own_answer(make_central):
    central = make_central()
    assert post(central, "/v1/tickets", b'{"service_id": "ktp-el"}', **{"Idempotency-Key": "k-1"}).status_code == 200
    cases = [
        ({"Idempotency-Key": "x" * 129}, b'{"service_id": "ktp-el"}', 422),
        ({"Idempotency-Key": "has space"}, b'{"service_id": "ktp-el"}', 422),
        ({"Idempotency-Key": "k-2"}, b'{"service_id": ', 422),
        ({"Idempotency-Key": "k-3"}, b'{"service_id": "ktp-el", "priority": "vip"}', 422),
        ({"Idempotency-Key": "k-4"}, b'{"service_id": "no-such-service"}', 404),
        ({"Idempotency-Key": "k-5", "Content-Type": "text/plain"}, b'{"service_id": "ktp-el"}', 422),
        ({"Idempotency-Key": "k-6", "Authorization": "bearer " + TEST_TOKEN}, b'{"service_id": "ktp-el"}', 200),
        ({"Idempotency-Key": "k-7", "Authorization": "Bearer wrong-token"}, b'{"service_id": "ktp-el"}', 401),
        ({"Idempotency-Key": "k-1"}, b'{"service_id": "kartu-keluarga"}', 409),  # a key reused for another body
    ]
    for extra, body, status in cases:
        r = post(central, "/v1/tickets", body, **extra)
        assert r.status_code == status, (extra, body, r.status_code, r.text)
        assert r.status_code == 200 or set(r.json()) >= {"code", "message"}
    unknown = post(central, f"/v1/tickets/{uuid.uuid4()}/confirm", b'{"mode": "printed"}')
    assert unknown.status_code == 404 and unknown.json()["code"]
    bad_mode = post(central, f"/v1/tickets/{uuid.uuid4()}/confirm", b'{"mode": "carved"}')
    assert bad_mode.status_code == 422
