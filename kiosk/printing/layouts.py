"""What our printed documents say and where: the queue ticket and the technician's test page.

Printed words live here (not in Qt translations): the ticket must print identically whether or not
a screen is running. Two languages: Bahasa Indonesia ("id", the default) and English ("en").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from kiosk.formatting import WEEKDAYS
from kiosk.printing.document import Columns, Cut, Document, Element, Feed, QrCode, Separator, Text
from kiosk.printing.profile import PrinterProfile

Language = Literal["id", "en"]

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "ticket_title": "Nomor Antrean",
        "zone": "Zona / Loket",
        "people_ahead": "Orang di depan Anda",
        "wait": "Perkiraan tunggu",
        "minutes": "± {n} menit",
        "date": "Tanggal",
        "time": "Waktu",
        "scan": "Pindai untuk memantau antrean",
        "footer": "Mohon menunggu hingga nomor Anda dipanggil. Terima kasih.",
        "priority": "PRIORITAS",
        "appointment": "JANJI TEMU",
        "virtual": "TIKET VIRTUAL - tunjukkan di loket",
        "terminal": "Terminal",
        "offline": "Dicetak saat offline",
        "estimate": "* perkiraan: data terakhir sebelum offline",
    },
    "en": {
        "ticket_title": "Queue number",
        "zone": "Zone / Counter",
        "people_ahead": "People ahead of you",
        "wait": "Estimated wait",
        "minutes": "about {n} min",
        "date": "Date",
        "time": "Time",
        "scan": "Scan to follow your queue",
        "footer": "Please wait until your number is called. Thank you.",
        "priority": "PRIORITY",
        "appointment": "APPOINTMENT",
        "virtual": "VIRTUAL TICKET - show it at the counter",
        "terminal": "Terminal",
        "offline": "Issued offline",
        "estimate": "* estimate: last figures before offline",
    },
}

MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
# Indonesia's legal time zone names; zoneinfo only knows "+07" style abbreviations for them.
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


@dataclass(frozen=True)
class TicketPrintData:
    """Everything a printed queue ticket shows; built by the ticket flow from the reserved ticket."""

    number: str
    service_name: str
    agency_name: str
    zone: str
    issued_at: datetime
    people_ahead: int
    estimated_wait_minutes: int
    track_url: str
    site_name: str
    terminal_id: str
    language: Language = "id"
    priority_label: str | None = None
    is_virtual: bool = False
    site_timezone: str = "Asia/Jakarta"
    appointment_slot: datetime | None = None  # booked online: the slot's start, shown under the number
    # From a leased number while the central was away (issue 16): said under the number, and the
    # queue figures are the last known ones, marked as an estimate.
    issued_offline: bool = False

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None:
            raise ValueError("issued_at must be timezone-aware")
        if self.language not in LABELS:
            raise ValueError(f"language must be one of {sorted(LABELS)}, got {self.language!r}")


def format_date(moment: datetime, language: Language) -> str:
    weekday, month = WEEKDAYS[language][moment.weekday()], MONTHS[language][moment.month - 1]
    return f"{weekday}, {moment.day} {month} {moment.year}"


def format_time(moment: datetime, tz_name: str) -> str:
    zone = ZONE_NAMES.get(tz_name) or moment.tzname() or ""
    return f"{moment:%H:%M} {zone}".strip()


def queue_ticket(data: TicketPrintData) -> Document:
    """The citizen's queue ticket: big number first, then where to go, how long, and a QR."""
    t = LABELS[data.language]
    local = data.issued_at.astimezone(ZoneInfo(data.site_timezone))
    mark = "*" if data.issued_offline else ""
    elements: list[Element] = [
        Text(data.site_name, align="center", bold=True),
        Separator("="),
        Text(t["ticket_title"], align="center"),
        Text(data.number, align="center", bold=True, width=4, height=4),
    ]
    if data.priority_label:
        elements.append(Text(f" {t['priority']}: {data.priority_label} ", align="center", invert=True))
    if data.issued_offline:
        elements.append(Text(f" {t['offline']} ", align="center", invert=True))
    if data.appointment_slot is not None:
        slot = format_time(data.appointment_slot.astimezone(ZoneInfo(data.site_timezone)), data.site_timezone)
        elements.append(Text(f" {t['appointment']} {slot} ", align="center", invert=True))
    elements += [
        Feed(1),
        Text(data.service_name, align="center", bold=True),
        Text(data.agency_name, align="center"),
        Separator(),
        Columns(t["zone"], data.zone, bold=True),
        Columns(t["people_ahead"], f"{data.people_ahead}{mark}"),
        Columns(t["wait"], t["minutes"].format(n=data.estimated_wait_minutes) + mark),
        Columns(t["date"], format_date(local, data.language)),
        Columns(t["time"], format_time(local, data.site_timezone)),
    ]
    if data.issued_offline:
        elements.append(Text(t["estimate"]))
    elements += [
        Separator(),
        QrCode(data.track_url, module_size=6, error_correction="M"),
        Text(t["scan"], align="center"),
        Feed(1),
        Text(t["footer"], align="center"),
    ]
    if data.is_virtual:
        elements.append(Text(t["virtual"], align="center", bold=True))
    elements += [Text(f"{t['terminal']} {data.terminal_id}", align="center"), Cut(partial=True)]
    return Document(tuple(elements), title=f"{data.number} {data.service_name}")


