import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.identity.mrz import MrzError, MrzInfo, check_digit, parse_any, parse_td1, parse_td2, parse_td3

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
        st.text(_MRZ_CHARS, min_size=72, max_size=72),
    )
)
def test_fuzz_only_mrz_error(s):
    try:
        m = parse_any(s, today=TODAY)
    except MrzError:
        return
    assert m.birth_date <= TODAY


TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<D231458907UTO7408122F1204159<<<<<<<6"


def test_td2_specimen():
    m = parse_td2(TD2, today=TODAY)
    assert (m.document_code, m.issuing_state, m.nationality) == ("I", "UTO", "UTO")
    assert (m.surname, m.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert m.document_number == "D23145890"
    assert (m.birth_date, m.expiry_date, m.sex) == (dt.date(1974, 8, 12), dt.date(2012, 4, 15), "F")
    assert m.optional_data == ""


def test_td1_optional_data_and_sex():
    s = TD1[:15] + "AB12" + TD1[19:]  # optional data of line 1, inside the whole-MRZ check
    s = s[:59] + check_digit(s[5:30] + s[30:37] + s[38:45] + s[48:59]) + s[60:]
    m = parse_td1(s, today=TODAY)
    assert m.optional_data == "AB12"
    assert (m.sex, m.nationality, m.expiry_date) == ("F", "UTO", dt.date(2012, 4, 15))


# Each check digit, changed, is reported as its own field's (checked before the composite one).
@pytest.mark.parametrize(
    ("parse", "specimen", "pos", "what"),
    [
        (parse_td3, TD3, 53, "document number"),
        (parse_td3, TD3, 63, "birth date"),
        (parse_td3, TD3, 71, "expiry date"),
        (parse_td3, TD3, 86, "optional data"),
        (parse_td3, TD3, 87, "whole line"),
        (parse_td1, TD1, 14, "document number"),
        (parse_td1, TD1, 36, "birth date"),
        (parse_td1, TD1, 44, "expiry date"),
        (parse_td1, TD1, 59, "whole MRZ"),
        (parse_td2, TD2, 45, "document number"),
        (parse_td2, TD2, 55, "birth date"),
        (parse_td2, TD2, 63, "expiry date"),
        (parse_td2, TD2, 71, "whole line"),
    ],
)
def test_changed_check_digit_names_its_field(parse, specimen, pos, what):
    s = specimen[:pos] + ("1" if specimen[pos] != "1" else "2") + specimen[pos + 1 :]
    with pytest.raises(MrzError) as err:
        parse(s, today=TODAY)
    assert (err.value.code, str(err.value)) == ("check_digit", f"check digit of the {what} does not match")


@pytest.mark.parametrize(
    ("parse", "message"),
    [
        (parse_td3, "a TD3 MRZ has 2 lines of 44 characters"),
        (parse_td1, "a TD1 MRZ has 3 lines of 30 characters"),
        (parse_td2, "a TD2 MRZ has 2 lines of 36 characters"),
    ],
)
def test_wrong_length_says_the_format(parse, message):
    with pytest.raises(MrzError) as err:
        parse("P<UTO", today=TODAY)
    assert (err.value.code, str(err.value)) == ("length", message)


def test_td2_reached_through_parse_any_with_line_breaks():
    m = parse_any(TD2[:36] + "\n" + TD2[36:] + "\r\n", today=TODAY)
    assert m.document_number == "D23145890"
