"""Issue 5: a corpus of QRIS payloads, each with exactly one fault and a recomputed CRC.

Every payload is built from the central's own valid data objects, one of them changed, and
re-signed, so the CRC and every other rule pass and the named fault is the only one. The
validator must refuse it with the stable code given. A second corpus holds payloads that EMVCo
allows (UTF-8 inside the tag 64 language template, an unreserved template, more tag 62 data)
and that must pass.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from central.qris import Merchant, dynamic_qris
from kiosk.payments.qris import QrisError, crc16_ccitt_false, parse_tlv, validate_dynamic_qris

FEE = 350000
NMID = "ID1026000000001"


def tlv(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def base_objects() -> list[tuple[str, str]]:
    """The central's payload for FEE as (tag, value) pairs, without the CRC."""
    payload = dynamic_qris(Merchant(), FEE, "ANJ0123456789ABCDEF", "DEMO-01")
    return [item for item in parse_tlv(payload) if item[0] != "63"]


def sign(objects: list[tuple[str, str]]) -> str:
    body = "".join(tlv(tag, value) for tag, value in objects) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('utf-8')):04X}"


def with_tag(tag: str, value: str | None, objects=None) -> list[tuple[str, str]]:
    """``objects`` with ``tag`` replaced (None = removed) or, when absent, inserted in tag order."""
    objects = list(objects if objects is not None else base_objects())
    rest = [(t, v) for t, v in objects if t != tag]
    if value is None:
        return rest
    rest.append((tag, value))
    # Tag 00 stays first; the others sorted, as the spec lists them (order is not a rule here).
    return [rest[0], *sorted(rest[1:], key=lambda item: item[0])]


def template(*pairs: tuple[str, str]) -> str:
    return "".join(tlv(t, v) for t, v in pairs)


QRIS_ACCOUNT = ("00", "ID.CO.QRIS.WWW")
ADDITIONAL = (("01", "ANJ0123456789ABCDEF"), ("07", "DEMO-01"))

FAULTS = {
    # What would change the amount the bank app charges.
    "convenience fee 55=02 56=5000": (with_tag("56", "5000", with_tag("55", "02")), "surcharge"),
    "tip prompt 55=01": (with_tag("55", "01"), "surcharge"),
    "percentage fee 55=03 57=5": (with_tag("57", "5", with_tag("55", "03")), "surcharge"),
    "fixed fee 56 without 55": (with_tag("56", "5000"), "surcharge"),
    "percentage 57 without 55": (with_tag("57", "10"), "surcharge"),
    # What a bank app would refuse.
    "MCC missing": (with_tag("52", None), "mcc"),
    "MCC not numeric": (with_tag("52", "93A9"), "mcc"),
    "MCC three digits": (with_tag("52", "939"), "mcc"),
    "merchant name 26 characters": (with_tag("59", "M" * 26), "merchant_name"),
    "merchant city 16 characters": (with_tag("60", "C" * 16), "merchant_city"),
    "postal code 11 characters": (with_tag("61", "4" * 11), "field_length"),
    "merchant name not ASCII": (with_tag("59", "MPP KOTA BÄNDUNG"), "charset"),
    "tag 62 not TLV": (with_tag("62", "01ZZANJ"), "structure"),
    "tag 62 length past its end": (with_tag("62", "0130ANJ0123"), "structure"),
    "tag 62 sub-tag twice": (with_tag("62", template(("01", "A"), ("01", "B"))), "structure"),
    "tag 62 bill number 26 characters": (with_tag("62", template(("01", "B" * 26))), "additional_data"),
    "tag 62 consumer data request X": (with_tag("62", template(*ADDITIONAL, ("09", "X"))), "additional_data"),
    "tag 26 not TLV": (with_tag("26", "0018ID.CO.ANJUNGAN"), "structure"),
    "tag 51 without identifier": (with_tag("51", template(("02", NMID), ("03", "UMI"))), "merchant_account"),
    "tag 51 sub-tag twice": (with_tag("51", template(QRIS_ACCOUNT, ("02", NMID), ("02", NMID))), "structure"),
    "NMID 14 characters": (with_tag("51", template(QRIS_ACCOUNT, ("02", NMID[:-1]), ("03", "UMI"))), "nmid"),
    "NMID 16 characters": (with_tag("51", template(QRIS_ACCOUNT, ("02", NMID + "1"), ("03", "UMI"))), "nmid"),
    "NMID with a letter": (with_tag("51", template(QRIS_ACCOUNT, ("02", "ID10260000000A1"), ("03", "UMI"))), "nmid"),
    "tag 80 not TLV": (with_tag("80", "00XX"), "structure"),
    "tag 80 without identifier": (with_tag("80", template(("01", "x"))), "structure"),
    "tag 64 without a name": (with_tag("64", template(("00", "ZH"))), "language_template"),
    "tag 64 language 3 letters": (with_tag("64", template(("00", "ZHO"), ("01", "名"))), "language_template"),
    "tag 64 name 26 characters": (with_tag("64", template(("00", "ZH"), ("01", "名" * 26))), "language_template"),
    "tag 64 not TLV": (with_tag("64", "00ZHZH"), "structure"),
    "UTF-8 outside tag 64": (with_tag("62", template(("01", "账单"))), "charset"),
}

