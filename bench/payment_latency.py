"""Paid at the central -> ticket printed, over PAYMENTS QRIS payments: the real reference central,
the kiosk's real assembly (its live stream, payment service, issuer) and the virtual printer.
Target: p99 <= 150 ms (issue 14; about 1 s when the kiosk learnt "paid" from its first poll).
Run: python -m bench payment_latency
"""

from __future__ import annotations

import json
import statistics
import tempfile
from pathlib import Path

from bench.payments import _metric, _p99, paid_to_printed

PAYMENTS = 60


def run(payments: int = PAYMENTS) -> list[dict]:
    polls: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        samples = paid_to_printed(Path(tmp), payments, polls)
    return [
        _metric("payments.live_paid_to_printed_median", statistics.median(samples), "ms", 150.0),
        _metric("payments.live_paid_to_printed_p99", _p99(samples), "ms", 150.0),
        _metric("payments.live_paid_to_printed_max", max(samples), "ms"),
        _metric("payments.live_payments", len(samples), "count", float(payments), "higher"),
        _metric("payments.live_status_polls_before_print", sum(polls), "count", 0.0),
    ]


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
