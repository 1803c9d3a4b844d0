"""A printer that exists only in memory: the whole stack runs against it in the demo and tests.

It answers DLE EOT like a real printer according to its paper state (changeable at runtime from the
demo panel), records every byte through the same decoder as the loopback emulator, and renders each
printed ``Document`` to an image for the on-screen "printed ticket".
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from kiosk.devices.printer.escpos_decode import Job, JobRecorder
from kiosk.devices.printer.pretend import PaperState, PretendPrinter

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

    from kiosk.printing.document import Document

# Jobs kept for the demo, the tests and the walk-through: a kiosk on the virtual printer all day
# would otherwise keep every ticket it ever printed (about 2.4 MiB per 1,000, issue 20's soak).
KEPT_JOBS = 20


class JobOutcome(Protocol):
    """What the virtual printer reads of ``service.PrintResult``: it may not import service.py,
    which imports it (tests/test_layering.py: no cycle among the printer modules)."""

    @property
    def printed(self) -> bool: ...


class VirtualPrinter(PretendPrinter):
    """Paper, cover and recorded jobs of the pretend printer, plus the last ticket image."""

    def __init__(self, paper: PaperState = "ok", width_dots: int = 576) -> None:
        super().__init__(paper)
        self.width_dots = width_dots
        self.recorder = JobRecorder()
        self.jobs_dropped = 0  # the oldest jobs, let go beyond KEPT_JOBS
        self.last_image: PilImage | None = None  # of the last printed document
        self._image_listeners: list[Callable[[PilImage], None]] = []

    @property
    def jobs(self) -> list[Job]:
        """The last ``KEPT_JOBS`` jobs, oldest first."""
        with self._lock:
            return list(self.recorder.jobs)

    def receive(self, data: bytes) -> bytes:
        """Consume bytes sent to the printer; returns the status bytes it answers with."""
        with self._lock:
            self.recorder.faulted = self._faulted()
            queries = self.recorder.feed(data)
            excess = len(self.recorder.jobs) - KEPT_JOBS
            if excess > 0:  # the newest (possibly still arriving) job is always kept
                del self.recorder.jobs[:excess]
                self.jobs_dropped += excess
            return b"".join(self._status_reply(n) for n in queries)

    # ---- images for the demo panel -------------------------------------------------------------
    def add_image_listener(self, cb: Callable[[PilImage], None]) -> None:
        """``cb(PIL.Image)`` after each printed document, on the printer worker thread."""
        self._image_listeners.append(cb)

    def document_printed(self, doc: Document, result: JobOutcome) -> None:
        if not result.printed:
            return
        from kiosk.printing.image_render import render_image

        image = render_image(doc, self.width_dots)
        self.last_image = image
        for cb in list(self._image_listeners):
            cb(image)

    def last_png(self) -> bytes | None:
        if self.last_image is None:
            return None
        buf = io.BytesIO()
        self.last_image.save(buf, format="PNG")
        return buf.getvalue()


class VirtualTransport:
    """The transport face of a ``VirtualPrinter``: writes go in, status replies come out."""

    supports_status = True

    def __init__(self, printer: VirtualPrinter) -> None:
        self.printer = printer
        self._replies = bytearray()
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def open(self) -> None:
        self._open = True
        self._replies.clear()

    def write(self, data: bytes, timeout: float) -> None:
        self._replies += self.printer.receive(data)

    def read(self, n: int, timeout: float) -> bytes:
        out = bytes(self._replies[:n])
        del self._replies[:n]
        return out

    def close(self) -> None:
        self._open = False
