"""docs/openapi.json must be what the reference central generates."""

from pathlib import Path

from central.openapi import generate

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_openapi_matches_the_app():
    assert COMMITTED.exists(), "docs/openapi.json is missing: run `python -m central.openapi docs/openapi.json`"
    assert COMMITTED.read_text(encoding="utf-8") == generate(), (
        "docs/openapi.json is out of date with the central app / contract models; regenerate it with "
        "`python -m central.openapi docs/openapi.json` and commit the result"
    )


def test_openapi_documents_the_contract():
    import json

    doc = json.loads(generate())
    assert {
        "/v1/catalog",
        "/v1/queues",
        "/v1/tickets",
        "/v1/tickets/{ticket_id}/confirm",
        "/v1/tickets/{ticket_id}/fail",
        "/v1/tickets/{ticket_id}",
        "/v1/time",
        "/v1/identities/resolve",
        "/v1/terminals/enrol",
        "/v1/payments",
        "/v1/payments/{payment_id}",
        "/v1/payments/{payment_id}/cancel",
        "/v1/payments/{payment_id}/refund",
    } <= set(doc["paths"])
    assert "/__faults__" not in doc["paths"]
    params = {p["name"] for p in doc["paths"]["/v1/tickets"]["post"]["parameters"]}
    assert {"idempotency-key", "x-terminal-id"} <= params
    schemas = doc["components"]["schemas"]
    assert schemas["Service"]["properties"]["prefix"]["description"].startswith("Ticket number prefix")
    assert "409" in doc["paths"]["/v1/tickets/{ticket_id}/confirm"]["post"]["responses"]
