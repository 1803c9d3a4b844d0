"""An immutable, printer-independent document: what a ticket says, not how a printer says it.

Renderers (``escpos_render``, ``image_render``) turn the same ``Document`` into printer bytes or a
picture, so the virtual ticket on screen and the paper ticket cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypedDict, Unpack

Align = Literal["left", "center", "right"]
ErrorCorrection = Literal["L", "M", "Q", "H"]


def _check_magnification(name: str, value: int) -> None:
    if not 1 <= value <= 8:
        raise ValueError(f"{name} magnification must be 1..8, got {value}")


@dataclass(frozen=True)
class Text:
    """One paragraph; wrapped at word boundaries to the line width by the renderers."""

    text: str
    align: Align = "left"
    bold: bool = False
    width: int = 1
    height: int = 1
    underline: bool = False
    invert: bool = False

    def __post_init__(self) -> None:
        if self.align not in ("left", "center", "right"):
            raise ValueError(f"align must be left, center or right, got {self.align!r}")
        _check_magnification("width", self.width)
        _check_magnification("height", self.height)


@dataclass(frozen=True)
class Columns:
    """A label on the left and a value on the right of the same line."""

    left: str
    right: str
    bold: bool = False


@dataclass(frozen=True)
class Separator:
    """A full-width rule drawn with one repeated character."""

    char: str = "-"

    def __post_init__(self) -> None:
        if len(self.char) != 1:
            raise ValueError(f"separator char must be one character, got {self.char!r}")


@dataclass(frozen=True)
class QrCode:
    """A centred QR code; ``module_size`` is the size of one module in printer dots."""

    data: str
    module_size: int = 6
    error_correction: ErrorCorrection = "M"
    native: bool | None = None  # None: the profile decides; False forces a raster QR.

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("QR data must not be empty")
        if not 1 <= self.module_size <= 16:
            raise ValueError(f"QR module size must be 1..16 dots, got {self.module_size}")
        if self.error_correction not in ("L", "M", "Q", "H"):
            raise ValueError(f"QR error correction must be L, M, Q or H, got {self.error_correction!r}")


@dataclass(frozen=True)
class Logo:
    """A centred monochrome picture loaded from ``path`` and scaled down to the paper width."""

    path: str


@dataclass(frozen=True)
class Feed:
    """Blank lines."""

    lines: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.lines <= 255:
            raise ValueError(f"feed lines must be 0..255, got {self.lines}")


@dataclass(frozen=True)
class Cut:
    """Feed the paper past the cutter and cut it (partial cut leaves a hinge)."""

    partial: bool = True


Element = Text | Columns | Separator | QrCode | Logo | Feed | Cut


@dataclass(frozen=True)
class Document:
    """A titled, ordered, immutable sequence of elements."""

    elements: tuple[Element, ...]
    title: str = ""

    def __post_init__(self) -> None:
        # An untyped caller (a test, a tool) may hand in a list: the document stays immutable.
        elements: Sequence[Element] = self.elements
        if not isinstance(elements, tuple):
            object.__setattr__(self, "elements", tuple(elements))

    def texts(self) -> list[str]:
        """All printed words, in order (for tests and for speech/accessibility)."""
        out: list[str] = []
        for el in self.elements:
            if isinstance(el, Text):
                out.append(el.text)
            elif isinstance(el, Columns):
                out.extend((el.left, el.right))
        return out


class TextStyle(TypedDict, total=False):
    """``Text``'s style fields, as ``DocumentBuilder.text`` takes them."""

    align: Align
    bold: bool
    width: int
    height: int
    underline: bool
    invert: bool


class QrOptions(TypedDict, total=False):
    """``QrCode``'s options, as ``DocumentBuilder.qr`` takes them."""

    module_size: int
    error_correction: ErrorCorrection
    native: bool | None


@dataclass
class DocumentBuilder:
    """Mutable helper that collects elements and freezes them into a ``Document``."""

    title: str = ""
    _elements: list[Element] = field(default_factory=list)

    def text(self, text: str, **style: Unpack[TextStyle]) -> DocumentBuilder:
        self._elements.append(Text(text, **style))
        return self

    def columns(self, left: str, right: str, bold: bool = False) -> DocumentBuilder:
        self._elements.append(Columns(left, right, bold))
        return self

    def separator(self, char: str = "-") -> DocumentBuilder:
        self._elements.append(Separator(char))
        return self

    def qr(self, data: str, **opts: Unpack[QrOptions]) -> DocumentBuilder:
        self._elements.append(QrCode(data, **opts))
        return self

    def logo(self, path: str) -> DocumentBuilder:
        self._elements.append(Logo(path))
        return self

    def feed(self, lines: int = 1) -> DocumentBuilder:
        self._elements.append(Feed(lines))
        return self

    def cut(self, partial: bool = True) -> DocumentBuilder:
        self._elements.append(Cut(partial))
        return self

    def build(self) -> Document:
        return Document(tuple(self._elements), self.title)
