import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.identity.nik import NikError, mask_nik, parse_nik

TODAY = dt.date(2026, 11, 28)


def test_valid_male_nik():
    info = parse_nik("3201011508800003", today=TODAY)
    assert info.province_code == "32"
    assert info.province_name == "Jawa Barat"
    assert info.regency_code == "3201"
    assert info.district_code == "320101"
    assert info.birth_date == dt.date(1980, 8, 15)
    assert info.sex == "M"
    assert info.age_on(TODAY) == 46


def test_women_have_day_plus_40():
    info = parse_nik("3171045512650001", today=TODAY)
    assert info.sex == "F"
    assert info.birth_date == dt.date(1965, 12, 15)
    assert info.age_on(dt.date(2025, 12, 14)) == 59
    assert info.age_on(dt.date(2025, 12, 15)) == 60


def test_recent_birth_is_this_century():
    assert parse_nik("3578010101200007", today=TODAY).birth_date == dt.date(2020, 1, 1)


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("320101150880000", "length"),
        ("32010115088000031", "length"),
        ("32010115088O0003", "digits"),
        ("", "length"),
        ("2001011508800003", "province"),
        ("9901011508800003", "province"),
        ("3200011508800003", "regency"),
        ("3201001508800003", "district"),
        ("3201013208800003", "birth_date"),  # day 32
        ("3201017208800003", "birth_date"),  # day 72 (32 + 40)
        ("3201011513800003", "birth_date"),  # month 13
        ("3201013102800003", "birth_date"),  # 31 February
        ("3201011508800000", "serial"),
    ],
)
def test_invalid_nik_says_what_is_wrong(nik, code):
    with pytest.raises(NikError) as err:
        parse_nik(nik, today=TODAY)
    assert err.value.code == code
    assert err.value.message


def test_mask_keeps_first_and_last_four():
    assert mask_nik("3201011508800003") == "3201\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u20220003"
    assert "150880" not in mask_nik("3201011508800003")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=24) | st.from_regex(r"\A[0-9]{16}\Z"))
def test_fuzz_only_nik_error(s):
    try:
        info = parse_nik(s, today=TODAY)
    except NikError:
        return
    assert info.birth_date <= TODAY
    assert len(s.strip()) == 16
