"""Reference central figures over real loopback HTTP: reservation latency (median, p99),
reserve+confirm round trip, queue read latency, and throughput with concurrent kiosks.
Run: python -m bench.central_reserve
"""

from __future__ import annotations

import json
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROUNDS = 200
CONCURRENT_KIOSKS = 4
PER_KIOSK = 50


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _metric(name: str, value: float, unit: str, target: float | None = None, better: str = "lower") -> dict:
    return {"metric": name, "value": round(value, 3), "unit": unit, "target": target, "better": better}


def run() -> list[dict]:
    from central.cli import DEFAULT_CATALOG
    from central.server import start
    from central.testing import TEST_TERMINAL, TEST_TOKEN
    from kiosk.api import CentralClient, CentralSettings
    from kiosk.contract import TicketReserveRequest

    results: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        with start(Path(tmp) / "bench.sqlite3", DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN}) as central:
            settings = CentralSettings(base_url=central.url, terminal_id=TEST_TERMINAL)

            def timed(fn) -> list[float]:
                out = []
                for _ in range(ROUNDS):
                    t0 = time.perf_counter()
                    fn()
                    out.append((time.perf_counter() - t0) * 1000)
                return out

            with CentralClient(settings, TEST_TOKEN) as client:
                client.get_catalog()  # warm the keep-alive connection
                req = TicketReserveRequest(service_id="ktp-el")
                reserve = timed(lambda: client.reserve_ticket(req, str(uuid.uuid4())))
                results += [
                    _metric("central.reserve_median", statistics.median(reserve), "ms", 20.0),
                    _metric("central.reserve_p99", _p99(reserve), "ms", 100.0),
                ]

                def reserve_confirm() -> None:
                    t = client.reserve_ticket(req, str(uuid.uuid4()))
                    client.confirm_ticket(t.id, "printed")

                rc = timed(reserve_confirm)
                results.append(_metric("central.reserve_confirm_median", statistics.median(rc), "ms", 40.0))
                queues = timed(client.get_queues)
                results += [
                    _metric("central.queues_median", statistics.median(queues), "ms", 20.0),
                    _metric("central.queues_p99", _p99(queues), "ms", 100.0),
                ]

            clients = [CentralClient(settings, TEST_TOKEN) for _ in range(CONCURRENT_KIOSKS)]
            barrier = threading.Barrier(CONCURRENT_KIOSKS + 1)

            def kiosk(c: CentralClient) -> None:
                barrier.wait()
                for _ in range(PER_KIOSK):
                    c.reserve_ticket(TicketReserveRequest(service_id="paspor-biasa"), str(uuid.uuid4()))

            threads = [threading.Thread(target=kiosk, args=(c,)) for c in clients]
            for t in threads:
                t.start()
            barrier.wait()
            t0 = time.perf_counter()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - t0
            for c in clients:
                c.close()
            results.append(
                _metric(
                    f"central.reserve_throughput_{CONCURRENT_KIOSKS}_kiosks",
                    CONCURRENT_KIOSKS * PER_KIOSK / elapsed,
                    "tickets/s",
                    50.0,
                    "higher",
                )
            )
    return results


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
