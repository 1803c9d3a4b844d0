"""Byte-exact ESC/POS output per element, expected bytes written from the ESC/POS command set."""

import subprocess
import sys

import pytest

from kiosk.devices.printer.escpos_decode import JobRecorder
from kiosk.printing.document import Columns, Cut, Document, Feed, QrCode, Separator, Text
from kiosk.printing.escpos_render import render_escpos, transliterate
from kiosk.printing.layouts import queue_ticket
from kiosk.printing.profile import PrinterProfile

ESC, GS, LF = b"\x1b", b"\x1d", b"\n"
T88_80 = PrinterProfile("TM-T88V", 80)
POS58 = PrinterProfile("POS-5890", 58)
# ESC @ (initialise) then ESC t 19 (code page CP858, PC858 in Epson's table).
PROLOGUE = ESC + b"@" + ESC + b"t\x13"


def body(*elements, profile=T88_80) -> bytes:
    out = render_escpos(Document(tuple(elements)), profile)
    assert out.startswith(PROLOGUE)
    return out[len(PROLOGUE) :]


def test_plain_text_is_text_and_line_feed():
    assert body(Text("Halo")) == b"Halo" + LF


def test_bold_on_then_off_for_the_next_element():
    assert body(Text("A", bold=True), Text("B")) == ESC + b"E\x01A" + LF + ESC + b"E\x00B" + LF


@pytest.mark.parametrize("align,n", [("center", 1), ("right", 2)])
def test_alignment_is_esc_a(align, n):
    assert body(Text("X", align=align)) == ESC + b"a" + bytes([n]) + b"X" + LF


def test_magnification_is_gs_bang_width_high_nibble_height_low_nibble():
    # width 2 -> 0x10, height 3 -> 0x02: GS ! 0x12; back to 1x1 (GS ! 0) for the next element
    assert body(Text("7", width=2, height=3), Text("y")) == (GS + b"!\x12" + b"7" + LF + GS + b"!\x00" + b"y" + LF)


def test_underline_and_invert():
    assert body(Text("u", underline=True)) == ESC + b"-\x01u" + LF
    assert body(Text("i", invert=True)) == GS + b"B\x01i" + LF


def test_unchanged_style_is_not_resent():
    assert body(Text("a", bold=True), Text("b", bold=True)) == ESC + b"E\x01a" + LF + b"b" + LF


def test_columns_fill_the_48_column_line():
    line = b"Antrean" + b" " * (48 - 7 - 7) + b"3 orang"
    assert body(Columns("Antrean", "3 orang")) == line + LF


def test_columns_on_58mm_fill_32_columns():
    assert body(Columns("L", "R"), profile=POS58) == b"L" + b" " * 30 + b"R" + LF


def test_separator_and_feed():
    assert body(Separator("=")) == b"=" * 48 + LF
    assert body(Feed(3)) == LF * 3


def test_partial_cut_feeds_then_gs_v_1():
    assert body(Cut(partial=True)) == ESC + b"d\x06" + GS + b"V\x01"


def test_full_cut_is_gs_v_0():
    assert body(Cut(partial=False)) == ESC + b"d\x06" + GS + b"V\x00"


def test_profile_without_cutter_only_feeds():
    assert body(Cut(), profile=POS58) == ESC + b"d\x06"


def test_native_qr_sequence_for_a_short_payload():
    expected = (
        ESC
        + b"a\x01"  # centre first: escpos cannot centre a native QR itself
        + GS
        + b"(k\x04\x00"
        + b"1A2\x00"  # fn 65: model 2
        + GS
        + b"(k\x03\x00"
        + b"1C\x06"  # fn 67: module size 6 dots
        + GS
        + b"(k\x03\x00"
        + b"1E1"  # fn 69: error correction M (49)
        + GS
        + b"(k\x06\x00"
        + b"1P0ABC"  # fn 80: store 3 bytes (pL = 3 + 3)
        + GS
        + b"(k\x03\x00"
        + b"1Q0"  # fn 81: print the stored symbol
    )
    assert body(QrCode("ABC", module_size=6, error_correction="M")) == expected


def test_raster_qr_when_profile_lacks_native_qr():
    out = body(QrCode("ABC", module_size=6), profile=POS58)
    assert out[:3] == ESC + b"a\x01"
    header = out[3:11]
    # version 1 QR = 21 modules x 6 dots = 126; left padding (384 - 126) // 2 = 129 -> 255 dots = 32 bytes
    assert header == GS + b"v0\x00" + (32).to_bytes(2, "little") + (126).to_bytes(2, "little")
    assert len(out) == 3 + 8 + 32 * 126
    assert b"(k" not in out


