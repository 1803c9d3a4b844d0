"""Document -> a 1-bit picture that looks like the thermal ticket (demo panel, virtual ticket, tests).

The grid follows the printer: Font A cells of (width_dots / columns) x 24 dots, magnified text
scales the cell, lines break exactly where ``escpos_render`` breaks them (``textfit``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kiosk.printing.document import Columns, Cut, Document, Feed, Logo, QrCode, Separator, Text
from kiosk.printing.profile import FONT_A_DOTS, PAPER_GEOMETRY
from kiosk.printing.raster import logo_image, qr_image
from kiosk.printing.textfit import place, two_columns, wrap

if TYPE_CHECKING:  # Pillow loads lazily (start-up time)
    from PIL.Image import Image as PilImage
    from PIL.ImageFont import FreeTypeFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
LINE_GAP = 6  # dots between text lines, as ESC 2 (1/6 inch) leaves on a 203 dpi printer
MARGIN = 12  # white paper above the first line and below the last


@lru_cache(maxsize=32)
def _font(bold: bool, size: float) -> FreeTypeFont:
    from PIL import ImageFont

    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"
    return ImageFont.truetype(f"{FONT_DIR}/{name}", size)


def _columns_for(width_dots: int) -> int:
    for dots, cols in PAPER_GEOMETRY.values():
        if dots == width_dots:
            return cols
    return max(1, width_dots // FONT_A_DOTS[0])


def _text_line(
    line: str,
    width_dots: int,
    cell: tuple[int, int],
    mag: tuple[int, int],
    bold: bool = False,
    underline: bool = False,
    invert: bool = False,
) -> PilImage:
    """One printed line; every character sits in its own cell, like a printer's bitmap font."""
    from PIL import Image, ImageDraw

    cw, ch = cell[0] * mag[0], cell[1] * mag[1]
    row = Image.new("L", (width_dots, ch + LINE_GAP * mag[1]), 255)
    body = line.lstrip(" ")
    start = (len(line) - len(body)) * cw  # leading spaces stand for the printer's alignment
    if not body:
        return row
    # DejaVu Sans Mono advances 0.602 em: this size makes one glyph fill one cell of this height.
    font = _font(bold, cell[0] / 0.602 * mag[1])
    square = cell[0] * mag[1]  # cell width before a one-axis stretch
    glyphs = Image.new("L", (square * len(body), ch), 0 if invert else 255)
    draw = ImageDraw.Draw(glyphs)
    for i, char in enumerate(body):
        draw.text((i * square, int(ch * 0.8)), char, font=font, fill=255 if invert else 0, anchor="ls")
    if underline:
        draw.rectangle((0, ch - 2 * mag[1], glyphs.width, ch - mag[1]), fill=255 if invert else 0)
    if mag[0] != mag[1]:  # printers stretch one axis only: do the same
        glyphs = glyphs.resize((cw * len(body), ch))
    row.paste(glyphs.crop((0, 0, min(glyphs.width, width_dots - start), ch)), (start, 0))
    return row


def _blank(width_dots: int, height: int) -> PilImage:
    from PIL import Image

    return Image.new("L", (width_dots, max(0, height)), 255)


def _centred(img: PilImage, width_dots: int, pad: int = 0) -> PilImage:
    from PIL import Image

    row = Image.new("L", (width_dots, img.height + 2 * pad), 255)
    row.paste(img.convert("L"), ((width_dots - img.width) // 2, pad))
    return row


def _cut_mark(width_dots: int, partial: bool) -> PilImage:
    from PIL import ImageDraw

    row = _blank(width_dots, 4 * (FONT_A_DOTS[1] + LINE_GAP))
    y = row.height - 6
    step = 12 if partial else 6
    draw = ImageDraw.Draw(row)
    for x in range(0, width_dots, step):
        draw.line((x, y, x + step // 2, y), fill=0, width=2)
    return row


def render_image(doc: Document, width_dots: int = 576) -> PilImage:
    """The ticket as a mode "1" Pillow image exactly ``width_dots`` wide."""
    from PIL import Image

    cols = _columns_for(width_dots)
    cell = (width_dots // cols, FONT_A_DOTS[1])
    line_h = cell[1] + LINE_GAP
    rows: list[PilImage] = [_blank(width_dots, MARGIN)]
    for i, el in enumerate(doc.elements):
        if isinstance(el, Text):
            per_line = cols // el.width
            for line in wrap(el.text, per_line):
                placed = place(line, per_line, el.align)
                rows.append(
                    _text_line(placed, width_dots, cell, (el.width, el.height), el.bold, el.underline, el.invert)
                )
        elif isinstance(el, Columns):
            for line in two_columns(el.left, el.right, cols):
                rows.append(_text_line(line, width_dots, cell, (1, 1), el.bold))
        elif isinstance(el, Separator):
            rows.append(_text_line(el.char * cols, width_dots, cell, (1, 1)))
        elif isinstance(el, Feed):
            rows.append(_blank(width_dots, line_h * el.lines))
        elif isinstance(el, QrCode):
            rows.append(_centred(qr_image(el), width_dots, pad=LINE_GAP))
        elif isinstance(el, Logo):
            rows.append(_centred(logo_image(el.path, width_dots), width_dots))
        elif isinstance(el, Cut):
            last = i == len(doc.elements) - 1
            rows.append(_blank(width_dots, MARGIN) if last else _cut_mark(width_dots, el.partial))
    height = sum(r.height for r in rows)
    page = Image.new("L", (width_dots, height), 255)
    y = 0
    for r in rows:
        page.paste(r, (0, y))
        y += r.height
    # Thermal paper is black or white: threshold instead of keeping anti-aliasing grey.
    return page.point(lambda v: 255 if v >= 140 else 0).convert("1")


def render_png(doc: Document, width_dots: int = 576) -> bytes:
    import io

    buf = io.BytesIO()
    render_image(doc, width_dots).save(buf, format="PNG", optimize=True)
    return buf.getvalue()
