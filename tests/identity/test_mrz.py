import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.identity.mrz import MrzError, MrzInfo, check_digit, parse_any, parse_td1, parse_td3

TODAY = dt.date(2026, 11, 28)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<"


@pytest.mark.parametrize(
    ("field", "digit"),
    [
        ("L898902C3", "6"),
        ("740812", "2"),
        ("120415", "9"),
        ("520727", "3"),
        ("<<<<<<", "0"),
    ],
)
def test_check_digits(field, digit):
    assert check_digit(field) == digit


def test_td3_specimen():
    m = parse_td3(TD3, today=TODAY)
    assert (m.document_code, m.issuing_state, m.nationality) == ("P", "UTO", "UTO")
    assert (m.surname, m.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert m.document_number == "L898902C3"
    assert m.birth_date == dt.date(1974, 8, 12)
    assert m.expiry_date == dt.date(2012, 4, 15)
    assert m.sex == "F"


def test_td1_specimen():
    m = parse_td1(TD1, today=TODAY)
    assert m.document_number == "D23145890"
    assert m.document_code == "I"
    assert (m.surname, m.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert m.birth_date == dt.date(1974, 8, 12)


@pytest.mark.parametrize("pos", [53, 63, 71, 86, 87])
def test_td3_any_changed_digit_field_fails_its_check(pos):
    s = TD3[:pos] + ("1" if TD3[pos] != "1" else "2") + TD3[pos + 1 :]
    with pytest.raises(MrzError):
        parse_td3(s, today=TODAY)


def test_bac_input_pads_short_document_numbers():
    assert MrzInfo("l898902c", "690806", "940623").key_seed_input() == "L898902C<369080619406236"
    with pytest.raises(MrzError):
        MrzInfo("L898-902", "690806", "940623")
    with pytest.raises(MrzError):
        MrzInfo("L898902C", "6908", "940623")


def test_mrz_info_repr_is_masked():
    assert "L898" not in repr(MrzInfo("L898902C", "690806", "940623"))


_MRZ_CHARS = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=100),
        st.text(_MRZ_CHARS, min_size=88, max_size=88),
        st.text(_MRZ_CHARS, min_size=90, max_size=90),
    )
)
def test_fuzz_only_mrz_error(s):
    try:
        m = parse_any(s, today=TODAY)
    except MrzError:
        return
    assert m.birth_date <= TODAY