def test_forced_raster_qr_on_a_native_profile():
    out = body(QrCode("ABC", native=False))
    assert GS + b"v0" in out and GS + b"(k" not in out


@pytest.mark.parametrize(
    "text,encoded",
    [
        ("Café", b"Caf\x82"),  # é is 0x82 in CP858
        ("€ 5", b"\xd5 5"),  # CP858 is CP850 with the euro sign at 0xD5
        ("a—b “c” …", b'a-b "c" ...'),
        ("Đà Nẵng", b"?\x85 Nang"),  # Đ has no decomposition -> '?'; ẵ -> a; à is 0x85 in CP858
    ],
)
def test_text_outside_the_code_page_is_transliterated(text, encoded):
    out = body(Text(text))
    assert out == encoded + LF  # never raises, never sends raw UTF-8


def test_transliterate_falls_back_to_ascii_spelling():
    ascii_only = lambda ch: ord(ch) < 128
    assert transliterate("Jürgen ŋ ẵ", ascii_only) == "Jurgen ? a"


def test_long_text_wraps_at_a_word_boundary():
    words = "kata " * 12  # 60 characters
    out = body(Text(words.strip()))
    lines = out.split(LF)[:-1]
    assert all(len(line) <= 48 for line in lines) and len(lines) == 2
    assert not lines[0].endswith(b" ")


def test_magnified_text_wraps_at_fewer_columns():
    out = body(Text("ABCDEFGHIJKLMNOP", width=4, height=4))  # 48 / 4 = 12 columns
    assert out == GS + b"!\x33" + b"ABCDEFGHIJKL" + LF + b"MNOP" + LF


def test_ticket_fits_in_1000_bytes_with_native_qr_and_says_everything(ticket_data):
    for profile in (T88_80, PrinterProfile("TM-T88V", 58)):
        data = render_escpos(queue_ticket(ticket_data), profile)
        assert len(data) <= 1000, (profile, len(data))
        recorder = JobRecorder()
        assert recorder.feed(data) == []
        (job,) = recorder.jobs
        assert job.qr_codes == [ticket_data.track_url]
        assert job.cuts == 1 and job.rasters == []
        for needle in (
            "B-023",
            "Perpanjangan SIM A",
            "Zona B - Loket 4",
            "Sabtu, 28 November 2026",
            "11:14 WIB",
            "Pindai untuk memantau antrean",
            "± 15 menit",
        ):
            assert needle in job.text, needle


def test_raster_ticket_is_much_larger(ticket_data):
    data = render_escpos(queue_ticket(ticket_data), POS58)
    assert len(data) > 3000
    rec = JobRecorder()
    rec.feed(data)
    assert rec.jobs[0].qr_codes == [] and len(rec.jobs[0].rasters) == 1


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown python-escpos capability profile 'NoSuch'"):
        render_escpos(Document((Text("x"),)), PrinterProfile("NoSuch", 80))


def test_start_path_does_not_import_escpos_qrcode_or_pillow():
    code = (
        "import sys\n"
        "import kiosk.printing.layouts, kiosk.printing.escpos_render, kiosk.printing.image_render\n"
        "import kiosk.devices.printer.service, kiosk.devices.printer.virtual\n"
        "import kiosk.devices.printer.emulator\n"
        "heavy = [m for m in ('escpos', 'qrcode', 'PIL') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_logo_is_a_left_padded_raster_image(tmp_path):
    from PIL import Image

    from kiosk.printing.document import Logo
    from kiosk.printing.image_render import render_image

    path = tmp_path / "logo.png"
    Image.new("L", (16, 4), 0).save(path)  # a black bar 16 x 4 dots
    out = body(Logo(str(path)))
    # centred on 576 dots by 280 white dots on the left: 296 dots = 37 bytes per row, 4 rows
    assert out[:8] == GS + b"v0\x00" + (37).to_bytes(2, "little") + (4).to_bytes(2, "little")
    rows = [out[8 + 37 * r : 8 + 37 * (r + 1)] for r in range(4)]
    assert all(row == b"\x00" * 35 + b"\xff\xff" for row in rows)
    image = render_image(Document((Logo(str(path)),)), 576)
    from PIL import ImageOps

    assert ImageOps.invert(image.convert("L")).getbbox() == (280, 12, 296, 16)  # centred bar
