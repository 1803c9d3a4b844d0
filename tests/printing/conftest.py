"""Fixtures for the printing tests: one fixed queue ticket, the same for bytes and images."""

from datetime import UTC, datetime

import pytest

from kiosk.printing.layouts import TicketPrintData


def sample_ticket_data(**changes) -> TicketPrintData:
    base = dict(
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
        language="id",
        priority_label=None,
        is_virtual=False,
    )
    base.update(changes)
    return TicketPrintData(**base)


@pytest.fixture
def ticket_data() -> TicketPrintData:
    return sample_ticket_data()


@pytest.fixture
def make_ticket():
    """Factory: ``make_ticket(language="en", ...)`` -> TicketPrintData with those changes."""
    return sample_ticket_data