ALLOWED = {
    "the central's own payload": base_objects(),
    "UTF-8 in the language template": with_tag(
        "64", template(("00", "ZH"), ("01", "万隆市公共服务中心"), ("02", "万隆"))
    ),
    "Javanese script in the language template": with_tag("64", template(("00", "JV"), ("01", "ꦩꦺꦴꦭ꧀ꦥꦼꦭꦪꦤꦤ꧀"))),
    "an unreserved template": with_tag("80", template(("00", "ID.GO.BANDUNG.WWW"), ("01", "loket-3"))),
    "more additional data": with_tag("62", template(*ADDITIONAL, ("05", "REF-1"), ("08", "Paspor baru"), ("09", "ME"))),
    "name and city at their limits": with_tag("60", "C" * 15, with_tag("59", "M" * 25)),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_each_single_fault_is_refused(name):
    objects, code = FAULTS[name]
    with pytest.raises(QrisError) as err:
        validate_dynamic_qris(sign(objects), FEE, expected_nmid=NMID)
    assert err.value.code == code, str(err.value)


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_what_emvco_allows_passes(name):
    parsed = validate_dynamic_qris(sign(ALLOWED[name]), FEE, expected_nmid=NMID)
    assert parsed.amount == str(FEE) and parsed.nmid == NMID


def test_language_template_text_is_kept_as_unicode():
    parsed = validate_dynamic_qris(sign(ALLOWED["UTF-8 in the language template"]), FEE)
    assert parsed.templates["64"]["01"] == "万隆市公共服务中心"
    assert parsed.bill_number == "ANJ0123456789ABCDEF"


def test_error_messages_do_not_echo_long_input():
    with pytest.raises(QrisError) as err:
        validate_dynamic_qris(sign(with_tag("01", "1" * 99)), FEE)
    assert len(str(err.value)) < 120


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["01", "02", "03"]), st.integers(min_value=1, max_value=10**9), st.booleans())
def test_any_tip_or_convenience_fee_is_refused(indicator, fee, with_value):
    objects = with_tag("55", indicator)
    if with_value and indicator != "01":
        objects = with_tag("56" if indicator == "02" else "57", str(fee)[: 5 if indicator == "03" else 13], objects)
    with pytest.raises(QrisError) as err:
        validate_dynamic_qris(sign(objects), FEE)
    assert err.value.code == "surcharge"


printable_ascii = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1)


@settings(max_examples=150, deadline=None)
@given(
    name=printable_ascii.filter(str.strip).map(lambda s: s[:25]),
    city=printable_ascii.filter(str.strip).map(lambda s: s[:15]),
    mcc=st.from_regex(r"\A[0-9]{4}\Z"),
    alternate=st.text(alphabet=st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=25).filter(
        lambda s: s.strip() and s.isprintable()
    ),
)
def test_valid_payloads_pass_whatever_their_text(name, city, mcc, alternate):
    objects = with_tag("59", name, with_tag("60", city, with_tag("52", mcc)))
    objects = with_tag("64", template(("00", "ID"), ("01", alternate)), objects)
    parsed = validate_dynamic_qris(sign(objects), FEE, expected_nmid=NMID)
    assert parsed.templates["64"]["01"] == alternate and parsed.tags["52"] == mcc


@settings(max_examples=150, deadline=None)
@given(tag=st.sampled_from(["59", "60", "61"]), extra=st.integers(min_value=1, max_value=60))
def test_over_long_name_city_or_postal_code_is_refused(tag, extra):
    limit = {"59": 25, "60": 15, "61": 10}[tag]
    with pytest.raises(QrisError):
        validate_dynamic_qris(sign(with_tag(tag, "X" * (limit + extra))), FEE)
