"""The demo catalogue loads; broken catalogue files fail with messages that point at the fix."""

from pathlib import Path

import pytest

from central.catalog_file import CatalogFileError, load_catalog_file
from central.cli import DEFAULT_CATALOG
from central.testing import catalog_variant
from kiosk.contract.nik import is_valid_nik


def test_demo_catalogue_is_a_realistic_mpp():
    cf = load_catalog_file(DEFAULT_CATALOG)
    cat = cf.catalog
    assert cat.site.name == "MPP Kota Bandung"
    agencies = {a.id for a in cat.agencies}
    assert {"dukcapil", "imigrasi", "bpjs-kesehatan", "samsat", "polri", "bpn", "pajak"} <= agencies
    for agency in agencies:
        assert 1 <= len(cat.services_for(agency)) <= 5, agency
    assert cat.service("paspor-biasa").fee_idr == 350000
    assert cat.service("skck-baru").fee_idr == 30000
    assert any(s.fee_idr == 0 for s in cat.services)
    assert {s.identity for s in cat.services} == {"none", "optional", "required"}
    assert all(s.name.en and s.description.en and s.zone.en for s in cat.services)
    assert any(h.weekday == 5 for s in cat.services for h in s.hours)  # some Saturday service
    assert set(cf.demo_waiting) == {s.id for s in cat.services}
    assert all(is_valid_nik(c.nik) for c in cf.citizens)
    assert {s.role for s in cf.staff} == {"staff", "technician"}
    assert cf.terminals == {}  # no terminal token is committed; kiosks enrol with a one-time code
    assert cf.enrolment_codes


def _broken(tmp_path: Path, old: str, new: str) -> str:
    path = catalog_variant(tmp_path / "catalog.toml", replace={old: new})
    with pytest.raises(CatalogFileError) as exc:
        load_catalog_file(path)
    message = str(exc.value)
    assert message.startswith(str(path) + ": ")
    return message


def test_missing_file(tmp_path):
    with pytest.raises(CatalogFileError, match="catalogue file not found"):
        load_catalog_file(tmp_path / "nope.toml")


def test_toml_syntax_error_names_the_line(tmp_path):
    msg = _broken(tmp_path, 'version = "2026.11-demo"', 'version = "2026.11-demo')
    assert "not valid TOML" in msg and "line" in msg


def test_bad_prefix_names_the_service_and_field(tmp_path):
    msg = _broken(tmp_path, 'prefix = "E"', 'prefix = "e1"')
    assert "services[4] (id 'paspor-biasa').prefix: String should match pattern" in msg


def test_duplicate_prefix(tmp_path):
    msg = _broken(tmp_path, 'prefix = "E"', 'prefix = "A"')
    assert "duplicate service prefix 'A'" in msg


def test_unknown_key_is_a_typo_not_ignored(tmp_path):
    msg = _broken(tmp_path, "fee_idr = 350000", "fee = 350000")
    assert "services[4] (id 'paspor-biasa'): unknown keys fee" in msg


def test_every_broken_entry_is_reported_at_once(tmp_path):
    path = catalog_variant(
        tmp_path / "catalog.toml", replace={"fee_idr = 350000": "fee_idr = -1", 'color = "#0B3D6B"': 'color = "blue"'}
    )
    with pytest.raises(CatalogFileError) as exc:
        load_catalog_file(path)
    lines = str(exc.value).splitlines()
    assert any(
        "services[4] (id 'paspor-biasa').fee_idr: Input should be greater than or equal to 0" in line for line in lines
    )
    assert any("agencies[1] (id 'imigrasi').color: String should match pattern" in line for line in lines)


def test_unknown_agency(tmp_path):
    msg = _broken(tmp_path, 'agency_id = "pln"', 'agency_id = "pdam"')
    assert "service 'pln-pasang-baru' names unknown agency_id 'pdam'" in msg


def test_bad_time_zone(tmp_path):
    msg = _broken(tmp_path, 'timezone = "Asia/Jakarta"', 'timezone = "WIB"')
    assert "[site].timezone" in msg and "unknown IANA time zone 'WIB'" in msg