def _hex(reply: object) -> str:
    """Bytes or a hex string (as in ``PrinterStatus.raw``) shown as hex and bits."""
    if isinstance(reply, str):
        text = reply
        try:
            reply = bytes.fromhex(text)
        except ValueError:
            return text
    if isinstance(reply, (bytes, bytearray)):
        return " ".join(f"{b:02X} ({b:08b})" for b in reply) or "(no reply)"
    return "(no reply)" if reply in (None, "") else str(reply)


def test_page(profile: PrinterProfile, status_bytes: Mapping[int, object]) -> Document:
    """The technician's page: who the printer is, what it answered, and what it can print."""
    from kiosk.printing.escpos_render import supports_native_qr  # lazy: imports python-escpos

    cols = profile.columns
    native = supports_native_qr(profile)
    ruler_digits = "".join(str((i + 1) % 10) for i in range(cols))
    ruler_tens = "".join(str((i + 1) // 10 % 10) if (i + 1) % 10 == 0 else "." for i in range(cols))
    elements: list[Element] = [
        Text("TEST PAGE / HALAMAN UJI", align="center", bold=True, width=1, height=2),
        Separator("="),
        Columns("Profile", profile.name),
        Columns("Paper", f"{profile.paper_width_mm} mm"),
        Columns("Printable width", f"{profile.width_dots} dots"),
        Columns("Columns (Font A)", str(cols)),
        Columns("Native QR (GS ( k)", "yes" if native else "no"),
        Separator(),
        Text("Real-time status (DLE EOT n):", bold=True),
    ]
    for n in (1, 2, 4):
        elements.append(Columns(f"  n={n}", _hex(status_bytes.get(n))))
    elements += [
        Separator(),
        Text("Code page sample:", bold=True),
        Text("Selamat datang di Mal Pelayanan Publik."),
        Text("Café, résumé, naïve, Jürgen, São Paulo, ± 15 menit"),
        Text("Transliterated: “quotes” — dash … ellipsis € euro"),
        Text("Bold", bold=True),
        Text("Underline", underline=True),
        Text(" Inverted ", invert=True),
        Text("Double", width=2, height=2),
        Separator(),
        Text("Native QR" if native else "Native QR: not supported, raster shown", align="center"),
        QrCode("https://example.org/anjungan/test", module_size=4),
        Text("Raster QR", align="center"),
        QrCode("https://example.org/anjungan/test", module_size=4, native=False),
        Separator(),
        Text("Ruler:"),
        Text(ruler_tens),
        Text(ruler_digits),
        Separator("#"),
        Cut(partial=True),
    ]
    return Document(tuple(elements), title=f"test page {profile.name}")


test_page.__test__ = False  # type: ignore[attr-defined]  # a document, not a pytest test


RECEIPT_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "BUKTI PEMBAYARAN",
        "amount": "Jumlah",
        "method": "Metode",
        "reference": "Referensi",
        "service": "Layanan",
        "ticket": "Nomor antrean",
        "merchant": "Penerima",
        "date": "Tanggal",
        "time": "Waktu",
        "terminal": "Terminal",
        "scan": "Pindai untuk memeriksa pembayaran",
        "footer": "Simpan bukti ini. Terima kasih.",
    },
    "en": {
        "title": "PAYMENT RECEIPT",
        "amount": "Amount",
        "method": "Method",
        "reference": "Reference",
        "service": "Service",
        "ticket": "Queue number",
        "merchant": "Paid to",
        "date": "Date",
        "time": "Time",
        "terminal": "Terminal",
        "scan": "Scan to check this payment",
        "footer": "Keep this receipt. Thank you.",
    },
}


@dataclass(frozen=True)
class ReceiptPrintData:
    """A paid fee's receipt: printed right after the queue ticket it paid for."""

    amount_idr: int
    reference: str
    paid_at: datetime
    service_name: str
    ticket_number: str
    merchant_name: str
    site_name: str
    terminal_id: str
    verify_url: str
    language: Language = "id"
    site_timezone: str = "Asia/Jakarta"

    def __post_init__(self) -> None:
        if self.paid_at.tzinfo is None:
            raise ValueError("paid_at must be timezone-aware")
        if self.language not in RECEIPT_LABELS:
            raise ValueError(f"language must be one of {sorted(RECEIPT_LABELS)}, got {self.language!r}")


def receipt(data: ReceiptPrintData) -> Document:
    """Amount first ("Rp350.000", "IDR 350,000": as the screens write it), then what it paid for, the reference and a QR to verify it."""
    from kiosk.formatting import rupiah

    t = RECEIPT_LABELS[data.language]
    local = data.paid_at.astimezone(ZoneInfo(data.site_timezone))
    elements = (
        Text(data.site_name, align="center", bold=True),
        Separator("="),
        Text(t["title"], align="center", bold=True),
        Text(rupiah(data.amount_idr, data.language), align="center", bold=True, width=2, height=2),
        Separator(),
        Columns(t["service"], data.service_name),
        Columns(t["ticket"], data.ticket_number, bold=True),
        Columns(t["method"], "QRIS"),
        Columns(t["merchant"], data.merchant_name),
        Columns(t["reference"], data.reference),
        Columns(t["date"], format_date(local, data.language)),
        Columns(t["time"], format_time(local, data.site_timezone)),
        Columns(t["terminal"], data.terminal_id),
        Separator(),
        QrCode(data.verify_url, module_size=5, error_correction="M"),
        Text(t["scan"], align="center"),
        Feed(1),
        Text(t["footer"], align="center"),
        Cut(partial=True),
    )
    return Document(elements, title=f"receipt {data.reference}")
