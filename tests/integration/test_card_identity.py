"""A card on the reader identifies the citizen in the running kiosk: pyscard, Debian's pcscd,
vpcd and the project's virtual cards, and the reference central service resolving the UID."""

from __future__ import annotations

import pytest

from kiosk.flow.steps import Step
from launcher.demo import demo_environment
from tests.pcsc.cards import UidCard, VanishingCard

from .helpers import tap, wait_step, walk_to_confirm

BAMBANG = bytes.fromhex("A1B2C3D4")  # demo citizen, born 1960 (config/catalog.toml)
STAFF = bytes.fromhex("5E1F0A77")
UNKNOWN = bytes.fromhex("DEADBEEF")


@pytest.fixture
def kiosk(qtbot, tmp_path, vpcd):
    from kiosk.ui.app import KioskApp

    reader = {"backend": "pcsc", "poll_interval_s": 0.1, "read_timeout_s": 2.0, "removal_grace_s": 1.0}
    with demo_environment(tmp_path, ui={"fullscreen": False}, card_reader=reader) as env:
        app = KioskApp(env.config, env.token)
        qtbot.addWidget(app.window)
        app.start()
        qtbot.waitUntil(lambda: app.runtime.flow.status.catalog is not None, timeout=10_000)
        qtbot.waitUntil(lambda: app.runtime.flow.status.reader == "ok", timeout=10_000)
        yield app
        app.stop()


def test_card_at_the_welcome_screen_greets_and_moves_on(qtbot, kiosk, vpcd):
    welcome = kiosk.window.screen(Step.WELCOME)
    assert "kartu identitas" in welcome.hint.text()
    vpcd.insert(UidCard(BAMBANG))
    wait_step(qtbot, kiosk, Step.AGENCY, timeout_ms=10_000)
    identity = kiosk.runtime.flow.session.identity
    assert identity.source == "card" and identity.masked_name
    assert "Sutrisno" not in identity.masked_name
    assert identity.masked_name in kiosk.window.notice.text()
    # The elderly queue is suggested once a service is chosen.
    tap(qtbot, kiosk, "agency-dukcapil")
    wait_step(qtbot, kiosk, Step.SERVICE)
    service = kiosk.runtime.flow.status.catalog.services_for("dukcapil")[0]
    tap(qtbot, kiosk, f"service-{service.id}")
    wait_step(qtbot, kiosk, Step.CONFIRM)
    assert kiosk.runtime.flow.session.priority == "elderly"
    # Identity already known: the service that requires it goes straight to the ticket.
    tap(qtbot, kiosk, "Confirm")
    wait_step(qtbot, kiosk, Step.TICKET, timeout_ms=15_000)
    tap(qtbot, kiosk, "Done")
    wait_step(qtbot, kiosk, Step.WELCOME)
    assert kiosk.runtime.flow.session.identity is None


def test_unknown_card_asks_for_the_nik(qtbot, kiosk, vpcd):
    walk_to_confirm(qtbot, kiosk, "imigrasi")
    tap(qtbot, kiosk, "Confirm")
    wait_step(qtbot, kiosk, Step.IDENTIFY)
    vpcd.insert(UidCard(UNKNOWN))
    qtbot.waitUntil(lambda: kiosk.runtime.flow.session.notice == "identity.card_unknown", timeout=10_000)
    assert "ketik NIK" in kiosk.window.notice.text()
    assert kiosk.runtime.flow.step is Step.IDENTIFY and kiosk.runtime.flow.session.identity is None


def test_card_taken_away_mid_read_asks_to_hold_it_still(qtbot, kiosk, vpcd):
    vpcd.insert(VanishingCard(UidCard(BAMBANG), at=1))
    qtbot.waitUntil(lambda: kiosk.runtime.flow.session.notice == "card.removed", timeout=10_000)
    assert "tahan kartu" in kiosk.window.notice.text()
    assert kiosk.runtime.flow.step is Step.WELCOME
    vpcd.remove_all()
    vpcd.insert(UidCard(BAMBANG))  # placed again, held still: it works
    wait_step(qtbot, kiosk, Step.AGENCY, timeout_ms=10_000)


def test_staff_card_is_not_a_citizen(qtbot, kiosk, vpcd):
    seen = []
    kiosk.runtime.flow.on_staff_card(seen.append)
    vpcd.insert(UidCard(STAFF))
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen[0].is_staff and kiosk.runtime.flow.session.identity is None
    assert kiosk.runtime.flow.step is Step.WELCOME


def test_reader_gone_offers_the_keypad_and_comes_back(qtbot, kiosk, vpcd):
    vpcd.kill()
    qtbot.waitUntil(lambda: kiosk.runtime.flow.status.reader != "ok", timeout=15_000)
    assert "kartu identitas" not in kiosk.window.screen(Step.WELCOME).hint.text()
    walk_to_confirm(qtbot, kiosk, "imigrasi")
    tap(qtbot, kiosk, "Confirm")
    wait_step(qtbot, kiosk, Step.IDENTIFY)
    assert "ketik NIK" in kiosk.window.screen(Step.IDENTIFY).card_state.text()
    vpcd.start()
    qtbot.waitUntil(lambda: kiosk.runtime.flow.status.reader == "ok", timeout=20_000)
    vpcd.insert(UidCard(BAMBANG))
    wait_step(qtbot, kiosk, Step.CONFIRM, timeout_ms=10_000)
    assert kiosk.runtime.flow.session.identity is not None


