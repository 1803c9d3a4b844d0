"""The payment service the citizen flow drives (``kiosk.flow.ports.Payments``).

All payment I/O runs on ONE long-lived worker ("payments"): a small loop that steps every open
``Tracker`` when it is due, at least once a second for the countdown, and at once when a cancel
is tapped. Journal reconciliation runs on the same thread between steps, so it never races a
payment in progress (and it skips entries a tracker or the ticket issuer still follows).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from kiosk.contract import Payment
from kiosk.flow.ports import PaymentRequest
from kiosk.journal import Journal
from kiosk.journal.reconcile import Reconciler
from kiosk.runtime.worker import Worker

from .settings import PaymentSettings
from .tracker import Tracker
from .view import PaymentView

if TYPE_CHECKING:
    from kiosk.api.client import CentralClient

log = logging.getLogger(__name__)


class PaymentHandle:
    """What the flow holds while its payment is open; ``cancel`` may be tapped any number of times."""

    def __init__(self, service: PaymentService, tracker: Tracker) -> None:
        self._service = service
        self._tracker = tracker

    @property
    def view(self) -> PaymentView:
        return self._tracker.view

    def cancel(self) -> None:
        self._service._request_cancel(self._tracker)


class PaymentService:
    def __init__(
        self,
        client: CentralClient,
        journal: Journal,
        settings: PaymentSettings = PaymentSettings(),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client  # a CentralClient with retries=0: this service paces its own retries
        self._journal = journal
        self._settings = settings
        self._clock = clock
        self._reconciler = Reconciler(journal, client)
        self._cond = threading.Condition()
        self._trackers: list[Tracker] = []
        self._by_session: dict[int, PaymentHandle] = {}
        self._reconcile_asks: list[Future[Counter[str]]] = []
        self._stopping = False
        self._live: Callable[[], bool] = lambda: False
        self._worker = Worker("payments")
        self._loop_done = self._worker.submit(self._loop)

    @property
    def client(self) -> CentralClient:
        """Closed with the service by the runtime (``close_payments``)."""
        return self._client

    # ---- the flow's side -------------------------------------------------------------------
    def start(self, request: PaymentRequest, on_update: Callable[[PaymentView], None]) -> PaymentHandle:
        with self._cond:
            existing = self._by_session.get(request.session_id)
            if existing is not None and not existing.view.closed:
                return existing  # a second tap on "pay" for the same citizen: still one charge
        # Written (and on disk) before the charge is asked for: the entry id is its Idempotency-Key.
        entry = self._journal.begin(request.service_id, request.amount_idr)
        view = PaymentView("creating", request.session_id, request.service_id, request.amount_idr, entry.id)
        tracker = Tracker(view, self._client, self._journal, self._settings, on_update, self._clock, self._live)
        handle = PaymentHandle(self, tracker)
        with self._cond:
            self._by_session = {request.session_id: handle}  # only the citizen in front counts
            self._trackers.append(tracker)
            self._cond.notify_all()
        on_update(view)
        return handle

    # ---- the central's live stream (kiosk.api.live) ------------------------------------------
    def follow_live(self, connected: Callable[[], bool]) -> None:
        """Trust the stream for "paid" while ``connected()``; poll slowly then (before start)."""
        self._live = connected

    def payment_pushed(self, payment: Payment) -> None:
        """A status change of one of our charges, from the stream: the tracker following that very
        charge takes it at once; any other (an earlier citizen's, already closed) is ignored."""
        with self._cond:
            for tracker in self._trackers:
                if tracker.push(payment):
                    tracker.due = self._clock()
                    self._cond.notify_all()

    def live_changed(self, connected: bool) -> None:
        """The stream went up or down: check every open charge once now (an event may have been
        missed while it was down), then keep the pace that fits."""
        with self._cond:
            now = self._clock()
            for tracker in self._trackers:
                tracker.due = min(tracker.due, now)
            self._cond.notify_all()

    def _request_cancel(self, tracker: Tracker) -> None:
        with self._cond:
            if tracker.cancel_requested or tracker.done:
                return  # a double tap: one cancel
            tracker.cancel_requested = True
            tracker.due = self._clock()
            self._cond.notify_all()

    def reconcile(self) -> Future[Counter[str]]:
        """Settle unfinished journal entries with the central (at start, on reconnect)."""
        future: Future[Counter[str]] = Future()
        with self._cond:
            if self._stopping:
                future.set_exception(RuntimeError("payment service stopped"))
                return future
            self._reconcile_asks.append(future)
            self._cond.notify_all()
        return future

    def close(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._worker.stop(timeout)

    # ---- the worker's side -----------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            with self._cond:
                if self._stopping:
                    break
                now = self._clock()
                due = [t for t in self._trackers if t.due <= now]
                asks, self._reconcile_asks = self._reconcile_asks, []
                if not due and not asks:
                    wake = min([t.due for t in self._trackers] + [now + 1.0])
                    self._cond.wait(max(0.0, min(wake - now, 1.0)))
            for tracker in due:
                if not self._run(tracker.step):
                    tracker.due = self._clock() + 1.0  # a bug in one step must not spin the loop
            for tracker in list(self._trackers):
                self._run(tracker.tick)
            with self._cond:
                self._trackers = [t for t in self._trackers if not t.done]
            for ask in asks:
                try:
                    ask.set_result(self._reconciler.run())
                except Exception as exc:
                    ask.set_exception(exc)
        with self._cond:
            pending, self._reconcile_asks = self._reconcile_asks, []
        for ask in pending:
            ask.set_exception(RuntimeError("payment service stopped"))

    @staticmethod
    def _run(fn: Callable[[], None]) -> bool:
        try:
            fn()
        except Exception:
            log.exception("payment step failed")
            return False
        return True
