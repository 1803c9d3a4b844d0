"""Document -> ESC/POS bytes, through python-escpos's ``Dummy`` printer and a pinned profile.

Only the style attributes that change are sent (bytes on a 9600-baud line cost ~1 ms each), the QR
code is native (``GS ( k``) when the profile has it and a raster image otherwise, and text is
transliterated into the selected code page instead of failing on a character it lacks.
escpos/qrcode/PIL are imported inside the functions: the kiosk start path must not pay for them.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.printing.document import Columns, Cut, Document, Feed, Logo, QrCode, Separator, Text
from kiosk.printing.profile import PrinterProfile
from kiosk.printing.raster import logo_image, qr_image
from kiosk.printing.textfit import two_columns, wrap

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

GS = b"\x1d"
PREFERRED_CODE_PAGES = ("CP858", "CP850", "CP1252", "CP437")

# Characters that NFKD cannot reduce to ASCII but that have an obvious plain spelling.
_PLAIN = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u2022": "*",
    "\u00b7": ".",
    "\u20ac": "EUR",
    "\u00df": "ss",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0142": "l",
    "\u0141": "L",
    "\u00a0": " ",
}


def import_escpos() -> Any:
    """Import python-escpos lazily, keeping its capability cache across processes.

    escpos re-parses its capability database on every import unless the pickle directory is
    stable (its default is a fresh temporary directory), which costs ~0.1 s per process.
    """
    os.environ.setdefault(
        "ESCPOS_CAPABILITIES_PICKLE_DIR",
        os.path.join(tempfile.gettempdir(), f"anjungan-escpos-{os.getuid()}"),
    )
    os.makedirs(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"], exist_ok=True)
    from escpos.printer import Dummy

    return Dummy


def supports_native_qr(profile: PrinterProfile) -> bool:
    if profile.native_qr is not None:
        return profile.native_qr
    return bool(_new_printer(profile).profile.supports("qrCode"))


def _new_printer(profile: PrinterProfile) -> Any:
    dummy_cls = import_escpos()
    try:
        return dummy_cls(profile=profile.name)
    except KeyError:
        raise ValueError(f"unknown python-escpos capability profile {profile.name!r}") from None


def code_page_table(printer: Any) -> dict[str, int]:
    """Code page name -> ESC t number; where a profile lists a page twice, the lower number wins."""
    table: dict[str, int] = {}
    for number, name in sorted(printer.profile.codePages.items(), key=lambda kv: int(kv[0])):
        table.setdefault(name, int(number))
    return table


def choose_code_page(printer: Any, profile: PrinterProfile) -> str:
    pages = code_page_table(printer)
    if profile.code_page:
        if profile.code_page not in pages:
            raise ValueError(f"profile {profile.name!r} has no code page {profile.code_page!r}")
        return profile.code_page
    for name in PREFERRED_CODE_PAGES:
        if name in pages:
            return name
    raise ValueError(f"profile {profile.name!r} has no Latin code page")


def transliterate(text: str, can_encode: Callable[[str], bool]) -> str:
    """Replace every character the code page lacks by its nearest plain spelling, else '?'."""
    out = []
    for ch in text:
        if can_encode(ch):
            out.append(ch)
            continue
        plain = _PLAIN.get(ch)
        if plain is None:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            plain = base if base and all(can_encode(c) for c in base) else "?"
        out.append(plain)
    return "".join(out)


class _Writer:
    """Wraps a Dummy printer and remembers the current style so only changes are sent."""

    def __init__(self, profile: PrinterProfile) -> None:
        self.profile = profile
        self.p = _new_printer(profile)
        self.p.hw("INIT")  # ESC @: known state whatever the previous job left behind
        self.code_page = choose_code_page(self.p, profile)
        # ESC t n once; we encode ourselves afterwards, so no mid-ticket code page switching.
        self.p._raw(b"\x1bt" + bytes((code_page_table(self.p)[self.code_page],)))
        encoder = self.p.magic.encoder
        self._can_encode = lambda ch: ord(ch) >= 32 and encoder.can_encode(self.code_page, ch)
        self.style: dict[str, Any] = {"align": "left", "bold": False, "underline": 0, "invert": False, "size": (1, 1)}
        self.native_qr = supports_native_qr(profile) if profile.native_qr is None else profile.native_qr

    def set(
        self,
        align: str = "left",
        bold: bool = False,
        underline: int = 0,
        invert: bool = False,
        size: tuple[int, int] = (1, 1),
    ) -> None:
        want = {"align": align, "bold": bold, "underline": underline, "invert": invert, "size": size}
        changed = {k: v for k, v in want.items() if self.style[k] != v}
        if "size" in changed:
            self.p.set(custom_size=True, width=size[0], height=size[1])  # GS ! n
        args = {k: v for k, v in changed.items() if k != "size"}
        if args:
            self.p.set(**args)
        self.style.update(want)

    def line(self, text: str) -> None:
        self.p._raw(self.p.magic.encoder.encode(transliterate(text, self._can_encode), self.code_page))
        self.p._raw(b"\n")

    def raster(self, image: PilImage) -> None:
        """GS v 0 raster image; centred by padding on the left only (fewer bytes than both sides)."""
        from escpos.image import EscposImage
        from PIL import Image

        width = min(image.width, self.profile.width_dots)
        left = (self.profile.width_dots - width) // 2
        canvas = Image.new("1", (left + width, image.height), 1)
        canvas.paste(image.convert("1").crop((0, 0, width, image.height)), (left, 0))
        im = EscposImage(canvas)
        header = GS + b"v0\x00" + im.width_bytes.to_bytes(2, "little") + im.height.to_bytes(2, "little")
        self.p._raw(header + im.to_raster_format())

    def output(self) -> bytes:
        output: bytes = self.p.output  # python-escpos is untyped; Dummy.output is the bytes
        return output


def render_escpos(doc: Document, profile: PrinterProfile) -> bytes:
    """The whole job as bytes, starting with ESC @ so a half-finished previous job cannot leak in."""
    w = _Writer(profile)
    cols = profile.columns
    from escpos import constants as c

    ec_map = {"L": c.QR_ECLEVEL_L, "M": c.QR_ECLEVEL_M, "Q": c.QR_ECLEVEL_Q, "H": c.QR_ECLEVEL_H}
    for el in doc.elements:
        if isinstance(el, Text):
            w.set(el.align, el.bold, 1 if el.underline else 0, el.invert, (el.width, el.height))
            for line in wrap(el.text, cols // el.width):
                w.line(line)
        elif isinstance(el, Columns):
            w.set(bold=el.bold)
            for line in two_columns(el.left, el.right, cols):
                w.line(line)
        elif isinstance(el, Separator):
            w.set()
            w.line(el.char * cols)
        elif isinstance(el, Feed):
            w.p._raw(b"\n" * el.lines)
        elif isinstance(el, QrCode):
            w.set(align="center")  # alignment first: escpos refuses qr(native=True, center=True)
            if w.native_qr if el.native is None else (el.native and w.native_qr):
                w.p.qr(el.data, ec=ec_map[el.error_correction], size=el.module_size, native=True)
            else:
                w.raster(qr_image(el))
        elif isinstance(el, Logo):
            w.set(align="left")
            w.raster(logo_image(el.path, profile.width_dots))
        elif isinstance(el, Cut):
            w.set()
            w.p.cut(mode="PART" if el.partial else "FULL")  # ESC d 6, then GS V 1 / GS V 0
        else:  # pragma: no cover - the Element union is closed
            raise TypeError(f"cannot render {type(el).__name__}")
    return w.output()
