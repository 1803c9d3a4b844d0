"""The offline mark on the printed ticket (issue 16), byte-exact: the ticket issued from a leased
number says so under the number, and its queue figures carry the estimate mark."""

import pytest

from kiosk.printing.escpos_render import render_escpos
from kiosk.printing.layouts import queue_ticket
from kiosk.printing.profile import PrinterProfile
from tests.printing.conftest import sample_ticket_data

ESC, GS, LF = b"\x1b", b"\x1d", b"\n"
T88_80 = PrinterProfile("TM-T88V", 80)
NUMBER = GS + b"!3" + ESC + b"E\x01B-023" + LF

EXPECTED = {
    "id": (
        # normal size and bold off, then the mark inverted, centred (the number's alignment)
        NUMBER + GS + b"!\x00" + ESC + b"E\x00" + GS + b"B\x01 Dicetak saat offline" + LF + LF + ESC + b"E\x01" + GS + b"B\x00",
        b"Orang di depan Anda" + b" " * 27 + b"3*" + LF
        + b"Perkiraan tunggu" + b" " * 21 + b"\xf1 15 menit*" + LF
        + b"Tanggal" + b" " * 18 + b"Sabtu, 28 November 2026" + LF
        + b"Waktu" + b" " * 34 + b"11:14 WIB" + LF
        + b"* perkiraan: data terakhir sebelum offline" + LF
        + b"-" * 48 + LF,
    ),
    "en": (
        NUMBER + GS + b"!\x00" + ESC + b"E\x00" + GS + b"B\x01 Issued offline" + LF + LF + ESC + b"E\x01" + GS + b"B\x00",
        b"People ahead of you" + b" " * 27 + b"3*" + LF
        + b"Estimated wait" + b" " * 21 + b"about 15 min*" + LF
        + b"Date" + b" " * 18 + b"Saturday, 28 November 2026" + LF
        + b"Time" + b" " * 35 + b"11:14 WIB" + LF
        + b"* estimate: last figures before offline" + LF
        + b"-" * 48 + LF,
    ),
}  # fmt: skip


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_offline_ticket_says_so_and_marks_its_figures_as_an_estimate(language):
    offline = render_escpos(queue_ticket(sample_ticket_data(language=language, issued_offline=True)), T88_80)
    online = render_escpos(queue_ticket(sample_ticket_data(language=language)), T88_80)
    for expected in EXPECTED[language]:
        assert expected in offline
        assert expected not in online
    # Nothing else changes: the same bytes before the number and after the figures (QR, footer).
    assert offline[: offline.index(NUMBER)] == online[: online.index(NUMBER)]
    time_line = b"11:14 WIB" + LF
    tail = online[online.index(time_line) + len(time_line) :]
    assert offline.endswith(tail) and tail.startswith(b"-" * 48)
