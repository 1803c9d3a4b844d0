"""Whatever bytes come back, the client raises nothing but CentralError subclasses."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.api.decode import parse_body, raise_for_status
from kiosk.api.errors import CentralError, CentralProtocolError
from kiosk.contract import Catalog, QueuesResponse, ResolvedIdentity, ServerTime, Ticket

MODELS = [Catalog, QueuesResponse, Ticket, ServerTime, ResolvedIdentity]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30,
)

VALID_TICKET = {
    "id": "0b7e2f0c-4c1a-4e0e-9a0f-1c2d3e4f5a6b",
    "number": "B-023",
    "service_id": "kk",
    "sequence": 23,
    "business_date": "2026-11-28",
    "status": "reserved",
    "reserved_at": "2026-11-28T03:00:00Z",
    "reservation_expires_at": "2026-11-28T03:02:00Z",
    "people_ahead": 4,
    "estimated_wait_minutes": 30,
    "zone": {"id": "Zona A", "en": "Zone A"},
    "track_url": "http://127.0.0.1/t/x",
    "terminal_id": "k1",
}


def _check(model, body: bytes) -> None:
    try:
        result = parse_body("GET /v1/x", body, model)
    except CentralProtocolError as exc:
        assert str(exc).startswith("GET /v1/x: ")
        assert len(str(exc)) < 300  # never dumps the body
    else:
        assert isinstance(result, model)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MODELS), st.binary(max_size=300))
def test_random_bytes(model, body):
    _check(model, body)


@settings(max_examples=150)
@given(st.sampled_from(MODELS), json_values)
def test_random_json(model, value):
    _check(model, json.dumps(value).encode())


@settings(max_examples=150)
@given(st.sampled_from(sorted(VALID_TICKET)), json_values)
def test_valid_ticket_with_one_field_replaced(field, value):
    _check(Ticket, json.dumps({**VALID_TICKET, field: value}).encode())


@settings(max_examples=50)
@given(st.integers(min_value=1, max_value=400))
def test_truncated_valid_ticket(cut):
    body = json.dumps(VALID_TICKET).encode()
    _check(Ticket, body[: min(cut, len(body) - 1)])


def test_deep_nesting_and_huge_numbers():
    _check(Ticket, b"[" * 100_000 + b"]" * 100_000)
    _check(Ticket, b'{"sequence": ' + b"9" * 10_000 + b"}")
    _check(Ticket, b'{"sequence": NaN}')


@settings(max_examples=150)
@given(
    st.integers(min_value=100, max_value=599),
    st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()),
)
def test_error_statuses_map_to_central_errors(status, body):
    try:
        raise_for_status("POST /v1/tickets", status, body)
    except CentralError:
        pass
    else:
        assert 200 <= status < 300
