"""uvicorn's HTTP protocol (httptools), with a response's writes sent as one.

Why: uvicorn writes a response's status line and headers, then its body, as two writes. On a
socket with TCP_NODELAY (asyncio sets it) each write is its own system call and its own segment,
and the peer wakes up for each. Profiled under the fleet bench, those sends were the largest single
item of the central's CPU (16 %). Holding what one turn of the event loop writes and sending it at
the next turn makes the usual small JSON answer one send; a stream's events leave one loop turn
later than before (microseconds). Past 64 KiB held, the writes go out at once, so the real
transport's flow control still sees a large answer as it is written.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_HOLD_AT_MOST = 64 * 1024


class _TurnBufferedTransport:
    """A transport whose writes within one loop turn leave together; everything else is the real
    transport's."""

    __slots__ = ("_loop", "_pending", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(bytes(data))
        if sum(len(p) for p in self._pending) >= _HOLD_AT_MOST:
            self._flush()

    def writelines(self, chunks: Any) -> None:
        for chunk in chunks:
            self.write(chunk)

    def _flush(self) -> None:
        if not self._pending:
            return
        data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(len(p) for p in self._pending)

    def close(self) -> None:
        self._flush()  # what was written before close still goes out first
        self._transport.close()

    def write_eof(self) -> None:
        self._flush()
        self._transport.write_eof()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class OneSendHttpProtocol(HttpToolsProtocol):
    """``uvicorn.Config(http=OneSendHttpProtocol)``: httptools, with each loop turn's writes as one."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(_TurnBufferedTransport(transport, self.loop))  # type: ignore[arg-type]
