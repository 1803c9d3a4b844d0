"""Card on the reader to identity, over the real PC/SC stack (pcscd + vpcd + a virtual card).

Two figures per card type:
* ``insert_to_identity``: the virtual card connects to vpcd -> ``CardRead`` delivered. This
  includes pcscd's card-presence polling of the vpcd driver (~0.4 s period), so it is what a
  citizen waits on this stack, not what a CCID reader with interrupt notification would show.
* ``read``: exclusive connect -> identity (profile probing, BAC, secure messaging, DG1).
Plus the number of APDUs one read takes, and ``card_emrtd_mrz_submit_to_first_apdu``: passport
data handed to the reader (the keypad's submit) -> the first APDU reaching the chip on the reader.

Needs apt pcscd, vsmartcard-vpcd and a C compiler (for the loopback shim), and runs as a user
allowed to start pcscd (root in CI). Run: ``python -m bench.card_read`` from the repo root.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = 30


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.99 * len(ordered) + 0.5) - 1))]


def _measure(stack, log, make_card, samples: int) -> tuple[list[float], list[float], list[int]]:
    from kiosk.devices.card import CardRead, CardRemoved

    total, read, apdus = [], [], []
    for _ in range(samples):
        mark = log.mark()
        t0 = time.perf_counter()
        stack.insert(make_card(), slot=0)
        event = log.wait_for(CardRead, after=mark, timeout=10)
        total.append(time.perf_counter() - t0)
        read.append(event.read_seconds)
        apdus.append(event.apdu_count)
        mark = log.mark()
        stack.remove_all(settle=False)
        log.wait_for(CardRemoved, after=mark, timeout=10)
    return total, read, apdus


def _metrics(prefix: str, total: list[float], read: list[float], apdus: list[int], read_target_ms: float) -> list[dict]:
    ms = 1000.0
    return [
        {
            "metric": f"{prefix}_insert_to_identity_median",
            "value": statistics.median(total) * ms,
            "unit": "ms",
            "target": 1000.0,
            "better": "lower",
        },
        {
            "metric": f"{prefix}_insert_to_identity_p99",
            "value": _p99(total) * ms,
            "unit": "ms",
            "target": 1500.0,
            "better": "lower",
        },
        {
            "metric": f"{prefix}_read_median",
            "value": statistics.median(read) * ms,
            "unit": "ms",
            "target": read_target_ms,
            "better": "lower",
        },
        {"metric": f"{prefix}_read_p99", "value": _p99(read) * ms, "unit": "ms", "target": None, "better": "lower"},
        {
            "metric": f"{prefix}_apdus_per_read",
            "value": float(statistics.median(apdus)),
            "unit": "APDU",
            "target": None,
            "better": "lower",
        },
    ]


def _submit_to_first_apdu(stack, log, svc, mrz, text, samples: int) -> list[float]:
    from kiosk.devices.card import CardNeedsMrz
    from kiosk.identity.mrz import MrzInfo
    from tests.pcsc.cards import EmrtdCard

    stamps: list[float] = []

    class Stamped(EmrtdCard):
        def apdu(self, command: bytes) -> bytes:
            stamps.append(time.perf_counter())
            return super().apdu(command)

    svc.provide_mrz(None)
    mark = log.mark()
    stack.insert(Stamped(mrz, text), slot=0)
    log.wait_for(CardNeedsMrz, after=mark, timeout=10)
    delays = []
    for i in range(samples):  # a different wrong key each time, so each one goes to the chip
        mark = log.mark()
        t0 = time.perf_counter()
        svc.provide_mrz(MrzInfo(mrz.document_number, mrz.birth_date, f"3102{i + 1:02d}"))
        log.wait_for(CardNeedsMrz, lambda e: e.wrong_key, after=mark, timeout=10)
        delays.append(min(t for t in stamps if t > t0) - t0)
    stack.remove_all(settle=False)
    return delays


def run() -> list[dict]:
    from kiosk.devices.card import CardReaderService, CardReaderSettings, ReaderServiceState
    from kiosk.identity.mrz import MrzInfo
    from tests.pcsc.cards import EmrtdCard, UidCard, td3_mrz
    from tests.pcsc.events import EventLog
    from tests.pcsc.fixtures import PcscUnavailable, pcsc_session

    try:
        stack = pcsc_session()
    except PcscUnavailable as exc:
        print(f"card_read: skipped, PC/SC stack unavailable: {exc}", file=sys.stderr)
        return []
    mrz = MrzInfo("C1234567", "850315", "310101")
    text = td3_mrz("C1234567", "IDN", "850315", "M", "310101", "SANTOSO", "BUDI")
    log = EventLog()
    svc = CardReaderService(CardReaderSettings(poll_interval_s=0.25), listeners=[log])
    try:
        svc.start()
        log.wait_for(ReaderServiceState, lambda e: e.state == "ok", timeout=10)
        svc.provide_mrz(mrz)
        out = _metrics("card_uid", *_measure(stack, log, UidCard, SAMPLES), read_target_ms=50.0)
        out += _metrics(
            "card_emrtd_dg1", *_measure(stack, log, lambda: EmrtdCard(mrz, text), SAMPLES), read_target_ms=200.0
        )
        submit = _submit_to_first_apdu(stack, log, svc, mrz, text, SAMPLES - 2)  # 28 days of February 2031
        out.append(
            {
                "metric": "card_emrtd_mrz_submit_to_first_apdu_median",
                "value": statistics.median(submit) * 1000.0,
                "unit": "ms",
                "target": 30.0,
                "better": "lower",
            }
        )
        out.append(
            {
                "metric": "card_emrtd_mrz_submit_to_first_apdu_p99",
                "value": _p99(submit) * 1000.0,
                "unit": "ms",
                "target": None,
                "better": "lower",
            }
        )
        return out
    finally:
        svc.stop()
        stack.close()


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
