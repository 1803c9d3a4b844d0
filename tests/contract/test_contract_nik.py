"""NIK structure checks and masking."""

from datetime import date

import pytest

from kiosk.contract.nik import InvalidNik, is_valid_nik, mask_name, mask_nik, parse_nik

TODAY = date(2026, 11, 28)


def test_parse_female_nik_subtracts_forty_from_the_day():
    info = parse_nik("3273015708850003", today=TODAY)
    assert (info.region_code, info.birth_date, info.female) == ("327301", date(1985, 8, 17), True)


def test_two_digit_year_never_lies_in_the_future():
    assert parse_nik("3273030101050004", today=TODAY).birth_date == date(2005, 1, 1)
    assert parse_nik("3273032505600002", today=TODAY).birth_date == date(1960, 5, 25)
    assert parse_nik("3273032512260002", today=TODAY).birth_date == date(1926, 12, 25)


@pytest.mark.parametrize(
    "nik, message",
    [
        ("327301570885000", "16 digits"),
        ("32730157088500a3", "16 digits"),
        ("3273013208850003", "birth date"),  # day 32
        ("3273011513850003", "birth date"),  # month 13
        ("3273015708850000", "serial"),
        ("0073015708850003", "region"),
    ],
)
def test_invalid_niks_are_rejected_without_echoing_digits(nik, message):
    with pytest.raises(InvalidNik, match=message) as exc:
        parse_nik(nik, today=TODAY)
    assert nik not in str(exc.value)
    assert not is_valid_nik(nik, today=TODAY)


def test_masks():
    assert mask_nik("3201234567890003") == "3201••••••••0003"
    assert mask_name("Siti  Rahmawati") == "S••• R••••••••"


# ---- one rule for kiosk and central, with the Kemendagri region list (issue 12, defect 7) ----

from kiosk.contract.identity import IdentityResolveRequest
from kiosk.contract.nik_regions import PROVINCES, REGENCIES, RETIRED_REGENCIES
from kiosk.identity import nik as kiosk_nik


@pytest.mark.parametrize("province", ["54", "77", "99", "20", "37"])
def test_province_codes_outside_the_38_are_refused_by_both(province):
    nik = province + "01015708850003"
    with pytest.raises(InvalidNik) as exc:
        parse_nik(nik, today=TODAY)
    assert exc.value.code == "province"
    with pytest.raises(kiosk_nik.NikError):
        kiosk_nik.parse_nik(nik, today=TODAY)


@pytest.mark.parametrize("regency", ["3299", "3230", "1199", "9699", "7399", "6400", "9100"])
def test_made_up_regency_is_refused(regency):
    nik = regency + "015708850003"
    with pytest.raises(InvalidNik) as exc:
        parse_nik(nik, today=TODAY)
    assert exc.value.code == "regency"
    assert nik not in str(exc.value)
    with pytest.raises(kiosk_nik.NikError) as kiosk_exc:
        kiosk_nik.parse_nik(nik, today=TODAY)
    assert kiosk_exc.value.code == "regency"


def test_real_regencies_pass_including_new_and_retired_codes():
    # Kota Bandung, Papua Barat Daya's Kota Sorong (2022), and Kota Sorong's former code 9271:
    # a NIK keeps the code it was issued with.
    for regency in ("3273", "9671", "9271"):
        assert parse_nik(regency + "015708850003", today=TODAY).regency_code == regency
    # Merauke's code before the 2022 split (now 9301) is on NIKs for life but in no shipped list:
    # in the two provinces with such gaps only 00 is refused.
    assert parse_nik("9101015708850003", today=TODAY).regency_code == "9101"


def test_region_list_is_the_kemendagri_one():
    assert len(PROVINCES) == 38
    assert len(REGENCIES) == 514
    assert REGENCIES["3273"] == "Kota Bandung"
    assert all(code[:2] in PROVINCES for code in [*REGENCIES, *RETIRED_REGENCIES])
    assert not set(REGENCIES) & set(RETIRED_REGENCIES)


def test_kiosk_and_contract_agree_on_a_sample_of_niks():
    samples = [
        p + r + "015708850003" for p in ("11", "32", "54", "65", "91", "96", "99") for r in ("01", "71", "79", "99")
    ]
    verdicts = {nik: is_valid_nik(nik, today=TODAY) for nik in samples}
    assert verdicts == {nik: _kiosk_ok(nik) for nik in samples}
    assert verdicts["3271015708850003"] and not verdicts["3299015708850003"] and not verdicts["5401015708850003"]


def _kiosk_ok(nik: str) -> bool:
    try:
        kiosk_nik.parse_nik(nik, today=TODAY)
    except kiosk_nik.NikError:
        return False
    return True


def test_identity_request_takes_sixteen_digits_and_never_echoes_them():
    # The shape is the request's business (422); whether the digits can be a NIK is the central's
    # answer (found: false), with the same rule: see tests/central/test_central_contract_limits.py.
    assert IdentityResolveRequest(kind="nik", value="5401015708850003").value == "5401015708850003"
    with pytest.raises(ValueError) as exc:
        IdentityResolveRequest(kind="nik", value="54010157088500031234")
    assert "54010157088500031234" not in str(exc.value)
