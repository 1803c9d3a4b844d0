"""A TCP relay on 127.0.0.1 between kiosk and central that can cut the network: "down" refuses
nothing but closes every connection at once (the central is unreachable); "cut_answers" passes
each request on to the central and then closes the kiosk's side before the answer arrives (the
central did the work, the kiosk never heard: the network cut mid-call)."""

from __future__ import annotations

import socket
import threading
from typing import Literal

Mode = Literal["up", "down", "cut_answers"]


class NetCut:
    def __init__(self, upstream_port: int) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.mode: Mode = "up"
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, name="netcut", daemon=True).start()

    def close(self) -> None:
        self._closed = True
        self._sock.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        if self.mode == "down":
            client.close()
            return
        try:
            upstream = socket.create_connection(self.upstream, timeout=10)
        except OSError:
            client.close()
            return
        threading.Thread(target=self._pipe, args=(client, upstream, "request"), daemon=True).start()
        self._pipe(upstream, client, "answer")

    def _pipe(self, src: socket.socket, dst: socket.socket, direction: str) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if direction == "answer" and self.mode != "up":
                    break  # the central answered; the kiosk never hears it
                if direction == "request" and self.mode == "down":
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
