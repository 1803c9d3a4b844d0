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
