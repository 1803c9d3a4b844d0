"""The printer as the kiosk sees it: ask its status, print a document, learn what really happened.

All transport I/O runs on the service's one ``Worker``. A job is: status before (a printer that is
out of paper, open, in error or silent gets nothing), send, status after (any fault or silence
means the ticket must not be confirmed). After an I/O error the connection is dropped and the next
call reopens it; a connection found dead before anything was sent is reopened once on the spot,
so a printer power-cycled mid-day comes back without restarting the kiosk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from typing import Literal

from kiosk.devices.printer.settings import PrinterSettings
from kiosk.devices.printer.status import STATUS_QUERIES, PrinterStatus, status_query
from kiosk.devices.printer.transports import Transport, make_transport
from kiosk.printing.document import Document
from kiosk.runtime.worker import Worker

log = logging.getLogger(__name__)

Outcome = Literal["printed", "fault_before", "fault_after", "io_error"]
Renderer = Callable[[Document], bytes]
CHUNK = 4096  # write in pieces so an error can say how much went out


@dataclass(frozen=True)
class PrintResult:
    """What happened to one job; only ``outcome == "printed"`` may confirm a ticket."""

    outcome: Outcome
    status_before: PrinterStatus
    status_after: PrinterStatus | None
    bytes_sent: int
    error: str | None = None

    @property
    def printed(self) -> bool:
        return self.outcome == "printed"

    @property
    def paper_near_end(self) -> bool:
        """Printed, but somebody should change the roll soon."""
        return bool(self.status_after and self.status_after.paper_near_end)


def default_renderer(settings: PrinterSettings) -> Renderer:
    from kiosk.printing.escpos_render import render_escpos

    return partial(render_escpos, profile=settings.printer_profile())


class PrinterService:
    """One printer, one worker thread, futures out, plain callbacks (called on the worker)."""

    def __init__(
        self, settings: PrinterSettings, renderer: Renderer | None = None, transport: Transport | None = None
    ) -> None:
        self.settings = settings
        self._render = renderer or default_renderer(settings)
        self._transport = transport or make_transport(settings)
        self._status_listeners: list[Callable[[PrinterStatus], None]] = []
        self._printed_listeners: list[Callable[[Document, PrintResult], None]] = []
        self._last_status = PrinterStatus.unknown_status()
        self._worker = Worker("printer")
        self.virtual = getattr(self._transport, "printer", None)  # VirtualPrinter or None
        if self.virtual is not None:
            self.add_printed_listener(self.virtual.document_printed)

    # ---- public API (any thread) ---------------------------------------------------------------
    @property
    def transport(self) -> Transport:
        return self._transport

    @property
    def last_status(self) -> PrinterStatus:
        return self._last_status

    def add_status_listener(self, cb: Callable[[PrinterStatus], None]) -> None:
        self._status_listeners.append(cb)

    def add_printed_listener(self, cb: Callable[[Document, PrintResult], None]) -> None:
        self._printed_listeners.append(cb)

    def status(self) -> Future[PrinterStatus]:
        return self._worker.submit(self._status_job)

    poll_status = status  # the lead's scheduler calls this periodically

    def print_document(self, doc: Document) -> Future[PrintResult]:
        return self._worker.submit(self._print_job, doc)

    def close(self, timeout: float = 5.0) -> None:
        try:
            self._worker.submit(self._transport.close)
        except RuntimeError:
            pass  # already stopping
        self._worker.stop(timeout)

    def __enter__(self) -> PrinterService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- worker thread -------------------------------------------------------------------------
    def _drop_connection(self, why: object) -> None:
        log.warning("printer I/O error, connection will be reopened: %s", why)
        self._transport.close()

    def _ask(self) -> PrinterStatus:
        """DLE EOT 1, 2, 4 on an open link; the first silence ends it (unknown anyway)."""
        t, s = self._transport, self.settings
        while t.read(256, 0.0):  # stale replies from a timed-out earlier query; EOF raises here
            pass
        replies: dict[int, bytes] = {}
        for n in STATUS_QUERIES:
            t.write(status_query(n), s.write_timeout_s)
            replies[n] = t.read(1, s.status_timeout_s)
            if not replies[n]:
                break
        return PrinterStatus.from_replies(replies)

    def _query(self) -> PrinterStatus:
        """Status before a job or on request; reconnects once if the old link turns out dead."""
        if not self._transport.supports_status:
            return PrinterStatus.unknown_status()
        reused = self._transport.is_open
        while True:
            try:
                if not self._transport.is_open:
                    self._transport.open()
                return self._ask()
            except OSError as exc:
                self._drop_connection(exc)
                if not reused:
                    raise
                reused = False  # the printer was power-cycled or the cable replugged: try afresh

    def _publish(self, status: PrinterStatus) -> None:
        self._last_status = status
        for cb in list(self._status_listeners):
            try:
                cb(status)
            except Exception:
                log.exception("printer status listener failed")

    def _status_job(self) -> PrinterStatus:
        try:
            status = self._query()
        except OSError as exc:
            log.info("printer status unknown: %s", exc)
            status = PrinterStatus.unknown_status()
        self._publish(status)
        return status

    def _print_job(self, doc: Document) -> PrintResult:
        result = self._print(doc)
        log.info(
            "print %r: %s (%d bytes)%s",
            doc.title,
            result.outcome,
            result.bytes_sent,
            f": {result.error}" if result.error else "",
        )
        for cb in list(self._printed_listeners):
            try:
                cb(doc, result)
            except Exception:
                log.exception("printed listener failed")
        return result

    def _print(self, doc: Document) -> PrintResult:
        unknown = PrinterStatus.unknown_status()
        try:
            before = self._query()
        except OSError as exc:
            self._publish(unknown)
            return PrintResult("io_error", unknown, None, 0, f"printer unreachable: {exc}")
        self._publish(before)
        blind = not self._transport.supports_status
        if not before.can_print and not blind:
            return PrintResult("fault_before", before, None, 0, f"printer not ready: {before.summary}")
        try:
            data = self._render(doc)
        except Exception as exc:
            log.exception("rendering %r failed", doc.title)
            return PrintResult("fault_before", before, None, 0, f"render failed: {exc}")
        sent = 0
        try:
            if not self._transport.is_open:
                self._transport.open()
            for i in range(0, len(data), CHUNK):
                chunk = data[i : i + CHUNK]
                self._transport.write(chunk, self.settings.write_timeout_s)
                sent += len(chunk)
            after = self._ask() if not blind else unknown
        except OSError as exc:
            self._drop_connection(exc)
            self._publish(unknown)
            return PrintResult("io_error", before, None, sent, f"I/O error after {sent} bytes: {exc}")
        self._publish(after)
        if blind:
            return PrintResult(
                "fault_after", before, after, sent, "this backend cannot report status: the job went out unconfirmed"
            )
        if not after.can_print:
            return PrintResult("fault_after", before, after, sent, f"printer reported {after.summary} after the job")
        return PrintResult("printed", before, after, sent)
