"""The central's one-send transport (central.http_protocol) on a real event loop, in front of a
transport that records what reaches the socket. Every other central test runs through it too;
these pin its edges: order, close, a large answer, end of file."""

from __future__ import annotations

import asyncio

from central.http_protocol import _HOLD_AT_MOST, _TurnBufferedTransport


class Recording:
    """What a socket transport would have been asked to send."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        assert not self.closed, "written after close"
        self.sent.append(bytes(data))

    def write_eof(self) -> None:
        self.sent.append(b"<EOF>")

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str, default: object = None) -> object:
        return ("127.0.0.1", 5000) if name == "peername" else default


def run(check) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        real = Recording()
        await check(real, _TurnBufferedTransport(real, asyncio.get_running_loop()))  # type: ignore[arg-type]

    asyncio.run(main())


def test_one_turns_writes_leave_as_one_send_and_in_order():
    async def check(real, held):
        held.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        held.write(b"{}")
        assert real.sent == []  # held to the end of this turn
        await asyncio.sleep(0)
        assert real.sent == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"]
        held.write(b"event 1")
        await asyncio.sleep(0)
        held.write(b"event 2")
        await asyncio.sleep(0)
        assert real.sent[1:] == [b"event 1", b"event 2"]

    run(check)


def test_close_sends_what_was_held_first_and_a_later_write_goes_nowhere():
    async def check(real, held):
        held.write(b"last answer")
        held.close()
        assert real.sent == [b"last answer"] and real.closed
        held.write(b"too late")
        await asyncio.sleep(0)
        assert real.sent == [b"last answer"]

    run(check)


def test_a_large_answer_is_not_held_back_and_eof_follows_the_data():
    async def check(real, held):
        held.write(b"x" * (_HOLD_AT_MOST - 1))
        assert real.sent == []
        held.write(b"y")  # the hold is full: out at once, for the real transport's flow control
        assert [len(s) for s in real.sent] == [_HOLD_AT_MOST]
        held.write(b"tail")
        held.write_eof()
        assert real.sent[1:] == [b"tail", b"<EOF>"]
        assert held.get_extra_info("peername") == ("127.0.0.1", 5000)  # the rest is the real transport's

    run(check)
