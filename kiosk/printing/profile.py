"""What the renderers need to know about a printer: pinned capability profile and paper geometry.

Kept free of python-escpos so that building one costs nothing at start-up; the ESC/POS renderer
looks the capability profile up lazily.
"""

from __future__ import annotations

from dataclasses import dataclass

# Font A is 12 x 24 dots on 203 dpi printers: 384 dots = 32 columns, 576 dots = 48 columns.
PAPER_GEOMETRY: dict[int, tuple[int, int]] = {58: (384, 32), 80: (576, 48)}
FONT_A_DOTS = (12, 24)


@dataclass(frozen=True)
class PrinterProfile:
    """A pinned python-escpos capability profile plus the paper actually loaded."""

    name: str = "default"
    paper_width_mm: int = 80
    width_dots: int = 0  # 0: derived from the paper width
    columns: int = 0  # 0: derived from the paper width
    native_qr: bool | None = None  # None: ask the capability profile
    code_page: str | None = None  # None: first of CP858, CP850, CP1252, CP437 the profile has

    def __post_init__(self) -> None:
        if self.paper_width_mm not in PAPER_GEOMETRY:
            raise ValueError(f"paper width must be 58 or 80 mm, got {self.paper_width_mm}")
        dots, cols = PAPER_GEOMETRY[self.paper_width_mm]
        if not self.width_dots:
            object.__setattr__(self, "width_dots", dots)
        if not self.columns:
            object.__setattr__(self, "columns", cols)
