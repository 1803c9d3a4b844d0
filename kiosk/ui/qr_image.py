"""QRIS codes drawn off the GUI thread (issue 20: drawing one there stalled the screen 37-69 ms,
60 ms the first time with the lazy ``import qrcode``).

``QrImageMaker.request(key, payload)`` makes the image on its own thread and hands a ``QImage``
back with ``made(key, image)`` on the GUI thread (queued); the caller shows it only if ``key`` is
still what it wants. A QImage may be painted in any thread; only the QPixmap belongs to the GUI.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter

log = logging.getLogger(__name__)

QR_PX = 520


def qr_image(payload: str, size: int = QR_PX) -> QImage:
    """Black modules on white with the quiet zone, scaled to whole pixels per module."""
    import qrcode  # lazy: off the start-up path, and here off the GUI thread

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    scale = max(1, size // len(matrix))
    image = QImage(len(matrix) * scale, len(matrix) * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * scale, y * scale, scale, scale, black)
    painter.end()
    return image


class QrImageMaker(QObject):
    """One thread that draws QR images; answers arrive on the thread this object lives in."""

    made = Signal(object, QImage)  # (the caller's key, the image; a null image if it failed)
    _done = Signal(object, QImage)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qr-image")
        # Queued by hand: the worker emits, the GUI thread receives.
        self._done.connect(self.made, Qt.ConnectionType.QueuedConnection)
        self._closed = False

    def request(self, key: object, payload: str, size: int = QR_PX) -> None:
        if not self._closed:
            self._pool.submit(self._make, key, payload, size)

    def _make(self, key: object, payload: str, size: int) -> None:
        try:
            image = qr_image(payload, size)
        except Exception:
            log.exception("could not draw the QRIS code")  # the payload is not logged
            image = QImage()
        if not self._closed:
            self._done.emit(key, image)

    def close(self) -> None:
        """Stop drawing and join the thread: a code being drawn finishes (tens of ms) and is
        dropped; queued ones are cancelled. Nothing is left for the garbage collector."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
