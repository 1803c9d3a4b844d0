"""The shared wire models: validation rules, helpers, forward compatibility."""

from datetime import UTC, date, datetime, time

import pytest
from pydantic import ValidationError

from central.catalog_file import load_catalog_file
from central.cli import DEFAULT_CATALOG
from kiosk.contract import (
    ApiError,
    Catalog,
    IdentityResolveRequest,
    LocalizedText,
    OpeningHours,
    QueuesResponse,
    ResolvedIdentity,
    ServerTime,
    Service,
    Site,
    Ticket,
    TicketFailRequest,
    TicketReserveRequest,
)

T = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_file(DEFAULT_CATALOG).catalog


def _ticket(**over):
    data = dict(
        id="0b7e2f0c-4c1a-4e0e-9a0f-1c2d3e4f5a6b",
        number="B-023",
        service_id="kartu-keluarga",
        sequence=23,
        business_date="2026-11-28",
        status="reserved",
        reserved_at=T.isoformat(),
        reservation_expires_at=T.isoformat(),
        people_ahead=4,
        estimated_wait_minutes=30,
        zone={"id": "Zona A", "en": "Zone A"},
        track_url="http://127.0.0.1/t/x",
        terminal_id="k1",
    )
    data.update(over)
    return data


def test_localized_text_falls_back_to_indonesian():
    text = LocalizedText(id="Paspor", en="")
    assert text.get("en") == "Paspor"
    assert LocalizedText(id="Paspor", en="Passport").get("en") == "Passport"
    assert LocalizedText(id="Paspor", en="Passport").get("fr") == "Paspor"


def test_site_rejects_unknown_time_zone_with_example():
    with pytest.raises(ValidationError, match=r"unknown IANA time zone 'Asia/Bandung'.*Asia/Jakarta"):
        Site(id="x", name="X", timezone="Asia/Bandung")
    assert Site(id="x", name="X", timezone="Asia/Makassar").tz.key == "Asia/Makassar"


def test_opening_hours_must_close_after_opening():
    with pytest.raises(ValidationError, match="Sat: closes 08:00 must be after opens 12:00"):
        OpeningHours(weekday=5, opens=time(12), closes=time(8))


def test_catalog_helpers(catalog: Catalog):
    imigrasi = catalog.services_for("imigrasi")
    assert [s.id for s in imigrasi] == ["paspor-biasa", "e-paspor"]
    assert catalog.service("paspor-biasa").fee_idr == 350000
    assert catalog.agency("polri").short_name == "SKCK"
    with pytest.raises(KeyError, match="no service 'nope'"):
        catalog.service("nope")
    with pytest.raises(KeyError):
        catalog.agency("nope")


def test_services_for_can_hide_disabled_services(catalog: Catalog):
    services = [s.model_copy(update={"enabled": s.id != "e-paspor"}) for s in catalog.services]
    changed = catalog.model_copy(update={"services": services})
    assert [s.id for s in changed.services_for("imigrasi", enabled_only=True)] == ["paspor-biasa"]
    assert len(changed.services_for("imigrasi")) == 2


def test_service_open_hours_in_local_time(catalog: Catalog):
    ktp = catalog.service("ktp-el")
    assert ktp.is_open_at(datetime(2026, 11, 28, 9, 0))  # a Saturday morning
    assert not ktp.is_open_at(datetime(2026, 11, 28, 13, 0))  # Saturday afternoon
    assert not ktp.is_open_at(datetime(2026, 11, 29, 9, 0))  # Sunday


def test_catalog_rejects_duplicate_prefix_and_unknown_agency(catalog: Catalog):
    data = catalog.model_dump(mode="json")
    data["services"][1]["prefix"] = data["services"][0]["prefix"]
    with pytest.raises(ValidationError, match="duplicate service prefix 'A'"):
        Catalog.model_validate(data)
    data = catalog.model_dump(mode="json")
    data["services"][0]["agency_id"] = "kua"
    with pytest.raises(ValidationError, match="service 'ktp-el' names unknown agency_id 'kua'"):
        Catalog.model_validate(data)


def test_catalog_json_round_trip(catalog: Catalog):
    assert Catalog.model_validate_json(catalog.model_dump_json()) == catalog


def test_service_prefix_must_be_one_or_two_capitals(catalog: Catalog):
    data = catalog.service("ktp-el").model_dump()
    for bad in ("a", "ABC", "1", ""):
        with pytest.raises(ValidationError, match="prefix"):
            Service.model_validate({**data, "prefix": bad})
    assert Service.model_validate({**data, "prefix": "AB"}).prefix == "AB"


def test_requests_forbid_unknown_fields_responses_ignore_them():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        TicketReserveRequest.model_validate({"service_id": "x", "urgent": True})
    ticket = Ticket.model_validate(_ticket(counter_hint="5"))
    assert ticket.number == "B-023"
    assert not hasattr(ticket, "counter_hint")
    assert ApiError.model_validate({"code": "x", "message": "y", "trace_id": "z"}).code == "x"


def test_models_are_frozen():
    req = TicketReserveRequest(service_id="x")
    with pytest.raises(ValidationError):
        req.service_id = "y"  # type: ignore[misc]


def test_ticket_requires_aware_datetimes_and_number_format():
    with pytest.raises(ValidationError, match="reserved_at"):
        Ticket.model_validate(_ticket(reserved_at="2026-11-28T03:00:00"))
    with pytest.raises(ValidationError, match="number"):
        Ticket.model_validate(_ticket(number="B23"))
    assert Ticket.model_validate(_ticket()).business_date == date(2026, 11, 28)


def test_fail_reason_is_bounded():
    with pytest.raises(ValidationError, match="200"):
        TicketFailRequest(reason="x" * 201)


def test_server_time_must_be_utc():
    with pytest.raises(ValidationError, match="UTC"):
        ServerTime.model_validate({"now": "2026-11-28T10:00:00+07:00", "site_timezone": "Asia/Jakarta"})
    assert ServerTime(now=T, site_timezone="Asia/Jakarta").now == T


def test_queues_lookup():
    q = QueuesResponse.model_validate(
        {"as_of": T.isoformat(), "queues": [{"service_id": "a", "waiting": 3, "estimated_wait_minutes": 9}]}
    )
    assert q.for_service("a").waiting == 3
    assert q.for_service("b") is None


def test_identity_request_normalises_uid_and_hides_the_value():
    req = IdentityResolveRequest(kind="uid", value="04:a1:b2:c3 d4:e5:f6")
    assert req.value == "04A1B2C3D4E5F6"
    assert "04A1" not in repr(req)
    with pytest.raises(ValidationError) as exc:
        IdentityResolveRequest(kind="nik", value="327301570885000")
    assert "NIK must be exactly 16 digits" in str(exc.value)
    assert "327301570885000" not in str(exc.value)
    with pytest.raises(ValidationError, match="4, 7 or 10 bytes"):
        IdentityResolveRequest(kind="uid", value="04A1B2")


def test_resolved_identity_defaults_to_not_staff():
    r = ResolvedIdentity(found=False)
    assert (r.is_staff, r.staff_role, r.birth_date) == (False, None, None)


def test_every_field_has_a_description():
    from kiosk import contract

    for name in contract.__all__:
        model = getattr(contract, name)
        if isinstance(model, type) and hasattr(model, "model_fields") and name not in ("RequestModel", "ResponseModel"):
            for field, info in model.model_fields.items():
                assert info.description, f"{name}.{field} has no docstring"
