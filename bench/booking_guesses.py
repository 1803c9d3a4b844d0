"""How many booking-code guesses get answered per second, at the central and through the kiosk.

Against a real reference central on 127.0.0.1, for a few seconds each:

* central: one keep-alive client with a terminal's token posts random well-formed codes to
  ``POST /v1/bookings/check-in``. *Answered* = the central looked the code up (404/409); 429 answers
  evaluated nothing.
* kiosk: the kiosk's ``BookingCheckInService`` (what a keyboard-wedge scanner drives) checks random
  codes in, one after another. *Answered* = the central's refusal reached the citizen; "wait" was
  refused at the kiosk without asking the central.

Issue 19 measured ~40 guesses/s from the scanner with no slowdown.

    python -m bench.booking_guesses [SECONDS]
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import requests


def random_code() -> str:
    from kiosk.contract.bookings import BOOKING_ALPHABET

    return "GSS-" + "".join(secrets.choice(BOOKING_ALPHABET) for _ in range(6))  # always well-formed


def at_central(url: str, terminal: str, token: str, seconds: float) -> Counter[int]:
    statuses: Counter[int] = Counter()
    headers = {"Authorization": f"Bearer {token}", "X-Terminal-Id": terminal}
    with requests.Session() as session:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            r = session.post(
                url + "/v1/bookings/check-in",
                json={"code": random_code()},
                headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
                timeout=5,
            )
            statuses[r.status_code] += 1
    return statuses


def through_kiosk(url: str, terminal: str, token: str, seconds: float) -> Counter[str]:
    from kiosk.api import CentralClient, CentralSettings
    from kiosk.bookings import BookingCheckInService, BookingError

    reasons: Counter[str] = Counter()
    svc = BookingCheckInService(CentralClient(CentralSettings(base_url=url, terminal_id=terminal, retries=0), token))
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                svc.check_in(random_code()).result(timeout=10)
                reasons["checked_in"] += 1
            except BookingError as exc:
                reasons[exc.reason] += 1
            time.sleep(0.025)  # a scanner types a code in ~25 ms
    finally:
        svc.close()
    return reasons


def run(seconds: float = 10.0) -> list[dict[str, float | str]]:
    from central.cli import DEFAULT_CATALOG
    from central.server import start

    terminals = {"kiosk-central": secrets.token_urlsafe(32), "kiosk-scanner": secrets.token_urlsafe(32)}
    with (
        tempfile.TemporaryDirectory(prefix="bench-booking-") as tmp,
        start(Path(tmp) / "central.sqlite3", DEFAULT_CATALOG, terminals) as central,
    ):
        st = at_central(central.url, "kiosk-central", terminals["kiosk-central"], seconds)
        answered = st.get(404, 0) + st.get(409, 0)
        rs = through_kiosk(central.url, "kiosk-scanner", terminals["kiosk-scanner"], seconds)
        told = sum(n for r, n in rs.items() if r not in ("wait", "unavailable"))
        assert "checked_in" not in rs
        return [
            {
                "where": "central",
                "answered_per_s": answered / seconds,
                "answered": answered,
                "refused_429": st.get(429, 0),
            },
            {
                "where": "kiosk",
                "answered_per_s": told / seconds,
                "answered": told,
                "wait": rs.get("wait", 0),
                "unavailable": rs.get("unavailable", 0),
            },
        ]


if __name__ == "__main__":
    duration = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    for fig in run(duration):
        rest = ", ".join(f"{k} {v:.0f}" for k, v in fig.items() if k not in ("where", "answered_per_s", "answered"))
        print(
            f"{fig['where']}: {fig['answered_per_s']:.1f} guesses/s answered ({fig['answered']:.0f} in {duration:.0f} s); {rest}"
        )
