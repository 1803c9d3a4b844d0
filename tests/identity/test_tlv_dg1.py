import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.identity import tlv
from kiosk.identity.icao.dg1 import Dg1Error, parse_dg1

TODAY = dt.date(2026, 11, 28)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def test_multibyte_tag_and_long_length():
    value = bytes(200)
    raw = tlv.encode(0x5F1F, value)
    assert raw[:4] == bytes.fromhex("5F1F81C8")
    item, end = tlv.parse_one(raw)
    assert (item.tag, item.value, end) == (0x5F1F, value, len(raw))
    assert tlv.header_length(raw[:4]) == len(raw)


def test_constructed_children():
    raw = tlv.encode(0x61, tlv.encode(0x5F1F, b"AB") + tlv.encode(0x02, b"\x01"))
    outer = tlv.parse_all(raw)[0]
    assert outer.constructed
    assert [c.tag for c in outer.children()] == [0x5F1F, 0x02]


@pytest.mark.parametrize("raw", ["5F", "5F1F", "5F1F05AABB", "6180", "6185FFFFFFFFFF", "01820100", "5FFFFFFF0100"])
def test_malformed(raw):
    with pytest.raises(tlv.TlvError):
        tlv.parse_all(bytes.fromhex(raw))


def test_repr_hides_value():
    assert "SECRET" not in repr(tlv.Tlv(0x5F1F, b"SECRET"))


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=64))
def test_fuzz_tlv_only_tlv_error(data):
    try:
        items = tlv.parse_all(data)
    except tlv.TlvError:
        return
    # a successful parse re-encodes to at most the input size (non-minimal lengths shrink)
    assert sum(len(tlv.encode(i.tag, i.value)) for i in items) <= len(data)


def dg1_bytes(mrz: str) -> bytes:
    return tlv.encode(0x61, tlv.encode(0x5F1F, mrz.encode()))


def test_dg1_td3():
    dg1 = parse_dg1(dg1_bytes(TD3), today=TODAY)
    assert dg1.name == ("ERIKSSON", "ANNA MARIA")
    assert dg1.document_number == "L898902C3"
    assert dg1.birth_date == dt.date(1974, 8, 12)
    assert dg1.expiry == dt.date(2012, 4, 15)
    assert (dg1.nationality, dg1.sex, dg1.issuing_state, dg1.document_code) == ("UTO", "F", "UTO", "P")
    assert "ERIKSSON" not in repr(dg1)


def test_dg1_bad_check_digit():
    bad = TD3[:57] + "3" + TD3[58:]  # birth date 740812 -> 740813, check digit now wrong
    with pytest.raises(Dg1Error) as err:
        parse_dg1(dg1_bytes(bad), today=TODAY)
    assert err.value.code == "check_digit"


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=120),
        st.builds(lambda b: dg1_bytes_raw(b), st.binary(max_size=100)),
        st.builds(
            lambda i, c: dg1_bytes(TD3[:i] + c + TD3[i + 1 :]),
            st.integers(0, 87),
            st.sampled_from("0123456789<ABZ\xe9"),
        ),
    )
)
def test_fuzz_dg1_only_dg1_error(data):
    try:
        parse_dg1(data, today=TODAY)
    except Dg1Error:
        pass


def dg1_bytes_raw(b: bytes) -> bytes:
    return tlv.encode(0x61, tlv.encode(0x5F1F, b))
