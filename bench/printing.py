"""Printing figures: bytes on the wire per ticket, status round trip and job time to the loopback
printer over real TCP, and render times.  Run: python -m bench.printing
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import UTC, datetime

JOBS = 200
STATUS_ROUNDS = 200


def _ticket():
    from kiosk.printing.layouts import TicketPrintData, queue_ticket

    return queue_ticket(
        TicketPrintData(
            number="B-023",
            service_name="Perpanjangan SIM A",
            agency_name="Kepolisian Resor Kota",
            zone="Zona B - Loket 4",
            issued_at=datetime(2026, 11, 28, 4, 14, tzinfo=UTC),
            people_ahead=3,
            estimated_wait_minutes=15,
            track_url="https://antrean.example.go.id/t/7f3a9c2e",
            site_name="MPP Kota Bandung",
            terminal_id="K-01",
            priority_label="Lansia",
        )
    )


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _metric(name: str, value: float, unit: str, target: float | None = None, better: str = "lower") -> dict:
    return {"metric": name, "value": round(value, 3), "unit": unit, "target": target, "better": better}


def _timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def run() -> list[dict]:
    from kiosk.devices.printer.emulator import LoopbackPrinter
    from kiosk.devices.printer.service import PrinterService
    from kiosk.devices.printer.settings import PrinterSettings
    from kiosk.printing.escpos_render import render_escpos
    from kiosk.printing.image_render import render_image
    from kiosk.printing.profile import PrinterProfile

    doc = _ticket()
    results: list[dict] = []
    for mm in (58, 80):
        for mode, native in (("native", True), ("raster", False)):
            size = len(render_escpos(doc, PrinterProfile("TM-T88V", mm, native_qr=native)))
            results.append(
                _metric(f"printing.ticket_bytes_{mm}mm_{mode}_qr", size, "bytes", 1000.0 if native else None)
            )
            if mm == 80:  # 8N1 serial: 10 bits per byte; what the citizen waits on a 9600-baud printer
                results.append(_metric(f"printing.ticket_wire_time_9600_baud_{mode}_qr", size * 10 / 9600, "s"))
    profile = PrinterProfile("TM-T88V", 80)
    render_ms = _timed(lambda: render_escpos(doc, profile), 50)
    results.append(_metric("printing.render_escpos_median", statistics.median(render_ms), "ms"))
    image_ms = _timed(lambda: render_image(doc, 576), 20)
    results.append(_metric("printing.render_image_80mm_median", statistics.median(image_ms), "ms"))

    with LoopbackPrinter() as emulator:
        settings = PrinterSettings(
            backend="network", host="127.0.0.1", port=emulator.port, profile="TM-T88V", paper_width_mm=80
        )
        service = PrinterService(settings)
        try:
            service.status().result(10)  # connect outside the measurement
            status_ms = _timed(lambda: service.status().result(10), STATUS_ROUNDS)
            outcomes = []
            job_ms = _timed(lambda: outcomes.append(service.print_document(doc).result(10).outcome), JOBS)
        finally:
            service.close()
    assert set(outcomes) == {"printed"}, set(outcomes)
    results += [
        _metric("printing.status_round_trip_median", statistics.median(status_ms), "ms"),
        _metric("printing.status_round_trip_p99", _p99(status_ms), "ms"),
        _metric("printing.ticket_job_median", statistics.median(job_ms), "ms"),
        _metric("printing.ticket_job_p99", _p99(job_ms), "ms"),
    ]
    return results


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
