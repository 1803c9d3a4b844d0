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
    """Rp350.000 in Indonesian (dot groups), IDR 350,000 in English."""
    grouped = f"{amount:,}"
    if language == "id":
        return "Rp" + grouped.replace(",", ".")
    return "IDR " + grouped
