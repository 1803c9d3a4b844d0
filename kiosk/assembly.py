"""Builds a running kiosk from its config: services, devices, the flow, and how they talk.

This is the only place that knows every part. It is Qt-free (the GUI passes its scheduler in),
so the integration tests and the benchmarks drive the very same assembly as the app.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.admin.wiring import build_admin, build_heartbeat
from kiosk.api.catalog_cache import CatalogCache
from kiosk.api.client import CentralClient
from kiosk.api.connectivity import ConnectivityMonitor
from kiosk.bookings import BookingCheckInService
from kiosk.catalog.sync import CatalogSync, SyncUpdate
from kiosk.config.models import KioskConfig
from kiosk.devices.card.events import CardEvent, CardNeedsMrz, CardRead, CardReadFailed, ReaderServiceState
from kiosk.devices.printer.service import PrinterService, PrintResult
from kiosk.devices.printer.status import PrinterStatus
from kiosk.flow.citizen import CitizenFlow, FlowView
from kiosk.flow.configured import build_flow
from kiosk.flow.status import PrinterReadiness, StatusChanges
from kiosk.help import HelpCaller, HelpStatus
from kiosk.help.caller import PENDING
from kiosk.identification import Identifier
from kiosk.live_wiring import build_live
from kiosk.offline.wiring import build_offline
from kiosk.payments.wiring import build_payments, close_payments
from kiosk.runtime.scheduler import Scheduler, Timer
from kiosk.speech.speaker import Speaker
from kiosk.survey import SurveyClient
from kiosk.tickets.issuer import TicketIssuer
from kiosk.tickets.pending import PendingConfirmations

if TYPE_CHECKING:
    from PIL.Image import Image

    from kiosk.devices.card.service import CardReaderService
    from kiosk.printing.document import Document

log = logging.getLogger(__name__)

PRINTER_POLL_S = 20.0


def printer_readiness(status: PrinterStatus, on_fault: str) -> PrinterReadiness:
    """What a printer status means for the citizen who is about to take a ticket."""
    if status.unknown:
        return "unknown"  # the next job will tell; never assume paper is there
    if status.paper_out or status.cover_open or status.error or not status.online:
        return "virtual_only" if on_fault == "virtual_ticket" else "out_of_service"
    if status.paper_near_end:
        return "near_end"
    return "ok"


class KioskRuntime:
    def __init__(
        self,
        config: KioskConfig,
        scheduler: Scheduler,
        token: str | None = None,
        config_path: Path | None = None,
        flow: CitizenFlow | None = None,
    ) -> None:
        self.config = config
        self._scheduler = scheduler
        self._paper_listeners: list[Callable[[bytes], None]] = []
        data_dir = config.data.directory
        data_dir.mkdir(parents=True, exist_ok=True)
        self.monitor = ConnectivityMonitor(config.central.offline_after_failures)
        # One HTTP session per thread that uses it: the sync thread and the tickets worker.
        self._sync_client = CentralClient(config.central, token, monitor=self.monitor)
        self._tickets_client = CentralClient(config.central, token, monitor=self.monitor)
        self.printer = PrinterService(config.printer)
        self.pending = PendingConfirmations(data_dir / "pending-confirmations.sqlite3")
        # QRIS payments and the money journal (kiosk/payments, kiosk/journal).
        self.journal, self.payments, paid = build_payments(config, token, self.monitor, self._tickets_client)
        # Walk-in tickets through an outage, from numbers leased while online (issue 16).
        self.offline, numbering = build_offline(
            config, token, self.monitor, self._tickets_client, lambda: self.flow.status
        )
        self.issuer = TicketIssuer(
            numbering,
            self.printer,
            catalog=lambda: self.flow.status.catalog,
            terminal_id=config.central.terminal_id,
            pending=self.pending,
            on_print_fault=config.printer.on_fault,
            virtual_width_dots=config.printer.printer_profile().width_dots,
            paid=paid,
        )
        self.identifier = Identifier(CentralClient(config.central, token, monitor=self.monitor))
        self.bookings = BookingCheckInService(CentralClient(config.central, token, monitor=self.monitor))
        self.survey = SurveyClient(CentralClient(config.central, token, monitor=self.monitor))
        # The app may have built the flow already, to paint the welcome screen sooner.
        self.flow = flow if flow is not None else build_flow(config, scheduler)
        self.flow.attach(
            self.issuer,
            self.identifier,
            self.payments,
            # Passport page data typed on the keypad goes to the reader, which reads the chip again.
            provide_mrz=lambda info: self.card_reader.provide_mrz(info) if self.card_reader else None,
            bookings=self.bookings,
            ratings=self.survey,
        )
        self.card_reader: CardReaderService | None = None
        if config.card_reader.backend == "pcsc":
            from kiosk.devices.card import CardReaderService

            self.card_reader = CardReaderService(config.card_reader)
            self.card_reader.add_listener(self._on_card_event)
            self._card_reader_follows_session()
            self.flow.on_session_end(self._card_reader_follows_session)
        self.sync = CatalogSync(
            self._sync_client,
            CatalogCache(data_dir / "catalog.json"),
            self.monitor,
            on_update=lambda u: scheduler.post(lambda: self._apply_sync(u)),
        )
        self.monitor.add_listener(lambda online: scheduler.post(lambda: self._connectivity_changed(online)))
        # The central's event stream: "paid" and queue changes as they happen (polling as fallback).
        self.live = build_live(config, token, self.sync, self.payments)
        self.printer.add_printed_listener(self._on_printed)
        self._poll_timer: Timer | None = None
        self._stopped = False
        # Staff mode (PIN, settings, closed for the day, diagnostics) and the minute heartbeat.
        self.admin = build_admin(self, scheduler, config_path, token)
        self.heartbeat = build_heartbeat(self, token)
        # Device trouble reaches the supervisor as it happens (issue 15): a change of what the
        # heartbeat reports sends one at once, not at the next minute's.
        self._reported: tuple[str, str, bool] | None = None
        self.flow.subscribe(self._report_changes)
        # "Call staff": the request belongs to the session; its end withdraws it (kiosk/help).
        self.help = HelpCaller(CentralClient(config.central, token), scheduler)
        self.flow.on_session_end(self.help.session_ended)
        # The flow holds its idle timer while the citizen waits for staff (listeners run on the
        # scheduler's thread; the event names its session, so a late one changes nothing).
        self.help.add_listener(self._help_to_flow)
        # Spoken guidance for easy-access sessions; espeak-ng runs on the speaker's own worker.
        self.speaker = Speaker(config.speech)

    def _help_to_flow(self, status: HelpStatus) -> None:
        if status.session_id is not None:
            self.flow.send("help_changed", session_id=status.session_id, pending=status.state in PENDING)

    # ---- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        if self.card_reader is not None:
            self.card_reader.start()
        self.sync.start()
        self.live.start()
        self.poll_printer()
        self.issuer.retry_pending()  # confirmations owed from before a crash or restart
        self.offline.keeper.start()  # leases, clock skew, and the offline outbox
        self.reconcile_journal()  # paid sessions a crash or an outage left unfinished
        self.admin.start()
        self.heartbeat.start()

    def stop(self) -> None:
        self._stopped = True
        if self._poll_timer:
            self._poll_timer.cancel()
        self.heartbeat.stop()
        self.help.close()
        self.admin.stop()
        self.live.stop()
        self.sync.stop()
        if self.card_reader is not None:
            self.card_reader.stop()
        self.identifier.close()
        self.bookings.close()
        self.survey.close()
        self.offline.close()
        self._tickets_client.close()  # first: ends retry sleeps so the tickets worker can finish
        self.issuer.close()
        self.printer.close()
        self.pending.close()
        close_payments(self.journal, self.payments)
        self.speaker.close()

    def reconcile_journal(self) -> Future[Counter[str]] | None:
        """Settle unfinished paid sessions with the central (at start and when it answers again)."""
        if self.payments is None or self._stopped:
            return None
        return self.payments.reconcile()

    # ---- printer ---------------------------------------------------------------------------
    def _report_changes(self, view: FlowView) -> None:
        status = view.status
        reported = (status.printer, status.reader, status.blocking_reason() is None)
        if reported != self._reported:
            first, self._reported = self._reported is None, reported
            if not first and not self._stopped:
                self.heartbeat.send_now()

    def poll_printer(self) -> Future[PrinterStatus]:
        future = self.printer.status()
        future.add_done_callback(lambda f: self._scheduler.post(lambda: self._printer_polled(f)))
        return future

    def _printer_polled(self, future: Future[PrinterStatus]) -> None:
        if self._stopped:
            return
        readiness: PrinterReadiness
        if future.exception() is None:
            readiness = printer_readiness(future.result(), self.config.printer.on_fault)
        else:
            readiness = "unknown"
        if readiness != self.flow.status.printer:
            log.info("printer readiness: %s", readiness)
            self.flow.update_status(printer=readiness)
        leased = self.offline.leased_services()  # numbers run out offline, are topped up online
        if leased != self.flow.status.leased:
            self.flow.update_status(leased=leased)
        self._poll_timer = self._scheduler.call_later(PRINTER_POLL_S, self.poll_printer)

    def add_paper_listener(self, listener: Callable[[bytes], None]) -> None:
        """Called on the GUI thread with a PNG of each document the virtual printer printed."""
        if self.printer.virtual is None:
            return  # a real printer's paper is in the citizen's hand, not on a panel
        if not self._paper_listeners:
            self.printer.virtual.add_image_listener(self._on_paper_image)
        self._paper_listeners.append(listener)

    def _on_paper_image(self, image: Image) -> None:
        # On the printer worker: encoding the PNG here keeps it off the GUI thread.
        import io

        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        png = buffer.getvalue()
        for listener in list(self._paper_listeners):
            self._scheduler.post(functools.partial(listener, png))

    def _on_printed(self, document: Document, result: PrintResult) -> None:
        # The status read right after a job is the freshest truth about the paper.
        status = result.status_after or result.status_before
        if status is not None:
            readiness = printer_readiness(status, self.config.printer.on_fault)
            self._scheduler.post(lambda: self.flow.update_status(printer=readiness))

    # ---- card reader -----------------------------------------------------------------------
    def _on_card_event(self, event: CardEvent) -> None:
        # On the card reader's thread: hand everything to the flow's thread, each event with the
        # session the reader was serving when the read began (the flow drops it for any other).
        # The flow looks a card up on the identifier's worker. Nothing read from a card is logged.
        post, send = self._scheduler.post, self.flow.send
        if isinstance(event, CardRead):
            post(lambda: send("card_read", session_id=event.session_id, card=event.identity))
        elif isinstance(event, CardReadFailed):
            post(lambda: send("card_failed", session_id=event.session_id, reason=event.reason))
        elif isinstance(event, CardNeedsMrz):
            post(lambda: send("mrz_needed", session_id=event.session_id, wrong_key=event.wrong_key))
        elif isinstance(event, ReaderServiceState):
            reader = "ok" if event.state == "ok" else event.state
            post(lambda: self.flow.update_status(reader=reader))

    def _card_reader_follows_session(self) -> None:
        # On the flow's thread, whenever a session ends and the next one begins.
        if self.card_reader is not None:
            self.card_reader.begin_session(self.flow.session.id)

    # ---- central ---------------------------------------------------------------------------
    def _connectivity_changed(self, online: bool) -> None:
        self.flow.update_status(central_online=online, leased=self.offline.leased_services())
        if online and not self._stopped:
            self.issuer.retry_pending()
            self.reconcile_journal()

    def _apply_sync(self, update: SyncUpdate) -> None:
        changes: StatusChanges = {}
        if update.catalog is not None:
            changes["catalog"] = self.admin.local_catalog(update.catalog)  # minus services off here
            changes["catalog_from_cache"] = update.catalog_from_cache
            self.offline.keeper.wake()  # leases for the services the catalogue offers
        if update.queues is not None:
            changes["queues"] = update.queues
            # The central answers again: a good moment to send any confirmation still owed.
            if not self._stopped:
                self.issuer.retry_pending()
        if update.online is not None:
            changes["central_online"] = update.online
        if changes:
            self.flow.update_status(**changes)
