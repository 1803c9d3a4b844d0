"""Golden images of the same ticket at 58 mm and 80 mm.

The PNGs under tests/printing/golden/ are the reviewed look of the ticket. After a deliberate
change of layout or rendering, regenerate them and LOOK at them before committing:

    ANJUNGAN_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/printing/test_printing_golden_images.py
"""

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from kiosk.printing.image_render import render_image, render_png
from kiosk.printing.layouts import queue_ticket

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("ANJUNGAN_REGEN_GOLDEN") == "1"
MAX_DIFFERENT_PIXELS = 0.001  # 0.1 %: room for a FreeType hinting change, not for a layout change


@pytest.mark.parametrize("paper_mm,width_dots", [(58, 384), (80, 576)])
def test_ticket_matches_golden_image(paper_mm, width_dots, tmp_path, make_ticket):
    image = render_image(queue_ticket(make_ticket(priority_label="Lansia")), width_dots)
    path = GOLDEN / f"ticket_{paper_mm}mm.png"
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        image.save(path, optimize=True)
    golden = Image.open(path)
    assert image.mode == "1" and image.width == width_dots
    assert golden.size == image.size, f"size changed: {golden.size} -> {image.size}"
    diff = ImageChops.difference(image.convert("L"), golden.convert("L"))
    changed = image.width * image.height - diff.histogram()[0]
    assert changed <= MAX_DIFFERENT_PIXELS * image.width * image.height, f"{changed} pixels differ"


def test_image_has_ink_in_the_qr_area_and_png_export(make_ticket):
    doc = queue_ticket(make_ticket())
    png = render_png(doc, 384)
    assert png.startswith(b"\x89PNG")
    image = render_image(doc, 384)
    black = image.convert("L").histogram()[0]
    assert 0.05 < black / (image.width * image.height) < 0.5  # a ticket, neither blank nor black
