"""The card reader service under failure: card pulled mid-read, pcscd dying, a card that never
answers, garbage answers, readers appearing and disappearing. It must report, never crash."""

from __future__ import annotations

import threading

import pytest

from kiosk.devices.card import (
    CardInserted,
    CardNeedsMrz,
    CardRead,
    CardReaderService,
    CardReaderSettings,
    CardReadFailed,
    CardRemoved,
    ReadersChanged,
    ReaderServiceState,
)
from kiosk.identity.mrz import MrzInfo
from tests.pcsc.cards import EmrtdCard, GarbageCard, SilentCard, UidCard, VanishingCard, td3_mrz
from tests.pcsc.events import EventLog

pytestmark = pytest.mark.pcsc

MRZ = MrzInfo("C1234567", "850315", "310101")
MRZ_TEXT = td3_mrz("C1234567", "IDN", "850315", "M", "310101", "SANTOSO", "BUDI")
SETTINGS = CardReaderSettings(
    poll_interval_s=0.1,
    read_timeout_s=1.5,
    removal_grace_s=1.5,
    restart_backoff_initial_s=0.1,
    restart_backoff_max_s=0.4,
)


@pytest.fixture
def service(vpcd):
    log = EventLog()
    svc = CardReaderService(SETTINGS, listeners=[log])
    svc.start()
    log.wait_for(ReaderServiceState, lambda e: e.state == "ok")
    yield svc, log
    assert svc.stop()
    assert svc.state == "stopped"


@pytest.mark.parametrize("at", [1, 3, 5])
def test_card_removed_mid_read_then_clean_retry(vpcd, service, at):
    svc, log = service
    svc.provide_mrz(MRZ)
    link = vpcd.insert(VanishingCard(EmrtdCard(MRZ, MRZ_TEXT), at=at), slot=0)
    failed = log.wait_for(CardReadFailed)
    assert failed.reason == "removed"
    assert "hold the card still" in failed.message
    assert link.wait_closed(5)
    log.wait_for(CardRemoved)
    assert not log.of(CardRead)
    mark = log.mark()
    vpcd.insert(EmrtdCard(MRZ, MRZ_TEXT), slot=0)  # the citizen tries again
    assert log.wait_for(CardRead, after=mark).identity.name == "BUDI SANTOSO"


def test_pcscd_killed_and_restarted_while_running(vpcd, service):
    _svc, log = service
    vpcd.insert(UidCard(bytes.fromhex("04000001")), slot=0)
    assert log.wait_for(CardRead).identity.uid_hex == "04000001"
    vpcd.kill()
    log.wait_for(ReaderServiceState, lambda e: e.state == "no_service")
    mark = log.mark()
    vpcd.remove_all(settle=False)
    vpcd.start()
    log.wait_for(ReaderServiceState, lambda e: e.state == "ok", after=mark)
    vpcd.insert(UidCard(bytes.fromhex("04000002")), slot=0)
    read = log.wait_for(CardRead, lambda e: e.identity.uid_hex == "04000002", after=mark)
    assert read.reader == "Virtual PCD 00 00"


def test_pcscd_down_at_start_then_up(vpcd):
    vpcd.stop()
    log = EventLog()
    svc = CardReaderService(SETTINGS, listeners=[log])
    svc.start()
    try:
        log.wait_for(ReaderServiceState, lambda e: e.state == "no_service")
        vpcd.start()
        log.wait_for(ReaderServiceState, lambda e: e.state == "ok")
        vpcd.insert(UidCard(), slot=1)
        assert log.wait_for(CardRead).reader == "Virtual PCD 00 01"
    finally:
        assert svc.stop()


def test_card_that_never_answers_times_out_and_service_lives_on(vpcd, service):
    svc, log = service
    silent = vpcd.insert(SilentCard(), slot=0)
    failed = log.wait_for(CardReadFailed)
    assert failed.reason == "timeout"
    assert failed.reader == "Virtual PCD 00 00"
    # the other reader still works while the first one is stuck on the silent card
    vpcd.insert(UidCard(bytes.fromhex("04ABCDEF")), slot=1)
    read = log.wait_for(CardRead)
    assert (read.reader, read.identity.uid_hex) == ("Virtual PCD 00 01", "04ABCDEF")
    # taking the silent card away frees the first reader for the next citizen
    mark = log.mark()
    silent.remove()
    log.wait_for(CardRemoved, lambda e: e.reader == "Virtual PCD 00 00", after=mark)
    vpcd.insert(UidCard(bytes.fromhex("04000003")), slot=0)
    again = log.wait_for(CardRead, lambda e: e.reader == "Virtual PCD 00 00", after=mark)
    assert again.identity.uid_hex == "04000003"
    assert svc.state == "ok"


class HeldOnFirstApdu(SilentCard):
    """Never answers; tells the test when the reader has started on it."""

    def __init__(self) -> None:
        self.asked = threading.Event()

    def apdu(self, command: bytes) -> bytes:
        self.asked.set()
        return super().apdu(command)


