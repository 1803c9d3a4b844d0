"""A loopback ESC/POS network printer: real TCP on 127.0.0.1, faults on command.

It records every byte per job, decodes text, QR payloads and cuts, answers DLE EOT 1/2/4 like a
printer, and can be told to run out of paper, report near end, open its cover, go silent, answer
garbage, or drop the connection after N bytes of a job. Tests and the demo drive the real network
transport against it.  Standalone:  python -m kiosk.devices.printer.emulator --port 9100
"""

from __future__ import annotations

import argparse
import logging
import selectors
import socket
import threading
import time

from kiosk.devices.printer.escpos_decode import Job, JobRecorder
from kiosk.devices.printer.pretend import PretendPrinter

log = logging.getLogger(__name__)
LOOPBACK = "127.0.0.1"


class LoopbackPrinter(PretendPrinter):
    """Start it, point a ``network`` printer at ``port``, inspect ``jobs``, stop it."""

    def __init__(self, port: int = 0, host: str = LOOPBACK) -> None:
        if host != LOOPBACK:
            raise ValueError("the loopback printer listens on 127.0.0.1 only")
        super().__init__()
        self.host, self._requested_port = host, port
        self.port = 0
        self._invalid_status = False
        self._answers_left: int | None = None  # answer this many more queries, then go silent
        self._data_total = 0  # job bytes received over all connections
        self._paper_ends_at: int | None = None  # _data_total at which the roll runs out
        self._drop_after: int | None = None
        self._jobs: list[Job] = []
        self.connections = 0
        self.status_queries = 0
        self._thread: threading.Thread | None = None
        self._server: socket.socket | None = None

    # ---- faults on command (any thread; paper, cover, error and silence: PretendPrinter) -------
    def run_out_after(self, n_bytes: int) -> None:
        """The roll ends after ``n_bytes`` more bytes of job data (paper out mid-ticket)."""
        with self._lock:
            self._paper_ends_at = self._data_total + n_bytes

    def silence_status_after(self, n_queries: int | None) -> None:
        """Answer ``n_queries`` more status queries, then none (a printer hanging mid-job)."""
        with self._lock:
            self._answers_left = n_queries

    def set_invalid_status(self, invalid: bool) -> None:
        """True: DLE EOT queries get 0xFF, a byte that breaks the fixed bits."""
        with self._lock:
            self._invalid_status = invalid

    def drop_after(self, n_bytes: int | None) -> None:
        """Close the next connection that has received ``n_bytes`` of job data (once)."""
        with self._lock:
            self._drop_after = n_bytes

    def heal(self) -> None:
        """Back to a healthy printer with paper."""
        with self._lock:
            self._paper, self._cover_open, self._error = "ok", False, False
            self._answer_status, self._invalid_status, self._drop_after = True, False, None
            self._answers_left = self._paper_ends_at = None

    @property
    def jobs(self) -> list[Job]:
        with self._lock:
            return list(self._jobs)

    # ---- life cycle ----------------------------------------------------------------------------
    def start(self) -> LoopbackPrinter:
        if self._thread is not None:
            raise RuntimeError("loopback printer already running")
        self._wake_r, self._wake_w = socket.socketpair()
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart on the same port
        server.bind((self.host, self._requested_port))
        server.listen(8)
        server.setblocking(False)
        self._server = server
        self.port = server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, name=f"loopback-printer-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread is None:
            return
        self._wake_w.send(b"x")
        self._thread.join(timeout)
        self._thread = None
        self._wake_r.close()
        self._wake_w.close()

    def __enter__(self) -> LoopbackPrinter:
        return self.start() if self._thread is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- printer thread ------------------------------------------------------------------------
    def _status_reply(self, n: int) -> bytes:
        if self._answers_left is not None:
            if self._answers_left <= 0:
                return b""
            self._answers_left -= 1
        if self._answer_status and self._invalid_status:
            return b"\xff"
        return super()._status_reply(n)

    def _feed(self, recorder: JobRecorder, data: bytes, limit: int | None) -> list[int]:
        """Decode ``data`` in pieces that stop exactly where a fault armed by bytes begins."""
        queries: list[int] = []
        while data:
            budget = len(data)
            if limit is not None:
                budget = min(budget, limit - recorder.data_bytes)
                if budget <= 0:
                    break  # the connection is about to drop: the rest never arrived
            if self._paper_ends_at is not None:
                budget = min(budget, max(1, self._paper_ends_at - self._data_total))
            chunk, data = data[:budget], data[budget:]
            recorder.faulted = self._faulted()
            before = recorder.data_bytes
            queries += recorder.feed(chunk)
            self._data_total += recorder.data_bytes - before
            if self._paper_ends_at is not None and self._data_total >= self._paper_ends_at:
                self._paper, self._paper_ends_at = "out", None
        return queries

    def _serve(self) -> None:
        assert self._server is not None
        sel = selectors.DefaultSelector()
        sel.register(self._server, selectors.EVENT_READ, "accept")
        sel.register(self._wake_r, selectors.EVENT_READ, "stop")
        # socket -> (its recorder, data_bytes when a drop_after fault first saw it, or -1)
        clients: dict[socket.socket, tuple[JobRecorder, int]] = {}
        try:
            while True:
                for key, _ in sel.select():
                    if key.data == "stop":
                        return
                    if key.data == "accept":
                        try:
                            conn, _ = self._server.accept()
                        except BlockingIOError:
                            continue
                        conn.setblocking(True)
                        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                        recorder = JobRecorder()
                        with self._lock:
                            self.connections += 1
                            # Jobs of this connection appear in self._jobs as they are decoded.
                            recorder.jobs = _SharedJobs(self._jobs)
                        clients[conn] = (recorder, -1)  # -1: no drop armed yet
                        sel.register(conn, selectors.EVENT_READ, "client")
                        continue
                    client = key.fileobj
                    assert isinstance(client, socket.socket)  # "client" registrations are sockets
                    if not self._handle(client, clients):
                        sel.unregister(client)
                        del clients[client]
                        client.close()
        finally:
            for conn in clients:
                conn.close()
            sel.close()
            self._server.close()

    def _handle(self, conn: socket.socket, clients: dict[socket.socket, tuple[JobRecorder, int]]) -> bool:
        """Serve one readable client; False when the connection is over."""
        try:
            data = conn.recv(65536)
        except OSError:
            return False
        if not data:
            return False
        recorder, _ = clients[conn]
        with self._lock:
            armed = limit = self._drop_after
            if armed is not None:  # counted from the first data after the fault was armed
                limit = armed + (clients[conn][1] if clients[conn][1] >= 0 else recorder.data_bytes)
                clients[conn] = (recorder, limit - armed)
            queries = self._feed(recorder, data, limit)
            self.status_queries += len(queries)
            reply = b"".join(self._status_reply(n) for n in queries)
            drop = limit is not None and recorder.data_bytes >= limit
            if drop:
                self._drop_after = None
            if self._drop_after is None:
                clients[conn] = (recorder, -1)
        if drop:
            log.info("loopback printer: dropping connection after %d bytes", recorder.data_bytes)
            return False
        if reply:
            try:
                conn.sendall(reply)
            except OSError:
                return False
        return True


class _SharedJobs(list[Job]):
    """A per-connection job list that also appends to the printer's list of all jobs."""

    def __init__(self, all_jobs: list[Job]) -> None:
        super().__init__()
        self._all = all_jobs

    def append(self, job: Job) -> None:
        super().append(job)
        self._all.append(job)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Loopback ESC/POS printer on 127.0.0.1")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--paper", choices=("ok", "near_end", "out"), default="ok")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    printer = LoopbackPrinter(args.port)
    printer.set_paper(args.paper)
    with printer:
        print(f"loopback printer listening on {LOOPBACK}:{printer.port} (Ctrl+C to stop)", flush=True)
        seen = 0
        try:
            while True:
                time.sleep(0.5)
                jobs = printer.jobs
                for job in jobs[seen:]:
                    if job.complete:
                        print(f"--- job ({len(job.raw)} bytes, QR {job.qr_codes}, cuts {job.cuts})")
                        print(job.text, flush=True)
                        seen += 1
                    else:
                        break
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
