"""How many enrolment-code and token guesses one client gets answered per second.

A single keep-alive client on 127.0.0.1 posts random codes to ``POST /v1/terminals/enrol`` (and
random tokens to ``GET /v1/queues``) for a few seconds against a real reference central. A guess
counts as *answered* when the central evaluated it (403/409 for a code, 401 for a token); 429
answers are refusals that evaluated nothing. Issue 12, defect 3 measured about 280 code guesses/s
answered before rate limiting.

    python -m bench.enrol_guesses [SECONDS]
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import requests


def hammer(url: str, seconds: float, send) -> Counter[int]:  # type: ignore[no-untyped-def]
    statuses: Counter[int] = Counter()
    with requests.Session() as session:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            statuses[send(session, url).status_code] += 1
    return statuses


def _guess_code(session: requests.Session, url: str) -> requests.Response:
    body = {"code": "GUESS-" + secrets.token_hex(6), "terminal_id": "kiosk-guess-01"}
    return session.post(url + "/v1/terminals/enrol", json=body, timeout=5)


def _guess_token(session: requests.Session, url: str) -> requests.Response:
    headers = {"Authorization": "Bearer " + secrets.token_urlsafe(32), "X-Terminal-Id": "kiosk-test-01"}
    return session.get(url + "/v1/queues", headers=headers, timeout=5)


def run(seconds: float = 5.0) -> dict[str, dict[str, float]]:
    from central.cli import DEFAULT_CATALOG
    from central.server import start

    figures: dict[str, dict[str, float]] = {}
    terminals = {"kiosk-test-01": secrets.token_urlsafe(32)}
    with (
        tempfile.TemporaryDirectory(prefix="bench-guess-") as tmp,
        start(Path(tmp) / "central.sqlite3", DEFAULT_CATALOG, terminals) as central,
    ):
        for name, send, evaluated in (("code", _guess_code, {403, 409}), ("token", _guess_token, {401})):
            statuses = hammer(central.url, seconds, send)
            answered = sum(n for s, n in statuses.items() if s in evaluated)
            figures[name] = {
                "answered_per_s": answered / seconds,
                "answered": answered,
                "refused_429": statuses.get(429, 0),
                "other": sum(n for s, n in statuses.items() if s not in evaluated and s != 429),
            }
    return figures


if __name__ == "__main__":
    duration = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    for kind, fig in run(duration).items():
        print(
            f"{kind} guesses: {fig['answered_per_s']:.1f}/s answered ({fig['answered']:.0f} in {duration:.0f} s), "
            f"{fig['refused_429']:.0f} refused with 429, {fig['other']:.0f} other"
        )
