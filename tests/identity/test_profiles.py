"""Card profiles against in-process virtual cards (no PC/SC): choice by ATR/response, e-KTP
fallback, SAM hook, chunked READ BINARY, and the masked identity model."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kiosk.identity import tlv
from kiosk.identity.channel import CardProtocolError
from kiosk.identity.icao import lds
from kiosk.identity.icao.bac import bac_keys
from kiosk.identity.model import CardIdentity, MrzNeeded, mask_name
from kiosk.identity.mrz import MrzInfo
from kiosk.identity.profiles import (
    EktpProfile,
    ReadContext,
    default_profiles,
    read_card,
)
from tests.pcsc.cards import EmrtdCard, UidCard, td3_mrz

MRZ = MrzInfo("C1234567", "850315", "310101")
MRZ_TEXT = td3_mrz("C1234567", "IDN", "850315", "F", "310101", "WULANDARI", "SITI AMINAH")


class Direct:
    """CardChannel straight onto a virtual card object."""

    def __init__(self, card) -> None:
        self.card = card
        self.count = 0

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.count += 1
        r = self.card.apdu(apdu)
        return r[:-2], int.from_bytes(r[-2:], "big")


def test_uid_card_goes_to_the_uid_profile():
    card = UidCard(bytes.fromhex("04112233"))
    ident = read_card(Direct(card), card.atr, default_profiles(), ReadContext())
    assert ident == CardIdentity(source="uid", uid_hex="04112233")


def test_emrtd_without_mrz_asks_for_it_and_sends_only_the_probe():
    card = EmrtdCard(MRZ, MRZ_TEXT)
    ch = Direct(card)
    assert read_card(ch, card.atr, default_profiles(), ReadContext()) == MrzNeeded()
    assert ch.count == 1


def test_emrtd_full_read_in_process():
    card = EmrtdCard(MRZ, MRZ_TEXT)
    ident = read_card(Direct(card), card.atr, default_profiles(), ReadContext(lambda: MRZ))
    assert ident.name == "SITI AMINAH WULANDARI"
    assert ident.masked_name() == "SITI A***** W********"
    assert ident.sex == "F"
    assert ident.age_on(dt.date(2026, 3, 15)) == 41


def test_refused_key_is_not_retried_on_the_same_card():
    card = EmrtdCard(MRZ, MRZ_TEXT)
    ch = Direct(card)
    wrong = MrzInfo("C1234567", "850315", "310102")
    ctx = ReadContext(lambda: wrong)
    assert read_card(ch, card.atr, default_profiles(), ctx) == MrzNeeded(wrong_key=True)
    before = ch.count
    assert read_card(ch, card.atr, default_profiles(), ctx) == MrzNeeded(wrong_key=True)
    assert ch.count == before + 1  # only the probe: no second EXTERNAL AUTHENTICATE


@pytest.mark.parametrize("refuse_sw", ["6300", "6982", "6988", "6A80", "6700"])
def test_any_refusal_of_the_mutual_authentication_is_a_wrong_key(refuse_sw):
    # Chips answer a failed EXTERNAL AUTHENTICATE with different status words (ICAO 9303 fixes
    # none): every one of them means "this data does not open the chip", never "unreadable".
    card = EmrtdCard(MRZ, MRZ_TEXT, refuse_sw=bytes.fromhex(refuse_sw))
    ctx = ReadContext(lambda: MrzInfo("C1234567", "850316", "310101"))
    assert read_card(Direct(card), card.atr, default_profiles(), ctx) == MrzNeeded(wrong_key=True)
    assert ctx.refused and card.external_authenticates == 1


@pytest.mark.parametrize("sw", ["6D00", "6E00"])
def test_a_chip_without_bac_is_not_a_wrong_key(sw):
    # No typing can open a chip that does not know the command: that stays "unreadable".
    card = EmrtdCard(MRZ, MRZ_TEXT, refuse_sw=bytes.fromhex(sw))
    ctx = ReadContext(lambda: MrzInfo("C1234567", "850316", "310101"))
    with pytest.raises(CardProtocolError):
        read_card(Direct(card), card.atr, default_profiles(), ctx)
    assert not ctx.refused


def test_read_file_in_chunks_with_long_form_length():
    card = EmrtdCard(MRZ, MRZ_TEXT)
    big = tlv.encode(0x75, bytes(range(256)) * 3)  # a DG2-sized file: 82 xx xx length
    card.files[0x02] = big
    ch = Direct(card)
    assert lds.select_application(ch)
    sm = lds.authenticate(ch, bac_keys(MRZ))
    assert lds.read_file(ch, sm, 0x02) == big
    assert ch.count == 3 + 1 + -(-(len(big) - 4) // lds.CHUNK)


def test_ektp_without_sam_falls_back_to_uid_and_asks_for_nik():
    card = UidCard(bytes.fromhex("04AABBCCDDEEFF"))
    profiles = default_profiles(ektp_atr_prefixes=(card.atr[:4],))
    ident = read_card(Direct(card), card.atr, profiles, ReadContext())
    assert ident.source == "uid"
    assert ident.nik_required is True
    assert ident.uid_hex == "04AABBCCDDEEFF"


def test_ektp_with_a_sam_session():
    class FakeSam:
        def recognises(self, atr: bytes) -> bool:
            return atr.startswith(b"\x3b\x8f")

        def read_identity(self, channel) -> CardIdentity:
            data, sw = channel.transmit(bytes.fromhex("FFCA000000"))
            assert sw == 0x9000
            return CardIdentity(
                source="ektp_sam", nik="3201011508800003", name="BUDI SANTOSO", uid_hex=data.hex().upper()
            )

    card = UidCard()
    ident = read_card(Direct(card), card.atr, [EktpProfile(FakeSam())], ReadContext())
    assert ident.source == "ektp_sam"
    assert "3201011508800003" not in repr(ident)
    assert "3201\u2022" in repr(ident)


def test_no_profile_matches():
    class Mute:
        atr = b"\x3b\x00"

        def apdu(self, command):
            return b"\x6d\x00"

    with pytest.raises(CardProtocolError):
        read_card(Direct(Mute()), Mute.atr, default_profiles(), ReadContext())


def test_implausible_uid_length():
    card = UidCard(b"\x01\x02")
    with pytest.raises(CardProtocolError):
        read_card(Direct(card), card.atr, default_profiles(), ReadContext())


def test_mask_name_and_repr():
    assert mask_name("BUDI SANTOSO") == "BUDI S******"
    assert mask_name("") == ""
    ident = CardIdentity(
        source="emrtd", name="BUDI SANTOSO", document_number="C1234567", birth_date=dt.date(1985, 3, 15)
    )
    text = repr(ident)
    assert "SANTOSO" not in text and "C1234567" not in text and "1985" not in text
    assert str(ident) == text
