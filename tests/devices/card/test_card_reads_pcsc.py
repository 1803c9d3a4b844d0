"""Reading each card profile through pyscard + a real pcscd + vpcd + a virtual card."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.devices.card import (
    CardInserted,
    CardNeedsMrz,
    CardRead,
    CardReaderService,
    CardReaderSettings,
    CardReadFailed,
    CardRemoved,
    ReaderServiceState,
    ReadersChanged,
)
from kiosk.identity.mrz import MrzInfo
from tests.pcsc.cards import EmrtdCard, UidCard, td3_mrz
from tests.pcsc.events import EventLog

pytestmark = pytest.mark.pcsc

MRZ = MrzInfo("C1234567", "850315", "310101")
MRZ_TEXT = td3_mrz("C1234567", "IDN", "850315", "M", "310101", "SANTOSO", "BUDI")
SETTINGS = CardReaderSettings(poll_interval_s=0.1, read_timeout_s=3.0,
                              restart_backoff_initial_s=0.1, restart_backoff_max_s=0.5)


@pytest.fixture
def service(vpcd):
    log = EventLog()
    svc = CardReaderService(SETTINGS, listeners=[log])
    svc.start()
    log.wait_for(ReaderServiceState, lambda e: e.state == "ok")
    yield svc, log
    assert svc.stop()


def test_readers_are_listed(service):
    svc, log = service
    changed = log.wait_for(ReadersChanged)
    assert changed.names == ("Virtual PCD 00 00", "Virtual PCD 00 01")
    assert svc.state == "ok"


def test_uid_card(vpcd, service):
    _, log = service
    vpcd.insert(UidCard(bytes.fromhex("04A1B2C3D4E5F6")), slot=0)
    inserted = log.wait_for(CardInserted)
    assert inserted.reader == "Virtual PCD 00 00"
    assert inserted.atr_hex.startswith("3B8F8001")
    read = log.wait_for(CardRead)
    assert read.identity.source == "uid"
    assert read.identity.uid_hex == "04A1B2C3D4E5F6"
    assert "A1B2C3D4" not in repr(read.identity)
    vpcd.remove_all()
    assert log.wait_for(CardRemoved).reader == "Virtual PCD 00 00"


def test_emrtd_with_mrz_already_typed(vpcd, service):
    svc, log = service
    svc.provide_mrz(MRZ)
    vpcd.insert(EmrtdCard(MRZ, MRZ_TEXT), slot=1)
    read = log.wait_for(CardRead)
    ident = read.identity
    assert read.reader == "Virtual PCD 00 01"
    assert ident.source == "emrtd"
    assert ident.name == "BUDI SANTOSO"
    assert ident.masked_name() == "BUDI S******"
    assert ident.document_number == "C1234567"
    assert ident.birth_date == dt.date(1985, 3, 15)
    assert ident.expiry == dt.date(2031, 1, 1)
    assert (ident.sex, ident.nationality, ident.issuing_state) == ("M", "IDN", "IDN")
    assert "SANTOSO" not in repr(ident) and "C1234567" not in repr(ident)
    assert read.apdu_count >= 5  # select, challenge, authenticate, 2+ protected reads


def test_emrtd_asks_for_mrz_then_reads_the_card_still_on_the_reader(vpcd, service):
    svc, log = service
    vpcd.insert(EmrtdCard(MRZ, MRZ_TEXT), slot=0)
    need = log.wait_for(CardNeedsMrz)
    assert need.wrong_key is False
    assert not log.of(CardRead)
    svc.provide_mrz(MRZ)
    assert log.wait_for(CardRead).identity.document_number == "C1234567"


def test_wrong_bac_key_is_refused_by_the_chip(vpcd, service):
    svc, log = service
    svc.provide_mrz(MrzInfo("C1234567", "850316", "310101"))  # birth date off by one day
    vpcd.insert(EmrtdCard(MRZ, MRZ_TEXT), slot=0)
    need = log.wait_for(CardNeedsMrz)
    assert need.wrong_key is True
    assert not log.of(CardRead)
    mark = log.mark()
    svc.provide_mrz(MRZ)  # corrected on the keypad
    assert log.wait_for(CardRead, after=mark).identity.name == "BUDI SANTOSO"
    assert not log.of(CardReadFailed)


def test_diagnostics_check_readers(vpcd):
    from kiosk.devices.card.diagnostics import check_readers

    vpcd.insert(UidCard(), slot=1)
    vpcd_settle = check_readers()
    assert vpcd_settle.state == "ok"
    assert vpcd_settle.readers == ("Virtual PCD 00 00", "Virtual PCD 00 01")
    vpcd.stop()
    assert check_readers().state == "no_service"
