"""One way of writing money per language on every screen, receipt and utterance, and agencies
named in English for English readers (issue 17)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from central.catalog_file import load_catalog_file
from kiosk.flow.session import CitizenSession
from kiosk.formatting import rupiah, rupiah_spoken
from kiosk.printing.layouts import ReceiptPrintData, receipt
from kiosk.ui.screens.payment import PaymentScreen

from .test_payment_qr import PAYLOAD_A, view, waiting

CATALOG = load_catalog_file(Path(__file__).resolve().parents[2] / "config" / "catalog.toml").catalog


def test_money_is_written_one_way_per_language_and_spoken_as_a_number():
    assert rupiah(350_000, "id") == "Rp350.000"
    assert rupiah(350_000, "en") == "IDR 350,000"
    assert rupiah(1_250_000, "id") == "Rp1.250.000"
    assert rupiah_spoken(350_000, "id") == rupiah_spoken(350_000, "en") == "350000 rupiah"


@pytest.mark.parametrize(("language", "written"), [("id", "Rp30.000"), ("en", "IDR 30,000")])
def test_the_payment_screen_writes_and_speaks_the_amount_in_the_citizens_language(qtbot, language, written):
    screen = PaymentScreen()
    qtbot.addWidget(screen)
    screen.show()
    session = CitizenSession(language)
    shown = view(session, waiting(session, "p1", PAYLOAD_A))  # 30 000 rupiah
    screen.render(shown)
    assert screen.amount.text() == written  # was "Rp30.000" in English too
    assert "30000 rupiah" in screen.spoken_text(shown)


@pytest.mark.parametrize(("language", "written"), [("id", "Rp30.000"), ("en", "IDR 30,000")])
def test_the_printed_receipt_writes_the_amount_as_the_screens_do(language, written):
    data = ReceiptPrintData(
        amount_idr=30_000,
        reference="REF-1",
        paid_at=datetime(2026, 12, 1, 3, 0, tzinfo=UTC),
        service_name="SKCK",
        ticket_number="G-001",
        merchant_name="MPP KOTA BANDUNG",
        site_name="MPP Kota Bandung",
        terminal_id="K-01",
        verify_url="http://127.0.0.1:8000/r/REF-1",
        language=language,
    )
    assert written in receipt(data).texts()


def test_agencies_have_english_short_names_and_fall_back_to_the_indonesian_one():
    imigrasi = CATALOG.agency("imigrasi")
    assert imigrasi.short("en") == "Immigration" and imigrasi.short("id") == "Imigrasi"
    assert all(a.short_name_en for a in CATALOG.agencies)  # the demo catalogue names them all
    bare = imigrasi.model_copy(update={"short_name_en": None})
    assert bare.short("en") == "Imigrasi"


def test_the_agency_screen_shows_the_english_names_in_english(qtbot, qapp):
    from kiosk.flow.citizen import CitizenFlow, FlowTiming
    from kiosk.runtime.scheduler import ManualScheduler
    from kiosk.ui.widgets import Tile

    from .test_screens import NeverIssuer, shown_window

    sched = ManualScheduler()
    shown = shown_window(qtbot, qapp, CitizenFlow(NeverIssuer(), sched, FlowTiming()), sched)
    win, flow, _ = next(shown)
    flow.send("set_language", language="en")
    flow.send("take_ticket")
    headings = {t.objectName(): t.heading.text() for t in win.findChildren(Tile) if t.isVisible()}
    assert headings["agency-imigrasi"] == "Immigration"
    assert headings["agency-pajak"] == "Tax Office"
    flow.send("set_language", language="id")
    tile = win.findChild(Tile, "agency-imigrasi")  # the tiles are made again in the new language
    assert tile.heading.text() == "Imigrasi"
    next(shown, None)  # the window's teardown


def test_refused_settings_are_said_in_plain_words_and_never_echo_what_was_typed():
    from kiosk.ui.admin.plain_words import plain_problem

    labels = {"idle.answer_s": "Seconds to answer the warning"}
    said = plain_problem("idle.answer_s: Input should be greater than or equal to 20 (got 5.0)", labels)
    assert said == "Seconds to answer the warning: must be 20 or more"
    said = plain_problem("idle.answer_s: Input should be a valid integer (got 'x' * 10000)", labels)
    assert said == "Seconds to answer the warning: must be a whole number"
    odd = plain_problem("central.base_url: something unexpected " + "A" * 5000, labels)
    assert "A" * 20 not in odd and "base_url" not in odd
