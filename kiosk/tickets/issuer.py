"""Reserve -> print -> confirm: the only path by which a citizen gets a queue number.

The order matters. A number is confirmed only after the printer took the job and reported no
fault, so a number is never called for someone who holds no ticket. When the printer fails, the
ticket is shown on screen instead (confirmed as "virtual") or given back (failed), per config.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol
from zoneinfo import ZoneInfo

from kiosk.api.errors import CentralRejected
from kiosk.contract import Agency, Catalog, Service, Ticket, TicketReserveRequest
from kiosk.flow.ports import IssueRequest
from kiosk.printing.document import Document
from kiosk.printing.layouts import TicketPrintData, queue_ticket
from kiosk.runtime.worker import Worker

from .numbering import TicketNumbering, as_confirm_mode
from .pending import PendingConfirmations

if TYPE_CHECKING:
    from kiosk.devices.printer.service import PrintResult
    from kiosk.payments.view import PaymentView

    from .paid import PaidIssuing

log = logging.getLogger(__name__)

Delivery = Literal["printed", "virtual"]

# Printed on the ticket so the counter sees at once why this citizen is served first.
PRIORITY_LABELS = {
    "elderly": {"id": "Lansia 60+", "en": "Elderly 60+"},
    "disability": {"id": "Disabilitas", "en": "Disability"},
    "pregnancy": {"id": "Ibu hamil", "en": "Pregnant"},
}


class IssueError(RuntimeError):
    """A ticket could not be issued; ``user_message_key`` says what the citizen is told."""

    def __init__(self, user_message_key: str, detail: str) -> None:
        super().__init__(detail)
        self.user_message_key = user_message_key


@dataclass(frozen=True)
class IssueOutcome:
    ticket: Ticket
    delivery: Delivery
    document: Document  # for the on-screen virtual ticket
    confirmed: bool  # False if the central could not be told yet (it will be, from PendingConfirmations)
    virtual_png: bytes | None = None  # the ticket as an image, for the screen, when not printed


class DocumentPrinter(Protocol):
    """The printer as the issuer uses it (a PrinterService)."""

    def print_document(self, doc: Document) -> Future[PrintResult]: ...


class TicketIssuer:
    def __init__(
        self,
        numbering: TicketNumbering,
        printer: DocumentPrinter,
        catalog: Callable[[], Catalog | None],
        terminal_id: str,
        pending: PendingConfirmations,
        on_print_fault: Literal["virtual_ticket", "out_of_service"],
        print_timeout_s: float = 30.0,
        virtual_width_dots: int = 576,
        paid: PaidIssuing | None = None,  # for services with a fee
    ) -> None:
        self._paid = paid
        self._virtual_width_dots = virtual_width_dots
        self._numbering = numbering
        self._pending = pending
        self._printer = printer
        self._catalog = catalog
        self._terminal_id = terminal_id
        self._on_print_fault = on_print_fault
        self._print_timeout_s = print_timeout_s
        self._worker = Worker("tickets")

    def issue(self, request: IssueRequest) -> Future[IssueOutcome]:
        return self._worker.submit(self._issue, request)

    def retry_pending(self) -> Future[int]:
        """Send confirmations that did not get through before; returns how many are still owed."""
        return self._worker.submit(self._retry_pending)

    def close(self) -> None:
        self._worker.stop()

    # Runs on the tickets worker.
    def _issue(self, request: IssueRequest) -> IssueOutcome:
        catalog = self._catalog()
        if catalog is None:
            raise IssueError("central.unavailable", "no catalogue loaded")
        service = catalog.service(request.service_id)
        agency = catalog.agency(service.agency_id)
        reserve = TicketReserveRequest(service_id=service.id, priority=request.priority, language=request.language)
        if request.payment is not None:
            return self._issue_paid(request, request.payment, reserve, service, agency, catalog)
        if request.reserved is not None:
            ticket = request.reserved  # an appointment's ticket, reserved by its check-in
        else:
            # One key per attempt at a ticket: a retried POST after a lost answer gets the same number.
            ticket = self._numbering.reserve(reserve, str(uuid.uuid4()))
        try:
            document = queue_ticket(self._print_data(ticket, service, agency, catalog, request, virtual=False))
            outcome = self._print(document)
            if outcome == "printed":
                return self._finish(ticket, "printed", document)
            if self._on_print_fault == "virtual_ticket":
                virtual_doc = queue_ticket(self._print_data(ticket, service, agency, catalog, request, virtual=True))
                from kiosk.printing.image_render import render_png

                png = render_png(virtual_doc, self._virtual_width_dots)
                return self._finish(ticket, "virtual", virtual_doc, png)
        except Exception as exc:
            # Whatever went wrong after the reservation, the number must not stay half-issued.
            self._give_back(ticket, f"kiosk error: {type(exc).__name__}")
            raise
        self._give_back(ticket, f"print {outcome}")
        raise IssueError("printer.failed", f"printer {outcome}")

    def _issue_paid(
        self,
        request: IssueRequest,
        payment: PaymentView,
        reserve: TicketReserveRequest,
        service: Service,
        agency: Agency,
        catalog: Catalog,
    ) -> IssueOutcome:
        from kiosk.printing.layouts import ReceiptPrintData

        if self._paid is None:
            raise IssueError("payment.not_open", "paid ticket without a payment journal")
        paid = self._paid
        tz = ZoneInfo(catalog.site.timezone)

        def print_ticket(ticket: Ticket, virtual: bool) -> tuple[str, Document, bytes | None]:
            document = queue_ticket(self._print_data(ticket, service, agency, catalog, request, virtual=virtual))
            if virtual:
                from kiosk.printing.image_render import render_png

                return "virtual", document, render_png(document, self._virtual_width_dots)
            return self._print(document), document, None

        def receipt_data(ticket: Ticket) -> ReceiptPrintData:
            base = ticket.track_url.rsplit("/t/", 1)[0]
            return ReceiptPrintData(
                amount_idr=payment.amount_idr,
                reference=payment.reference or "",
                paid_at=(payment.paid_at or ticket.reserved_at).astimezone(tz),
                service_name=service.name.get(request.language),
                ticket_number=ticket.number,
                merchant_name=payment.merchant_name or catalog.site.name,
                site_name=catalog.site.name,
                terminal_id=self._terminal_id,
                verify_url=f"{base}/r/{payment.reference}",
                language=request.language,
                site_timezone=catalog.site.timezone,
            )

        from kiosk.tickets.paid import PaidTicketError

        try:
            ticket, delivery, document, png, confirmed = paid.issue(
                payment, reserve, print_ticket, self._print, receipt_data
            )
        except PaidTicketError as exc:
            raise IssueError(exc.user_message_key, str(exc)) from exc
        except Exception as exc:
            paid.give_up(payment, f"kiosk error: {type(exc).__name__}")
            raise
        return IssueOutcome(ticket, delivery, document, confirmed=confirmed, virtual_png=png)

    def _print(self, document: Document) -> str:
        try:
            result = self._printer.print_document(document).result(timeout=self._print_timeout_s)
        except Exception as exc:
            log.warning("print job failed: %s", exc)
            return "io_error"
        return result.outcome

    def _finish(self, ticket: Ticket, delivery: Delivery, document: Document, png: bytes | None = None) -> IssueOutcome:
        # Written down before asking: if the answer is lost, or the kiosk dies now, the
        # confirmation is sent again later and the holder of this ticket is still called.
        self._pending.add(ticket.id, ticket.number, delivery)
        confirmed = self._confirm_once(ticket.id, ticket.number, delivery)
        return IssueOutcome(confirmed or ticket, delivery, document, confirmed=confirmed is not None, virtual_png=png)

    def _confirm_once(self, ticket_id: str, number: str, mode: Delivery) -> Ticket | None:
        try:
            confirmed = self._numbering.confirm(ticket_id, mode)
        except CentralRejected as exc:
            # The central refuses for good (e.g. the reservation lapsed): retrying cannot help.
            log.error("confirm %s refused by the central (%s): the help desk must honour it", number, exc)
            self._pending.remove(ticket_id)
            return None
        except Exception as exc:
            log.warning("confirm %s not acknowledged yet: %s", number, exc)
            return None
        self._pending.remove(ticket_id)
        return confirmed

    def _retry_pending(self) -> int:
        for item in self._pending.all():
            self._confirm_once(item.ticket_id, item.number, as_confirm_mode(item.mode))
        return len(self._pending.all())

    def _give_back(self, ticket: Ticket, reason: str) -> None:
        try:
            self._numbering.fail(ticket.id, reason)
        except Exception as exc:
            log.warning("fail %s not acknowledged (%s); it will lapse", ticket.number, exc)

    def _print_data(
        self, ticket: Ticket, service: Service, agency: Agency, catalog: Catalog, request: IssueRequest, virtual: bool
    ) -> TicketPrintData:
        lang = request.language
        return TicketPrintData(
            number=ticket.number,
            service_name=service.name.get(lang),
            agency_name=agency.name.get(lang),
            zone=ticket.zone.get(lang),
            # Server time, shown in the site's zone (WIB/WITA/WIT): the kiosk clock may be off.
            issued_at=ticket.reserved_at.astimezone(ZoneInfo(catalog.site.timezone)),
            people_ahead=ticket.people_ahead,
            estimated_wait_minutes=ticket.estimated_wait_minutes,
            track_url=ticket.track_url,
            site_name=catalog.site.name,
            site_timezone=catalog.site.timezone,
            terminal_id=self._terminal_id,
            language=lang,
            priority_label=PRIORITY_LABELS.get(request.priority, {}).get(lang),
            appointment_slot=request.booking_slot,
            is_virtual=virtual,
            issued_offline=ticket.issued_offline,
        )
