"""Issue 12, defects 4 and 6 on a real reference central: long and odd input never gets a 5xx,
error answers never echo it, sizes are limited (413/414/431/422), the server is as strict as
docs/openapi.json says."""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from central.openapi import generate
from central.testing import TEST_TERMINAL, TEST_TOKEN
from kiosk.contract import ApiError

AUTH = {"Authorization": f"Bearer {TEST_TOKEN}", "X-Terminal-Id": TEST_TERMINAL}
LONG = "x" * 3000
ODD = "\u0000\ud7ff'\"<>%{}\\\u202e" * 300


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    from central.cli import DEFAULT_CATALOG
    from central.server import start

    running = start(tmp_path_factory.mktemp("limits") / "c.sqlite3", DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN})
    yield running
    running.stop()


def _operations() -> list[tuple[str, str]]:
    doc = json.loads(generate())
    return [(m.upper(), p) for p, item in doc["paths"].items() for m in item]


def _send(central, method: str, path: str, **kw) -> requests.Response:
    headers = {**AUTH, "Idempotency-Key": str(uuid.uuid4()), **kw.pop("headers", {})}
    return requests.request(method, central.url + path, headers=headers, timeout=10, **kw)


def _api_error(r: requests.Response, bad: str) -> ApiError:
    assert r.status_code < 500, (r.status_code, r.text[:200])
    if r.status_code >= 400:
        err = ApiError.model_validate_json(r.content)
        assert bad[:100] not in err.message and len(err.message) <= 300
        return err
    return None  # type: ignore[return-value]


@pytest.mark.parametrize("method, path", _operations())
def test_long_and_odd_input_on_every_route_never_gets_a_5xx(central, method, path):
    for bad in (LONG, ODD, "0" * 70):
        target = path.replace("{ticket_id}", requests.utils.quote(bad[:1500], safe="")).replace(
            "{payment_id}", requests.utils.quote(bad[:1500], safe="")
        )
        _api_error(_send(central, method, target), bad)
        _api_error(_send(central, method, target, params={"q": bad[:500]}), bad)
        if method == "POST":
            for body in (
                {
                    "code": bad,
                    "service_id": bad,
                    "value": bad,
                    "kind": "nik",
                    "reason": bad,
                    "mode": bad,
                    "terminal_id": bad,
                    "events": [bad],
                    "sent_at": bad,
                },
                {"devices": {bad: {"state": "ok"}}, "sent_at": "2026-01-01T00:00:00Z", "app_version": "1"},
                [bad],
                bad,
                None,
            ):
                _api_error(_send(central, method, target, json=body), bad)
            _api_error(_send(central, method, target, data=bad.encode("utf-8", "surrogatepass")), bad)
        printable = "".join(c for c in bad if " " < c <= "~")[:2000]  # what an HTTP header can carry
        _api_error(
            _send(central, method, target, headers={"Idempotency-Key": printable, "X-Terminal-Id": printable}),
            printable,
        )


def test_a_long_ticket_id_is_refused_not_a_500(central):
    # Before: the 404 message echoed the id into ApiError.message (max 2000) -> 500.
    r = _send(central, "GET", "/v1/tickets/" + "t" * 2010)
    assert r.status_code == 422 and ApiError.model_validate_json(r.content).code == "invalid_request"
    r = _send(central, "POST", "/v1/payments/" + "p" * 2010 + "/cancel")
    assert r.status_code == 422
    r = _send(central, "GET", "/v1/tickets/" + LONG)
    assert (r.status_code, r.json()["code"]) == (414, "uri_too_long")


def test_a_long_dictionary_key_is_not_echoed_whole(central):
    body = {"sent_at": "2026-01-01T00:00:00Z", "app_version": "1", "devices": {LONG: {"state": "on fire"}}}
    r = _send(central, "POST", "/v1/heartbeat", json=body)
    assert r.status_code == 422
    assert LONG[:50] not in r.json()["message"]


