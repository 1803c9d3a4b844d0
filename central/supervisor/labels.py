"""How staff pages name a kiosk and a kiosk step ("Anjungan 2", "the payment step")."""

from __future__ import annotations

import re

# The kiosk flow's steps (kiosk/flow/steps.py) as a counter clerk would say them, id + en.
STEP_LABELS: dict[str, tuple[str, str]] = {
    "welcome": ("layar awal", "the start screen"),
    "agency": ("memilih instansi", "choosing an agency"),
    "service": ("memilih layanan", "choosing a service"),
    "confirm": ("konfirmasi", "the confirmation step"),
    "identify": ("identifikasi (KTP)", "the identification step"),
    "passport": ("data paspor", "the passport step"),
    "booking": ("check-in janji temu", "the booking check-in"),
    "payment": ("pembayaran", "the payment step"),
    "issuing": ("mencetak tiket", "printing the ticket"),
    "ticket": ("tiket", "the ticket screen"),
    "issue_failed": ("tiket gagal", "a failed ticket"),
    "unavailable": ("layanan tidak tersedia", "the unavailable screen"),
    "survey_ticket": ("survei: nomor tiket", "the survey's ticket step"),
    "survey_question": ("survei: pertanyaan", "the survey's questions"),
    "survey_about": ("survei: data responden", "the survey's about-you step"),
    "survey_suggestion": ("survei: saran", "the survey's suggestion step"),
    "survey_thanks": ("survei: terima kasih", "the survey's thank-you screen"),
}
_TRAILING_NUMBER = re.compile(r"(\d+)$")


def step_label(step: str) -> dict[str, str]:
    id_, en = STEP_LABELS.get(step, (step, step))
    return {"id": id_, "en": en}


def kiosk_number(terminal_id: str) -> int | None:
    """The hall's number of a kiosk: the id's trailing digits ("MPP-BDG-K02" -> 2), if any."""
    found = _TRAILING_NUMBER.search(terminal_id)
    return int(found.group(1)) if found else None


def terminal_label(terminal_id: str) -> str:
    """ "MPP-BDG-K02" -> "Anjungan 2": halls number their kiosks; the id stays for technicians."""
    number = kiosk_number(terminal_id)
    return terminal_id if number is None else f"Anjungan {number}"
