"""The pages a printed QR code opens on a phone: "your place in the queue" (ticket) and
"is this receipt genuine" (QRIS receipt)."""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from kiosk.contract import Payment, Ticket
from kiosk.formatting import rupiah

_TEXT = {
    "id": {
        "title": "Posisi antrean Anda",
        "ahead": "Orang di depan Anda",
        "wait": "Perkiraan tunggu",
        "minutes": "menit",
        "zone": "Tempat menunggu",
        "status": "Status",
        "reserved": "Sedang dicetak",
        "confirmed": "Dalam antrean",
        "virtual": "Dalam antrean",
        "failed": "Tidak berlaku",
        "lapsed": "Tidak berlaku",
        "other": "English",
    },
    "en": {
        "title": "Your place in the queue",
        "ahead": "People ahead of you",
        "wait": "Estimated wait",
        "minutes": "minutes",
        "zone": "Where to wait",
        "status": "Status",
        "reserved": "Being printed",
        "confirmed": "In the queue",
        "virtual": "In the queue",
        "failed": "Not valid",
        "lapsed": "Not valid",
        "other": "Bahasa Indonesia",
    },
}


def render_ticket_page(ticket: Ticket, lang: str, *, live: bool = False) -> str:
    """``live``: central/live/static/phone.js keeps it current (else the page reloads every 30 s)."""
    lang = lang if lang in _TEXT else "id"
    t = _TEXT[lang]
    other = "en" if lang == "id" else "id"
    name = ticket.service_name.get(lang) if ticket.service_name else ticket.service_id
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{"" if live else '<meta http-equiv="refresh" content="30">'}
<title>{escape(t["title"])} · {escape(ticket.number)}</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem;color:#111;background:#fff}}
.n{{font-size:4rem;font-weight:700;margin:.5rem 0}} dt{{font-weight:700;margin-top:.8rem}}</style>
</head><body data-ticket="{escape(ticket.id)}" data-lang="{lang}">
<h1>{escape(t["title"])}</h1>
<div class="n">{escape(ticket.number)}</div>
<div id="call" role="alert" hidden></div>
<p>{escape(name)}</p>
<dl>
<dt>{escape(t["status"])}</dt><dd id="status">{escape(t[ticket.status])}</dd>
<dt>{escape(t["ahead"])}</dt><dd id="ahead">{ticket.people_ahead}</dd>
<dt>{escape(t["wait"])}</dt><dd><span id="wait">{ticket.estimated_wait_minutes}</span> {escape(t["minutes"])}</dd>
<dt>{escape(t["zone"])}</dt><dd>{escape(ticket.zone.get(lang))}</dd>
</dl>
<p><a href="?lang={other}">{escape(t["other"])}</a></p>
{'<script src="/live/phone.js"></script><script src="/survey/survey.js"></script>' if live else ""}
</body></html>
"""


_RECEIPT = {
    "id": {
        "title": "Bukti pembayaran",
        "amount": "Jumlah",
        "service": "Layanan",
        "paid_at": "Dibayar",
        "status": "Status",
        "ticket": "Nomor antrean",
        "reference": "Referensi",
        "other": "English",
        "paid": "Lunas: pembayaran ini tercatat di pusat layanan.",
        "refund_requested": "Dikembalikan: dana sedang dikembalikan ke pembayar.",
        "pending": "Belum dibayar.",
        "expired": "Kedaluwarsa: tidak ada pembayaran.",
        "cancelled": "Dibatalkan: tidak ada pembayaran.",
        "unknown": "Tidak ada pembayaran dengan referensi ini. Bukti ini tidak sah.",
    },
    "en": {
        "title": "Payment receipt",
        "amount": "Amount",
        "service": "Service",
        "paid_at": "Paid",
        "status": "Status",
        "ticket": "Queue number",
        "reference": "Reference",
        "other": "Bahasa Indonesia",
        "paid": "Paid: this payment is on record at the service centre.",
        "refund_requested": "Refunded: the money is being returned to the payer.",
        "pending": "Not paid yet.",
        "expired": "Expired: nothing was paid.",
        "cancelled": "Cancelled: nothing was paid.",
        "unknown": "No payment has this reference. This receipt is not genuine.",
    },
}


def render_receipt_page(
    reference: str, payment: Payment | None, service_name: str, ticket_number: str | None, site_tz: tzinfo, lang: str
) -> str:
    """What a citizen, or a counter clerk, sees on scanning the QR code on a QRIS receipt."""
    lang = lang if lang in _RECEIPT else "id"
    t = _RECEIPT[lang]
    other = "en" if lang == "id" else "id"
    rows = [(t["reference"], reference)]
    if payment is None:
        verdict = t["unknown"]
    else:
        verdict = t.get(payment.status, payment.status)
        rows += [(t["amount"], rupiah(payment.amount_idr, lang)), (t["service"], service_name)]
        if payment.paid_at is not None:
            rows.append((t["paid_at"], payment.paid_at.astimezone(site_tz).strftime("%Y-%m-%d %H:%M")))
        if ticket_number:
            rows.append((t["ticket"], ticket_number))
    items = "\n".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(t["title"])} · {escape(reference)}</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem;color:#111;background:#fff}}
.v{{font-size:1.4rem;font-weight:700;margin:.5rem 0}} dt{{font-weight:700;margin-top:.8rem}}</style>
</head><body>
<h1>{escape(t["title"])}</h1>
<p class="v">{escape(verdict)}</p>
<dl>
{items}
</dl>
<p><a href="?lang={other}">{escape(t["other"])}</a></p>
</body></html>
"""