def test_size_limits(central):
    r = _send(
        central,
        "POST",
        "/v1/events",
        data=b"[" + b" " * (1024 * 1024 + 10) + b"]",
        headers={"Content-Type": "application/json"},
    )
    assert (r.status_code, r.json()["code"]) == (413, "body_too_large")

    def chunks():
        for _ in range(20):
            yield b" " * 65536

    r = _send(central, "POST", "/v1/events", data=chunks(), headers={"Content-Type": "application/json"})
    assert (r.status_code, r.json()["code"]) == (413, "body_too_large")  # no Content-Length: counted
    r = _send(central, "GET", "/v1/catalog", params={"q": "y" * 2100})
    assert (r.status_code, r.json()["code"]) == (414, "uri_too_long")
    r = _send(central, "GET", "/v1/catalog", headers={f"X-Pad-{i}": "z" * 1000 for i in range(17)})
    assert r.status_code == 431
    assert _send(central, "GET", "/v1/catalog").status_code == 200


def test_405_names_the_allowed_methods(central):
    r = _send(central, "DELETE", "/v1/catalog")
    assert r.status_code == 405 and r.headers["Allow"] == "GET"
    assert ApiError.model_validate_json(r.content).code == "method_not_allowed"


@pytest.mark.parametrize(
    "path, body, field",
    [
        (
            "/v1/heartbeat",
            {"sent_at": "2026-01-01T00:00:00Z", "app_version": "1", "open_for_citizens": 0},
            "open_for_citizens",
        ),
        (
            "/v1/heartbeat",
            {"sent_at": "2026-01-01T00:00:00Z", "app_version": "1", "journal_backlog": "3"},
            "journal_backlog",
        ),
        ("/v1/heartbeat", {"sent_at": 1767225600, "app_version": "1"}, "sent_at"),
        ("/v1/payments", {"service_id": "skck-baru", "amount_idr": "30000"}, "amount_idr"),
        ("/v1/payments", {"service_id": "skck-baru", "amount_idr": True}, "amount_idr"),
        ("/v1/tickets", {"service_id": 7}, "service_id"),
    ],
)
def test_no_lax_coercion_at_the_boundary(central, path, body, field):
    r = _send(central, "POST", path, json=body)
    assert r.status_code == 422, r.text
    assert field in r.json()["message"]


def test_an_integral_json_number_is_an_integer(central):
    # JSON Schema calls 30000.0 an integer, so the contract takes it.
    r = _send(central, "POST", "/v1/payments", json={"service_id": "skck-baru", "amount_idr": 30000.0})
    assert r.status_code == 200 and r.json()["amount_idr"] == 30000


def test_opening_hours_are_hh_mm_as_documented(central):
    catalog = _send(central, "GET", "/v1/catalog").json()
    hours = [h for s in catalog["services"] for h in s["hours"]]
    assert hours and all(len(h["opens"]) == 5 and len(h["closes"]) == 5 for h in hours)
    schema = json.loads(generate())["components"]["schemas"]["OpeningHours"]["properties"]["opens"]
    assert "format" not in schema and schema["pattern"] == "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"


def test_idempotency_key_is_documented_as_required_where_it_is(central):
    doc = json.loads(generate())
    for path in ("/v1/tickets", "/v1/payments", "/v1/bookings/check-in"):
        header = next(p for p in doc["paths"][path]["post"]["parameters"] if p["name"] == "idempotency-key")
        assert header["required"] is True, path
        r = requests.post(central.url + path, json={}, headers=AUTH, timeout=5)
        assert (r.status_code, r.json()["code"]) == (400, "idempotency_key_required")
        assert "400" in doc["paths"][path]["post"]["responses"]


def test_resolve_answers_not_found_for_a_nik_from_no_regency(central):
    # Same rule as the kiosk: the digits cannot be a NIK, so nobody is on record with them.
    for nik in ("5401015708850003", "3299015708850003"):
        r = _send(central, "POST", "/v1/identities/resolve", json={"kind": "nik", "value": nik})
        assert r.status_code == 200 and r.json()["found"] is False
    r = _send(central, "POST", "/v1/identities/resolve", json={"kind": "nik", "value": "3273022505600002"})
    assert r.json()["found"] is True
