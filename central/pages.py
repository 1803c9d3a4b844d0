"""The "your place in the queue" page the printed QR code opens on a phone."""

from __future__ import annotations

from html import escape

from kiosk.contract import Ticket

_TEXT = {
    "id": {
        "title": "Posisi antrean Anda", "ahead": "Orang di depan Anda", "wait": "Perkiraan tunggu",
        "minutes": "menit", "zone": "Tempat menunggu", "status": "Status",
        "reserved": "Sedang dicetak", "confirmed": "Dalam antrean", "virtual": "Dalam antrean",
        "failed": "Tidak berlaku", "lapsed": "Tidak berlaku", "other": "English",
    },
    "en": {
        "title": "Your place in the queue", "ahead": "People ahead of you", "wait": "Estimated wait",
        "minutes": "minutes", "zone": "Where to wait", "status": "Status",
        "reserved": "Being printed", "confirmed": "In the queue", "virtual": "In the queue",
        "failed": "Not valid", "lapsed": "Not valid", "other": "Bahasa Indonesia",
    },
}


def render_ticket_page(ticket: Ticket, lang: str) -> str:
    lang = lang if lang in _TEXT else "id"
    t = _TEXT[lang]
    other = "en" if lang == "id" else "id"
    name = ticket.service_name.get(lang) if ticket.service_name else ticket.service_id
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="30">
<title>{escape(t['title'])} · {escape(ticket.number)}</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem;color:#111;background:#fff}}
.n{{font-size:4rem;font-weight:700;margin:.5rem 0}} dt{{font-weight:700;margin-top:.8rem}}</style>
</head><body>
<h1>{escape(t['title'])}</h1>
<div class="n">{escape(ticket.number)}</div>
<p>{escape(name)}</p>
<dl>
<dt>{escape(t['status'])}</dt><dd>{escape(t[ticket.status])}</dd>
<dt>{escape(t['ahead'])}</dt><dd>{ticket.people_ahead}</dd>
<dt>{escape(t['wait'])}</dt><dd>{ticket.estimated_wait_minutes} {escape(t['minutes'])}</dd>
<dt>{escape(t['zone'])}</dt><dd>{escape(ticket.zone.get(lang))}</dd>
</dl>
<p><a href="?lang={other}">{escape(t['other'])}</a></p>
</body></html>
"""
