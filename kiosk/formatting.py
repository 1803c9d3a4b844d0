"""Money, counts and durations as a citizen reads them, per language (Qt-free)."""

from __future__ import annotations

WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def weekday_name(weekday: int, language: str) -> str:
    """Senin / Monday for 0 (Python's ``date.weekday()``); unknown languages get English."""
    return WEEKDAYS.get(language, WEEKDAYS["en"])[weekday]


def rupiah(amount: int, language: str) -> str:
    """Money as written in each language, the same on every screen, receipt and page:
    "Rp350.000" in Indonesian (PUEBI: the symbol joined to the amount, dots between thousands),
    "IDR 350,000" in English (the currency code a visitor's bank statement shows, commas)."""
    grouped = f"{amount:,}"
    if language == "id":
        return "Rp" + grouped.replace(",", ".")
    return "IDR " + grouped


def rupiah_spoken(amount: int, language: str) -> str:
    """Money for speech: plain digits, which espeak-ng reads as a whole number in either voice
    ("tiga ratus lima puluh ribu rupiah", "three hundred and fifty thousand rupiah"); the written
    forms would be read symbol by symbol, and "350.000" as a decimal in English."""
    return f"{amount} rupiah"
