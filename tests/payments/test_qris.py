"""The QRIS validator: real public payloads, the central's own payloads, and fuzzing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from central.qris import Merchant, dynamic_qris, tlv
from kiosk.payments.qris import QrisError, crc16_ccitt_false, parse_qris, validate_dynamic_qris

FIXTURES = [
    line.split("\t")
    for line in (Path(__file__).parent / "fixtures" / "public_qris.txt").read_text().splitlines()
    if line and not line.startswith("#")
]


def test_crc_check_value():
    assert crc16_ccitt_false(b"123456789") == 0x29B1  # the catalogue check value of CRC-16/CCITT-FALSE


@pytest.mark.parametrize("kind,payload", FIXTURES)
def test_real_public_payloads_parse_with_a_valid_crc(kind, payload):
    parsed = parse_qris(payload)
    assert parsed.tags["63"] == f"{crc16_ccitt_false(payload[:-4].encode()):04X}"
    assert parsed.tags["53"] == "360" and parsed.tags["58"] == "ID"
    if kind.startswith("dynamic"):
        amount = int(kind.split("-")[1])
        assert parsed.dynamic and parsed.amount == str(amount)
    else:
        assert not parsed.dynamic
        with pytest.raises(QrisError) as err:
            validate_dynamic_qris(payload, 10000, require_nmid=False)
        assert err.value.code in ("not_dynamic", "merchant_name")


def test_a_real_dynamic_payload_with_an_nmid_passes_the_full_check():
    payload = next(p for k, p in FIXTURES if k == "dynamic-10071")
    parsed = validate_dynamic_qris(payload, 10071)
    assert parsed.nmid == "ID2025378199850" and parsed.merchant_name == "PT Harta Tahta Sukaria"
    assert parsed.bill_number is None and parsed.tags["62"] == "0525jnKoyvoo7dqcUcM86B9hvu6bC"  # a reference label (05)
    with pytest.raises(QrisError) as err:
        validate_dynamic_qris(payload, 10070)
    assert err.value.code == "amount"
    with pytest.raises(QrisError) as err:
        validate_dynamic_qris(payload, 10071, expected_nmid="ID1026000000001")
    assert err.value.code == "nmid"


def central_payload(amount=350000, **merchant):
    return dynamic_qris(Merchant(**merchant), amount, "ANJ0123456789ABCDEF", "DEMO-01")


def test_the_central_payload_is_valid_for_its_amount_and_merchant():
    parsed = validate_dynamic_qris(central_payload(), 350000, expected_nmid="ID1026000000001")
    assert parsed.bill_number == "ANJ0123456789ABCDEF"
    assert parsed.merchant_name == "MPP KOTA BANDUNG" and parsed.tags["54"] == "350000"


def resign(body_without_crc: str) -> str:
    body = body_without_crc + "6304"
    return body + f"{crc16_ccitt_false(body.encode()):04X}"


@pytest.mark.parametrize(
    "old,new,code",
    [
        ("010212", "010211", "not_dynamic"),
        ("5303360", "5303840", "currency"),
        ("5802ID", "5802SG", "country"),
        ("5406350000", "5406350001", "amount"),
        ("5406350000", "5409350000.00", "amount"),
    ],
)
def test_each_rule_with_a_correct_crc(old, new, code):
    payload = central_payload()
    changed = resign(payload[:-8].replace(old, new, 1))
    with pytest.raises(QrisError) as err:
        validate_dynamic_qris(changed, 350000)
    assert err.value.code == code


def test_missing_name_city_or_nmid_is_refused():
    body = central_payload()[:-8]
    no_name = resign(body.replace(tlv("59", "MPP KOTA BANDUNG"), ""))
    with pytest.raises(QrisError) as err:
        validate_dynamic_qris(no_name, 350000)
    assert err.value.code == "merchant_name"
    no_nmid = resign(body.replace("0014ID.CO.QRIS.WWW", "0014ID.CO.XXXX.WWW"))
    with pytest.raises(QrisError) as err:
        validate_dynamic_qris(no_nmid, 350000)
    assert err.value.code == "nmid"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0), st.integers(min_value=0, max_value=0x7E))
def test_any_single_character_change_is_caught(position, char):
    payload = central_payload()
    i = position % len(payload)
    replacement = chr(max(0x20, char))
    if payload[i] == replacement:
        return
    corrupted = payload[:i] + replacement + payload[i + 1 :]
    with pytest.raises(QrisError):
        validate_dynamic_qris(corrupted, 350000, expected_nmid="ID1026000000001")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_the_parser(text):
    try:
        parse_qris(text)
    except QrisError as exc:
        assert exc.code
    # Nothing else may escape: a garbage answer from the central is a refusal, not a crash.


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=999_999_999),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ ", min_size=1, max_size=25).filter(lambda s: s.strip()),
)
def test_generated_payloads_round_trip(amount, name):
    parsed = validate_dynamic_qris(central_payload(amount, name=name), amount)
    assert parsed.amount == str(amount) and parsed.merchant_name == name.strip()


def test_a_lower_case_crc_is_a_changed_payload():
    payload = central_payload()
    lowered = payload[:-4] + payload[-4:].lower()
    assert lowered != payload, "the central's CRC has hex letters in this example"
    with pytest.raises(QrisError) as err:
        parse_qris(lowered)
    assert err.value.code == "crc"
