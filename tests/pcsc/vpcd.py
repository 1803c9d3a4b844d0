"""The card side of vpcd's socket protocol.

vpcd (the pcscd driver) listens on a TCP port per reader slot; a virtual card *connects* to it —
connecting is "card inserted", closing is "card removed". Every message is a 2-byte big-endian
length and a body. A 1-byte body is a control code (0 power off, 1 power on, 2 reset, 4 "send
your ATR"); anything longer is a command APDU, answered with one response APDU.

vpcd writes each message in two send() calls (length, then body): without TCP_NODELAY and
TCP_QUICKACK on our side every APDU waits ~40 ms for Nagle + delayed ACK.
"""

from __future__ import annotations

import socket
import struct
import threading
from typing import Protocol

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4
HOST = "127.0.0.1"


class Vanish(Exception):
    """Raised by a card's ``apdu`` to drop the connection mid-APDU (card pulled away)."""


class Hold(Exception):
    """Raised by a card's ``apdu`` to never answer (until the card is removed)."""


class VirtualCard(Protocol):
    atr: bytes

    def power(self, on: bool) -> None: ...

    def reset(self) -> None: ...

    def apdu(self, command: bytes) -> bytes: ...


def _quickack(sock: socket.socket) -> None:
    # TCP_QUICKACK is not sticky: the kernel may fall back to delayed ACKs, so set it each time
    if hasattr(socket, "TCP_QUICKACK"):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)


class CardLink:
    """One virtual card inserted into one vpcd slot, served on a background thread."""

    def __init__(self, card: VirtualCard, port: int) -> None:
        self.card = card
        self.port = port
        self.apdus = 0
        self._closed = threading.Event()
        self._sock = socket.create_connection((HOST, port), timeout=5)
        self._sock.settimeout(None)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        _quickack(self._sock)
        self._thread = threading.Thread(target=self._serve, name=f"vcard-{port}", daemon=True)
        self._thread.start()

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def remove(self, timeout: float = 5.0) -> None:
        """Take the card off the reader: close the socket and join the serving thread."""
        self._closed.set()
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()
        self._thread.join(timeout)

    def wait_closed(self, timeout: float) -> bool:
        return self._closed.wait(timeout)

    def _recv_exact(self, n: int) -> bytes | None:
        buf = b""
        while len(buf) < n:
            try:
                chunk = self._sock.recv(n - len(buf))
            except OSError:
                return None
            if not chunk:
                return None
            buf += chunk
        _quickack(self._sock)
        return buf

    def _send(self, body: bytes) -> None:
        self._sock.sendall(struct.pack(">H", len(body)) + body)

    def _serve(self) -> None:
        try:
            while not self._closed.is_set():
                head = self._recv_exact(2)
                if head is None:
                    break
                (length,) = struct.unpack(">H", head)
                body = self._recv_exact(length) if length else b""
                if body is None:
                    break
                if length == 1:
                    self._control(body[0])
                    continue
                self.apdus += 1
                try:
                    answer = self.card.apdu(body)
                except Vanish:
                    break
                except Hold:
                    self._closed.wait()  # keep the APDU unanswered until removed
                    break
                self._send(answer)
        except OSError:
            pass
        finally:
            self._closed.set()
            try:
                self._sock.close()
            except OSError:
                pass

    def _control(self, code: int) -> None:
        if code == CTRL_ATR:
            self._send(self.card.atr)
        elif code == CTRL_ON:
            self.card.power(True)
        elif code == CTRL_OFF:
            self.card.power(False)
        elif code == CTRL_RESET:
            self.card.reset()
