"""Printer fixtures: a real loopback TCP printer and a network PrinterService pointed at it."""

from datetime import UTC, datetime

import pytest

from kiosk.devices.printer.emulator import LoopbackPrinter
from kiosk.devices.printer.service import PrinterService
from kiosk.devices.printer.settings import PrinterSettings
from kiosk.printing.layouts import TicketPrintData, queue_ticket

TRACK_URL = "https://antrean.example.go.id/t/7f3a9c2e"


@pytest.fixture
def ticket():
    return queue_ticket(
        TicketPrintData(
            number="A-007",
            service_name="Pembuatan KTP-el",
            agency_name="Disdukcapil",
            zone="Zona A",
            issued_at=datetime(2026, 11, 28, 2, 0, tzinfo=UTC),
            people_ahead=0,
            estimated_wait_minutes=5,
            track_url=TRACK_URL,
            site_name="MPP Kota Bandung",
            terminal_id="K-02",
        )
    )


@pytest.fixture
def emulator():
    printer = LoopbackPrinter().start()
    yield printer
    printer.stop()


def network_settings(port: int, **changes) -> PrinterSettings:
    # 1 s per status byte: generous on a loaded CI box, and silence costs only one wait per call.
    base = dict(
        backend="network",
        host="127.0.0.1",
        port=port,
        profile="TM-T88V",
        paper_width_mm=80,
        status_timeout_s=1.0,
        connect_timeout_s=5.0,
    )
    base.update(changes)
    return PrinterSettings(**base)


@pytest.fixture
def track_url() -> str:
    return TRACK_URL


@pytest.fixture
def make_settings():
    """Factory: ``make_settings(port, **changes)`` -> network PrinterSettings for 127.0.0.1."""
    return network_settings


@pytest.fixture
def service(emulator):
    svc = PrinterService(network_settings(emulator.port))
    yield svc
    svc.close()