def test_bad_hours(tmp_path):
    msg = _broken(tmp_path, 'hours = ["mon-fri 08:00-14:00"]', 'hours = ["weekdays 8-14"]')
    assert "hours[0]: 'weekdays 8-14' is not like \"mon-fri 08:00-15:00\"" in msg
    msg = _broken(tmp_path, 'hours = ["mon-fri 08:00-14:00"]', 'hours = ["mon-fri 15:00-08:00"]')
    assert "closes 08:00 must be after opens 15:00" in msg


def test_invalid_demo_nik(tmp_path):
    msg = _broken(tmp_path, 'nik = "3273015708850003"', 'nik = "3273015708850000"')
    assert "[demo].citizens.0.nik" in msg and "serial must not be 0000" in msg


def test_missing_services(tmp_path):
    path = tmp_path / "catalog.toml"
    path.write_text(
        'version = "1"\n[site]\nid = "x"\nname = "X"\ntimezone = "Asia/Jakarta"\n[[agencies]]\n'
        'id = "a"\nshort_name = "A"\ncolor = "#000000"\nname = { id = "A" }\n'
    )
    with pytest.raises(CatalogFileError, match=r"\[\[services\]\]: expected one or more"):
        load_catalog_file(path)


def test_cli_refuses_a_broken_catalogue_with_the_reason(tmp_path):
    from central.cli import main

    path = catalog_variant(tmp_path / "catalog.toml", replace={'timezone = "Asia/Jakarta"': 'timezone = "WIB"'})
    with pytest.raises(SystemExit) as exc:
        main(["--catalog", str(path), "--db", str(tmp_path / "c.sqlite3")])
    assert "the catalogue cannot be used" in str(exc.value) and "unknown IANA time zone 'WIB'" in str(exc.value)


@pytest.mark.parametrize("nik", ["5401015708850003", "3299015708850003"])
def test_demo_nik_from_no_province_or_regency_is_refused(tmp_path, nik):
    # The central's old check took any province >= 11 and any regency (issue 12, defect 7).
    msg = _broken(tmp_path, 'nik = "3273015708850003"', f'nik = "{nik}"')
    assert "[demo].citizens.0.nik" in msg and "region code" in msg and nik not in msg


def test_site_settings_are_read_and_bad_ones_named(tmp_path):
    from datetime import timedelta

    from central.cli import DEMO_CATALOGS
    from central.domain import RejoinAt
    from central.sites import load_sites

    bandung, badung = load_sites(DEMO_CATALOGS)
    assert bandung.settings.policy.no_show_window == timedelta(minutes=15)
    assert bandung.settings.announce_languages == ("id", "en")
    assert badung.settings.policy.no_show_window == timedelta(minutes=10)
    assert badung.settings.policy.ratio.regular == 3
    assert badung.settings.policy.transfer_rejoin is RejoinAt.END
    assert badung.settings.announce_languages == ("id",)
    message = _broken(tmp_path, 'transfer_rejoin = "original_time"', 'transfer_rejoin = "later"')
    assert '[settings].transfer_rejoin: must be one of "original_time", "end"' in message
    message = _broken(tmp_path, "priority = 1, regular = 2", "priority = 0, regular = 2")
    assert "[settings].priority_ratio: PriorityRatio.priority must be an integer from 1 to 20" in message
    message = _broken(tmp_path, 'announce_languages = ["id", "en"]', 'announce_languages = ["en"]')
    assert "[settings].announce_languages" in message
    message = _broken(tmp_path, "no_show_window_minutes = 15", "no_show_window_minutes = 600")
    assert "QueuePolicy.no_show_window" in message


def test_two_catalogues_of_one_site_are_refused(tmp_path):
    from central.sites import load_sites

    with pytest.raises(CatalogFileError, match="site 'mpp-bandung' is configured twice"):
        load_sites([DEFAULT_CATALOG, catalog_variant(tmp_path / "copy.toml")])
