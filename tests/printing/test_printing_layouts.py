"""The queue ticket and test page say the right things, in the right language and time zone."""

from datetime import UTC, datetime

import pytest

from kiosk.devices.printer.escpos_decode import JobRecorder
from kiosk.printing.document import Columns, Cut, Document, DocumentBuilder, QrCode, Text
from kiosk.printing.escpos_render import render_escpos
from kiosk.printing.layouts import format_date, format_time, queue_ticket
from kiosk.printing.layouts import test_page as make_test_page
from kiosk.printing.profile import PrinterProfile


def test_indonesian_ticket_has_local_date_time_and_labels(ticket_data):
    doc = queue_ticket(ticket_data)
    words = doc.texts()
    assert "B-023" in words and "Nomor Antrean" in words
    assert "Sabtu, 28 November 2026" in words  # 04:14 UTC is 11:14 WIB the same day
    assert "11:14 WIB" in words
    assert "Pindai untuk memantau antrean" in words
    assert "± 15 menit" in words
    assert any(isinstance(e, QrCode) and e.data == ticket_data.track_url for e in doc.elements)
    assert isinstance(doc.elements[-1], Cut)
    big = next(e for e in doc.elements if isinstance(e, Text) and e.text == "B-023")
    assert (big.width, big.height, big.align, big.bold) == (4, 4, "center", True)


def test_english_ticket_and_a_later_day_in_makassar(make_ticket):
    data = make_ticket(language="en", site_timezone="Asia/Makassar", issued_at=datetime(2026, 1, 4, 17, 5, tzinfo=UTC))
    words = queue_ticket(data).texts()
    assert "Monday, 5 January 2026" in words  # 17:05 UTC is 01:05 WITA the next day
    assert "01:05 WITA" in words
    assert "Scan to follow your queue" in words and "People ahead of you" in words


def test_priority_and_virtual_ticket_are_marked(make_ticket):
    words = queue_ticket(make_ticket(priority_label="Lansia", is_virtual=True)).texts()
    assert "PRIORITAS: Lansia" in " ".join(words)
    assert "TIKET VIRTUAL - tunjukkan di loket" in words


def test_naive_issue_time_is_refused(make_ticket):
    with pytest.raises(ValueError, match="timezone-aware"):
        make_ticket(issued_at=datetime(2026, 11, 28, 11, 14))


def test_month_names_in_indonesian():
    assert format_date(datetime(2026, 8, 17), "id") == "Senin, 17 Agustus 2026"
    assert format_time(datetime(2026, 8, 17, 9, 5, tzinfo=UTC), "Asia/Jayapura") == "09:05 WIT"


def test_test_page_shows_profile_status_bytes_qrs_and_ruler():
    profile = PrinterProfile("TM-T88V", 80)
    doc = make_test_page(profile, {1: b"\x16", 2: b"\x12", 4: b""})
    text = " ".join(doc.texts())
    assert "TM-T88V" in text and "576 dots" in text
    assert "16 (00010110)" in text and "(no reply)" in text
    rec = JobRecorder()
    rec.feed(render_escpos(doc, profile))
    job = rec.jobs[0]
    assert job.qr_codes == ["https://example.org/anjungan/test"]  # the native one
    assert len(job.rasters) == 1  # and the raster one
    assert "123456789012345678901234567890123456789012345678" in job.text  # ruler = 48 columns
    assert "Caf\u00e9, r\u00e9sum\u00e9" in job.text  # CP858 carries the accents


def test_builder_and_validation():
    doc = DocumentBuilder("t").text("a", bold=True).columns("l", "r").qr("x").cut().build()
    assert isinstance(doc, Document) and doc.title == "t" and len(doc.elements) == 4
    assert isinstance(doc.elements[1], Columns)
    with pytest.raises(ValueError, match=r"1..8"):
        Text("x", width=9)
    with pytest.raises(ValueError, match="must not be empty"):
        QrCode("")
    with pytest.raises(ValueError, match="align"):
        Text("x", align="middle")


def test_test_page_accepts_status_raw_hex_strings():
    doc = make_test_page(PrinterProfile("POS-5890", 58), {1: "16", 2: None, 4: "72"})
    text = " ".join(doc.texts())
    assert "16 (00010110)" in text and "72 (01110010)" in text and "(no reply)" in text
    assert Columns("Native QR (GS ( k)", "no") in doc.elements  # POS-5890 has no GS ( k
