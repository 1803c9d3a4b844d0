"""Pictures and pointers that guide a citizen who would rather look than read (issue 17): a
pictogram per agency and service, the QRIS mark, an arrow to the printer and the reader, and
the ticket's "follow your queue on your phone" code."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from central.catalog_file import load_catalog_file
from kiosk.contract.base import LocalizedText
from kiosk.contract.tickets import Ticket
from kiosk.flow.citizen import FlowView
from kiosk.flow.session import CitizenSession
from kiosk.flow.status import KioskStatus
from kiosk.flow.steps import Step
from kiosk.tickets.issuer import IssueOutcome
from kiosk.ui.metrics import current
from kiosk.ui.pictograms import GLYPHS, Pictogram, glyph_for_agency, glyph_for_service
from kiosk.ui.qr_image import qr_image
from kiosk.ui.screens.ticket import PHONE_QR_MM, TicketScreen

CATALOG = load_catalog_file(Path(__file__).resolve().parents[2] / "config" / "catalog.toml").catalog
TRACK_URL = "http://127.0.0.1:8000/t/7f3a9c2e"


def ink_share(image: QImage, background: QColor) -> float:
    """Share of pixels that differ from the background: something was drawn."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    differ = sum(
        image.pixelColor(x, y) != background for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
    )
    return differ / ((image.width() // 2 + 1) * (image.height() // 2 + 1))


def test_every_agency_has_its_own_picture_and_every_service_one(qapp):
    agencies = {a.id: glyph_for_agency(a.id) for a in CATALOG.agencies}
    assert "counter" not in agencies.values()  # none falls back to the generic picture
    assert len(set(agencies.values())) == len(agencies)  # told apart at a glance
    for service in CATALOG.services:
        assert glyph_for_service(service.id, service.agency_id) in GLYPHS


@pytest.mark.parametrize("name", sorted(GLYPHS))
def test_each_pictogram_draws_ink_and_follows_the_text_colour(qtbot, name):
    widget = Pictogram(name, 12)
    qtbot.addWidget(widget)
    image = widget.grab().toImage()
    share = ink_share(image, image.pixelColor(0, 0))
    assert 0.03 < share < 0.6, share  # lines, not an empty square nor a filled one


def outcome(delivery: str = "printed", url: str = TRACK_URL) -> IssueOutcome:
    ticket = Ticket.model_construct(
        id="7f3a9c2e",
        number="E-001",
        service_id="paspor-biasa",
        zone=LocalizedText(id="Zona B · Loket 8–11", en="Zone B · Counters 8–11"),
        people_ahead=14,
        estimated_wait_minutes=70,
        track_url=url,
    )
    return IssueOutcome(ticket, delivery, None, confirmed=True)


def ticket_view(delivery: str = "printed", url: str = TRACK_URL) -> FlowView:
    session = CitizenSession("en")
    session.outcome = outcome(delivery, url)
    return FlowView(Step.TICKET, session, KioskStatus(catalog=CATALOG), False, 30.0, ("id", "en"))


@pytest.mark.parametrize("delivery", ["printed", "virtual"])
def test_the_ticket_screen_shows_the_code_of_the_tickets_queue_page_with_what_it_does(qtbot, delivery):
    screen = TicketScreen()
    qtbot.addWidget(screen)
    screen.resize(1600, 900)
    screen.show()
    screen.render(ticket_view(delivery))
    qtbot.waitUntil(lambda: screen.phone_qr_shown, timeout=3000)
    # The very code of the ticket's /t/{id} page (drawn off the GUI thread, shown when it came).
    expected = qr_image(TRACK_URL, current().px(PHONE_QR_MM))
    assert screen.phone_qr.pixmap().toImage().convertToFormat(expected.format()) == expected
    assert "phone" in screen.phone_text.text() and screen.phone_text.isVisible()
    # The arrow to the printer's slot only when something comes out of it.
    assert screen.pointer.isVisibleTo(screen) == (delivery == "printed")


def test_the_ticket_screen_never_shows_the_previous_tickets_code(qtbot):
    screen = TicketScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.render(ticket_view())
    qtbot.waitUntil(lambda: screen.phone_qr_shown, timeout=3000)
    screen.render(ticket_view(url="http://127.0.0.1:8000/t/0000aaaa"))
    assert not screen.phone_qr_shown  # cleared at once, until the new code is drawn
    qtbot.waitUntil(lambda: screen.phone_qr_shown, timeout=3000)


def test_the_qris_mark_stands_above_the_code_only_while_a_code_is_shown(qtbot):
    from kiosk.ui.screens.payment import PaymentScreen

    from .test_payment_qr import PAYLOAD_A, view, waiting

    screen = PaymentScreen()
    qtbot.addWidget(screen)
    screen.resize(1600, 900)
    screen.show()
    session = CitizenSession("id")
    screen.render(view(session, None))
    assert not screen.mark.isVisible()
    screen.render(view(session, waiting(session, "p1", PAYLOAD_A)))
    assert screen.mark.isVisible() and screen.mark.text() == "QRIS"
    assert (
        screen.mark.mapTo(screen, screen.mark.rect().bottomLeft()).y()
        <= screen.qr.mapTo(screen, screen.qr.rect().topLeft()).y()
    )
    assert "bank" in screen.lead.text()  # "with any bank or e-wallet app"


def test_an_arrow_points_to_the_scanner_on_the_booking_screen(qtbot):
    from kiosk.ui.screens.booking import BookingScreen

    screen = BookingScreen()
    qtbot.addWidget(screen)
    screen.resize(1600, 900)
    screen.show()
    session = CitizenSession("en")
    screen.render(FlowView(Step.BOOKING, session, KioskStatus(catalog=CATALOG), False, 30.0, ("id", "en")))
    assert "scanner" in screen.lead.text()
    assert screen.pointer.isVisible() and screen.pointer.width() >= current().px(10)
    image = screen.pointer.grab().toImage()
    assert ink_share(image, image.pixelColor(0, 0)) > 0.05  # an arrow is drawn