def test_e_passport_opens_with_the_page_data_typed_on_the_keypad(qtbot, kiosk, vpcd):
    from kiosk.identity.mrz import MrzInfo
    from tests.pcsc.cards import EmrtdCard, td3_mrz

    mrz = MrzInfo("C1234567", "850315", "310101")
    walk_to_confirm(qtbot, kiosk, "imigrasi")
    vpcd.insert(EmrtdCard(mrz, td3_mrz("C1234567", "IDN", "850315", "M", "310101", "SANTOSO", "BUDI")))
    wait_step(qtbot, kiosk, Step.PASSPORT, timeout_ms=10_000)
    # First a wrong birth date (the chip refuses it), then the right one.
    for key in "C1234567":
        tap(qtbot, kiosk, f"mrzkey-{key}")
    tap(qtbot, kiosk, "mrz-birth")  # an 8-character number does not fill the field: move on by hand
    for key in "160385" + "010131":  # a full date moves to the next field by itself
        tap(qtbot, kiosk, f"mrzkey-{key}")
    tap(qtbot, kiosk, "MrzSubmit")
    qtbot.waitUntil(lambda: kiosk.runtime.flow.session.notice == "mrz.wrong_key", timeout=10_000)
    assert "tidak menerima" in kiosk.window.notice.text()
    tap(qtbot, kiosk, "mrz-birth")
    for _ in range(6):
        tap(qtbot, kiosk, "mrzkey-back")
    for key in "150385":
        tap(qtbot, kiosk, f"mrzkey-{key}")
    tap(qtbot, kiosk, "mrz-expiry")
    for _ in range(6):
        tap(qtbot, kiosk, "mrzkey-back")
    for key in "010131":
        tap(qtbot, kiosk, f"mrzkey-{key}")
    tap(qtbot, kiosk, "MrzSubmit")
    wait_step(qtbot, kiosk, Step.CONFIRM, timeout_ms=10_000)
    identity = kiosk.runtime.flow.session.identity
    assert identity.source == "passport" and identity.masked_name.startswith("BUDI")
    assert "SANTOSO" not in identity.masked_name and "C1234567" not in (identity.masked_number or "")
    tap(qtbot, kiosk, "Back")
    wait_step(qtbot, kiosk, Step.SERVICE)
    tap(qtbot, kiosk, "Back")
    tap(qtbot, kiosk, "Back")
    wait_step(qtbot, kiosk, Step.WELCOME)
    assert kiosk.runtime.flow.session.mrz_doc == "" and kiosk.runtime.flow.session.identity is None


def test_card_lookup_answered_after_the_citizen_left_does_not_greet_the_next_one(qtbot, kiosk, vpcd):
    # Issue 12, defect 1: the lookup (HTTP, with retries) is slow; citizen A leaves before it
    # answers. The next citizen must not be moved on with A's masked name and birth date.
    from central.testing import Faults

    faults = Faults(kiosk.runtime.config.central.base_url)
    tap(qtbot, kiosk, "TakeTicket")
    wait_step(qtbot, kiosk, Step.AGENCY)
    faults.set("slow", delay_s=1.5)
    try:
        vpcd.insert(UidCard(BAMBANG))
        qtbot.waitUntil(lambda: faults.requests("POST /v1/identities/resolve") >= 1, timeout=10_000)
        tap(qtbot, kiosk, "Back")  # A leaves while the central is still answering
        wait_step(qtbot, kiosk, Step.WELCOME)
        qtbot.wait(2_500)  # the answer arrives in the meantime
    finally:
        faults.set("ok")
    flow = kiosk.runtime.flow
    assert flow.step is Step.WELCOME and flow.session.identity is None and flow.session.notice is None
    assert kiosk.window.notice.text() == "" or "BAMBANG" not in kiosk.window.notice.text().upper()


def test_e_passport_answering_6988_to_a_wrong_key_gives_the_keypad_back_filled(qtbot, kiosk, vpcd):
    # Issue 12, defect 2: this chip's refusal (6988) was "card could not be read", the screen
    # stayed on "Reading the chip…", and the refused key was sent again.
    from kiosk.identity.mrz import MrzInfo
    from tests.pcsc.cards import EmrtdCard, td3_mrz

    chip = EmrtdCard(
        MrzInfo("C1234567", "850315", "310101"),
        td3_mrz("C1234567", "IDN", "850315", "M", "310101", "SANTOSO", "BUDI"),
        refuse_sw=bytes.fromhex("6988"),
    )
    walk_to_confirm(qtbot, kiosk, "imigrasi")
    vpcd.insert(chip)
    wait_step(qtbot, kiosk, Step.PASSPORT, timeout_ms=10_000)
    for key in "C1234567":
        tap(qtbot, kiosk, f"mrzkey-{key}")
    tap(qtbot, kiosk, "mrz-birth")
    for key in "160385" + "010131":  # the birth date one day off
        tap(qtbot, kiosk, f"mrzkey-{key}")
    tap(qtbot, kiosk, "MrzSubmit")
    qtbot.waitUntil(lambda: kiosk.runtime.flow.session.notice == "mrz.wrong_key", timeout=10_000)
    screen = kiosk.window.screen(Step.PASSPORT)
    assert "tidak menerima" in kiosk.window.notice.text()
    assert screen.submit.isEnabled() and screen.keys["1"].isEnabled()
    assert "C1234567" in screen.fields["doc"].text() and "16-03-85" in screen.fields["birth"].text()
    assert chip.external_authenticates == 1
    tap(qtbot, kiosk, "mrz-birth")
    tap(qtbot, kiosk, "mrzkey-clear")
    for key in "150385":
        tap(qtbot, kiosk, f"mrzkey-{key}")
    tap(qtbot, kiosk, "MrzSubmit")
    wait_step(qtbot, kiosk, Step.CONFIRM, timeout_ms=10_000)
    assert kiosk.runtime.flow.session.identity.source == "passport"
    assert chip.external_authenticates == 2