def test_a_reads_outcome_carries_the_session_it_began_in(vpcd, service):
    # The kiosk's next citizen may have begun by the time a slow read ends: its outcome says
    # whose it was (issue 12), here a read that began in session 1 and timed out in session 2.
    svc, log = service
    svc.begin_session(1)
    held = HeldOnFirstApdu()
    silent = vpcd.insert(held, slot=0)
    assert held.asked.wait(10)
    svc.begin_session(2)
    failed = log.wait_for(CardReadFailed)
    assert (failed.reason, failed.session_id) == ("timeout", 1)
    mark = log.mark()
    silent.remove()
    vpcd.insert(UidCard(bytes.fromhex("04000004")), slot=1)
    assert log.wait_for(CardRead, after=mark).session_id == 2


@pytest.mark.parametrize("seed", range(6))
def test_garbage_answers_are_reported_not_crashed_on(vpcd, service, seed):
    svc, log = service
    svc.provide_mrz(MRZ)
    vpcd.insert(GarbageCard(seed), slot=0)
    log.wait_for(CardInserted)
    outcome = log.wait_for(object, lambda e: isinstance(e, (CardRead, CardReadFailed, CardNeedsMrz)))
    assert isinstance(outcome, CardReadFailed)
    assert outcome.reason == "unreadable"
    vpcd.remove_all()
    # still alive: a good card reads afterwards
    mark = log.mark()
    vpcd.insert(UidCard(bytes.fromhex("04C0FFEE")), slot=0)
    assert log.wait_for(CardRead, after=mark).identity.uid_hex == "04C0FFEE"


def test_reader_unplugged_and_plugged_back(vpcd, service):
    """pcscd restarted without, then with, the vpcd reader: what a USB unplug looks like."""
    _svc, log = service
    mark = log.mark()
    vpcd.restart(with_reader=False)
    log.wait_for(ReaderServiceState, lambda e: e.state == "no_readers", after=mark)
    assert log.wait_for(ReadersChanged, lambda e: e.names == (), after=mark)
    mark = log.mark()
    vpcd.restart(with_reader=True)
    log.wait_for(ReaderServiceState, lambda e: e.state == "ok", after=mark)
    vpcd.insert(UidCard(bytes.fromhex("04111111")), slot=0)
    assert log.wait_for(CardRead, after=mark).identity.uid_hex == "04111111"


def test_reader_name_filter(vpcd):
    log = EventLog()
    settings = SETTINGS.model_copy(update={"reader_name_filter": "pcd 00 01"})
    svc = CardReaderService(settings, listeners=[log])
    svc.start()
    try:
        assert log.wait_for(ReadersChanged).names == ("Virtual PCD 00 01",)
        vpcd.insert(UidCard(bytes.fromhex("04222222")), slot=0)  # ignored reader
        vpcd.insert(UidCard(bytes.fromhex("04333333")), slot=1)
        read = log.wait_for(CardRead)
        assert read.identity.uid_hex == "04333333"
        assert all(e.reader == "Virtual PCD 00 01" for e in log.of(CardInserted))
    finally:
        assert svc.stop()


def test_a_failing_listener_does_not_stop_the_reader(vpcd):
    log = EventLog()

    def broken(event):
        raise RuntimeError("listener bug")

    svc = CardReaderService(SETTINGS, listeners=[broken, log])
    svc.start()
    try:
        log.wait_for(ReaderServiceState, lambda e: e.state == "ok")
        vpcd.insert(UidCard(), slot=0)
        assert log.wait_for(CardRead).identity.source == "uid"
    finally:
        assert svc.stop()


def test_all_pyscard_calls_stay_on_the_service_threads(vpcd, monkeypatch):
    """Every SCard* call of the service runs on a card-pcsc-N thread, never on the caller's;
    only SCardCancel (made by PC/SC for another thread) runs on the service's card-wake thread."""
    from smartcard import scard

    seen: set[tuple[str, str]] = set()
    for name in (
        "SCardEstablishContext",
        "SCardListReaders",
        "SCardGetStatusChange",
        "SCardConnect",
        "SCardTransmit",
        "SCardDisconnect",
        "SCardCancel",
    ):
        real = getattr(scard, name)

        def spy(*a, _real=real, _name=name, **k):
            seen.add((threading.current_thread().name, _name))
            return _real(*a, **k)

        monkeypatch.setattr(scard, name, spy)
    log = EventLog()
    svc = CardReaderService(SETTINGS.model_copy(update={"poll_interval_s": 1.0}), listeners=[log])
    svc.start()
    try:
        vpcd.insert(UidCard(), slot=0)
        log.wait_for(CardRead)
        vpcd.insert(EmrtdCard(MRZ, MRZ_TEXT), slot=1)
        log.wait_for(CardNeedsMrz)
        mark = log.mark()
        svc.provide_mrz(MRZ)  # typed on the keypad (this thread): the read starts at once
        log.wait_for(CardRead, after=mark)
    finally:
        assert svc.stop()
    assert seen
    assert all(t.startswith("card-pcsc-") for t, name in seen if name != "SCardCancel"), seen
    assert all(t == "card-wake" for t, name in seen if name == "SCardCancel"), seen
