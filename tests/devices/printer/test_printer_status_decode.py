"""DLE EOT decoding: hand-made replies from the ESC/POS spec, then fuzzing with hypothesis."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.printer.escpos_decode import JobRecorder
from kiosk.devices.printer.status import (
    PrinterStatus,
    decode_offline_cause,
    decode_paper,
    decode_printer,
    encode_status,
    valid_reply,
)

OK = {1: b"\x12", 2: b"\x12", 4: b"\x12"}


def test_healthy_replies():
    s = PrinterStatus.from_replies(OK)
    assert s.online and s.can_print and not s.unknown and s.summary == "ok"
    assert s.raw == {1: "12", 2: "12", 4: "12"}


@pytest.mark.parametrize(
    "replies,field",
    [
        ({**OK, 1: b"\x1a"}, "offline"),  # n=1 bit 3
        ({**OK, 2: b"\x16"}, "cover_open"),  # n=2 bit 2
        ({**OK, 2: b"\x32"}, "paper_out"),  # n=2 bit 5: stopped by paper end
        ({**OK, 2: b"\x52"}, "error"),  # n=2 bit 6
        ({**OK, 4: b"\x72"}, "paper_out"),  # n=4 bits 5,6
        ({**OK, 4: b"\x1e"}, "paper_near_end"),  # n=4 bits 2,3
    ],
)
def test_each_fault_bit(replies, field):
    s = PrinterStatus.from_replies(replies)
    if field == "offline":
        assert not s.online
    else:
        assert getattr(s, field)
    assert s.can_print == (field == "paper_near_end")


@pytest.mark.parametrize("reply", [b"", b"\x13", b"\x10", b"\x02", b"\x92", b"\xff", b"\x12\x12"])
def test_empty_or_fixed_bit_violating_reply_is_invalid(reply):
    assert valid_reply(reply) is None
    s = PrinterStatus.from_replies({**OK, 4: reply})
    assert s.unknown and not s.can_print and s.summary == "unknown"


def test_silence_is_not_plenty_of_paper():
    s = PrinterStatus.from_replies({})
    assert s.unknown and not s.can_print and not s.online


def test_encode_roundtrip_for_the_emulator():
    assert (
        PrinterStatus.from_replies({n: encode_status(n, paper_out=True, offline=True) for n in (1, 2, 4)}).summary
        == "paper_out"
    )
    assert (
        PrinterStatus.from_replies({n: encode_status(n, near_end=True) for n in (1, 2, 4)}).summary == "paper_near_end"
    )
    with pytest.raises(ValueError):
        encode_status(5)


@given(st.binary(max_size=4))
def test_decoders_never_raise_and_only_accept_fixed_bits(reply):
    for decode in (decode_printer, decode_offline_cause, decode_paper):
        out = decode(reply)
        if out is not None:
            assert len(reply) == 1 and reply[0] & 0x93 == 0x12


@given(st.dictionaries(st.sampled_from([1, 2, 4]), st.binary(max_size=3)))
def test_can_print_implies_three_valid_healthy_replies(replies):
    s = PrinterStatus.from_replies(replies)
    if s.can_print:
        assert all(valid_reply(replies.get(n, b"")) is not None for n in (1, 2, 4))
        assert not s.paper_out and not s.cover_open and not s.error and s.online
    if any(valid_reply(replies.get(n, b"")) is None for n in (1, 2, 4)):
        assert s.unknown and not s.can_print


@given(st.binary(max_size=300), st.lists(st.integers(1, 50), max_size=20))
def test_stream_decoder_is_independent_of_chunking(data, cuts):
    whole = JobRecorder()
    q_whole = whole.feed(data)
    pieces = JobRecorder()
    q_pieces, i = [], 0
    for size in [*cuts, len(data)]:
        q_pieces += pieces.feed(data[i : i + size])
        i += size
    assert q_pieces == q_whole
    assert [j.text for j in pieces.jobs] == [j.text for j in whole.jobs]
    assert pieces.data_bytes == whole.data_bytes


def test_dle_eot_inside_qr_data_is_data_not_a_query():
    payload = b"1P0" + b"\x10\x04\x01"
    cmd = b"\x1d(k" + len(payload).to_bytes(2, "little") + payload
    rec = JobRecorder()
    assert rec.feed(b"\x1b@" + cmd + b"\x10\x04\x02") == [2]
    assert rec.jobs[0].qr_codes == ["\x10\x04\x01"]
