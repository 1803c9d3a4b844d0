"""Bitmaps shared by both renderers: QR symbols and logos as 1-bit Pillow images (lazy imports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.printing.document import QrCode

if TYPE_CHECKING:  # Pillow and qrcode load lazily (start-up time)
    from PIL.Image import Image as PilImage


def qr_image(el: QrCode) -> PilImage:
    """The QR symbol as a 1-bit image, one module = ``module_size`` dots, without quiet zone."""
    import qrcode

    levels = {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }
    qr = qrcode.QRCode(box_size=el.module_size, border=0, error_correction=levels[el.error_correction])
    qr.add_data(el.data)
    qr.make(fit=True)
    return qr.make_image().get_image().convert("1")


def logo_image(path: str, width_dots: int) -> PilImage:
    """A picture file as a 1-bit image no wider than the paper (thresholded, not dithered)."""
    from PIL import Image

    img = Image.open(path).convert("L")
    if img.width > width_dots:
        img = img.resize((width_dots, max(1, img.height * width_dots // img.width)))
    return img.point(lambda v: 255 if v >= 128 else 0).convert("1")
