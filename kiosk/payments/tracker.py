"""One citizen's payment as a small state machine, stepped by the payment service's thread.

Each ``step`` does at most one network call and says when it wants to run again; the service
runs every tracker on its single worker thread, so cancel taps, polls and the expiry never race.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, Unpack

from kiosk.api.errors import CentralError, CentralRejected
from kiosk.contract import Payment, PaymentCreateRequest
from kiosk.journal import Journal, JournalStep
from kiosk.redaction import log_fields

from .qris import QrisError, validate_dynamic_qris
from .settings import PaymentSettings
from .view import PaymentState, PaymentView, QrShown, ViewChanges

if TYPE_CHECKING:
    from kiosk.api.client import CentralClient

log = logging.getLogger(__name__)


class Tracker:
    def __init__(
        self,
        view: PaymentView,
        client: CentralClient,
        journal: Journal,
        settings: PaymentSettings,
        on_update: Callable[[PaymentView], None],
        clock: Callable[[], float] = time.monotonic,
        live: Callable[[], bool] = lambda: False,
    ) -> None:
        self.view = view
        self._client = client
        self._journal = journal
        self._settings = settings
        self._on_update = on_update
        self._clock = clock
        self._phase = "create"  # create -> poll -> (cancel | expire) -> done; abort after a bad QR
        self._started = clock()
        self._deadline: float | None = None
        self._interval = settings.poll_interval_s
        self._offline_delay = settings.poll_interval_s
        self._give_up_at: float | None = None
        self.cancel_requested = False
        self.due = self._started
        self._live = live  # the central's event stream is up: it tells us "paid" without a poll
        self._pushed: Payment | None = None
        self._pushed_lock = threading.Lock()

    @property
    def done(self) -> bool:
        return self._phase == "done"

    def push(self, payment: Payment) -> bool:
        """The stream's news of this tracker's charge (any thread); the next step takes it instead
        of asking the central. False when it is not this tracker's charge."""
        if payment.id != self.view.payment_id or self.done:
            return False
        with self._pushed_lock:
            self._pushed = payment
        return True

    def _take_pushed(self) -> Payment | None:
        with self._pushed_lock:
            pushed, self._pushed = self._pushed, None
        return pushed

    # ---- the one entry point ---------------------------------------------------------------
    def step(self) -> None:
        now = self._clock()
        try:
            if self._phase == "create":
                self._create(now)
            elif self._phase == "poll":
                self._poll(now)
            elif self._phase in ("cancel", "expire"):
                self._close(now)
            elif self._phase == "abort":
                self._abort()
        except CentralRejected as exc:
            self._rejected(exc)
        except CentralError as exc:
            self._unreachable(now, exc)

    def tick(self) -> None:
        """Recount the seconds left; publish if the number on screen changes."""
        if self._deadline is None or self.view.closed or self.view.paid:
            return
        left = self._left()
        if left != self.view.seconds_left:
            self._publish(seconds_left=left)

    def _left(self) -> int | None:
        if self._deadline is None:
            return None
        return max(0, int(self._deadline - self._clock() + 0.999))

    # ---- phases ----------------------------------------------------------------------------
    def _create(self, now: float) -> None:
        if self.cancel_requested:
            # No QR was shown yet; the entry may have reached the central: the journal settles it.
            self._end("cancelled", release=True)
            return
        view = self.view
        payment = self._client.create_payment(
            PaymentCreateRequest(service_id=view.service_id, amount_idr=view.amount_idr), view.entry_id
        )
        self._journal.record(
            view.entry_id, JournalStep.CHARGE_CREATED, payment_id=payment.id, reference=payment.reference
        )
        self.view = view.with_(payment_id=payment.id, reference=payment.reference, expires_at=payment.expires_at)
        try:
            qris = validate_dynamic_qris(
                payment.qris_payload, view.amount_idr, expected_nmid=self._settings.merchant_nmid
            )
        except QrisError as exc:
            # Never shown: a wrong amount or merchant must not reach a phone. Cancel the charge.
            log.error("payment %s: QRIS payload rejected (%s): %s", payment.id, exc.code, exc)
            self._phase = "abort"
            self._publish(state="failed", message_key="payment.invalid_qr")
            self.due = now
            return
        ttl = (payment.expires_at - payment.created_at).total_seconds()
        # The kiosk's own monotonic clock counts down: its wall clock may be off from the central's.
        self._deadline = now + max(0.0, ttl)
        self._phase = "poll"
        self._absorb(
            payment, now, qris_payload=qris.raw, merchant_name=qris.merchant_name, merchant_city=qris.merchant_city
        )

    def _poll(self, now: float) -> None:
        if self.cancel_requested:
            self._phase, self._give_up_at = "cancel", now + self._settings.unknown_after_s
            self._publish(cancelling=True)
            self._close(now)
            return
        if self._deadline is not None and now >= self._deadline:
            self._phase, self._give_up_at = "expire", now + self._settings.unknown_after_s
            self._close(now)
            return
        pushed = self._take_pushed()
        self._absorb(pushed if pushed is not None else self._client.get_payment(self._charge_id()), now)

    def _close(self, now: float) -> None:
        """Cancel (the citizen's wish, or time is up), then believe what the central answers."""
        payment = self._client.cancel_payment(self._charge_id())
        if payment.status == "pending":  # pragma: no cover - a central that ignored the cancel
            self.due = now + self._settings.poll_interval_s
            return
        if payment.status in ("cancelled", "expired") and self._phase == "expire":
            # A payment can land between our last poll and the cancel: ask once more.
            payment = self._client.get_payment(self._charge_id())
        self._absorb(payment, now, final="expired" if self._phase == "expire" else "cancelled")

    def _abort(self) -> None:
        payment = self._client.cancel_payment(self._charge_id())
        if payment.status in ("paid", "refund_requested"):
            self._journal.record(self.view.entry_id, JournalStep.PAID_SEEN)
            self._end("failed", release=True)  # reconciliation asks for the refund
            return
        self._end("failed", journal_closed=True)

    def _charge_id(self) -> str:
        # Every phase after "create" follows the charge it created, whose id the view keeps.
        if self.view.payment_id is None:
            raise RuntimeError(f"payment {self.view.entry_id} in phase {self._phase} has no charge")
        return self.view.payment_id

    # ---- outcomes --------------------------------------------------------------------------
    def _absorb(
        self,
        payment: Payment,
        now: float,
        final: Literal["expired", "cancelled"] | None = None,
        **extra: Unpack[QrShown],
    ) -> None:
        self._offline_delay = self._settings.poll_interval_s
        status = payment.status
        if status in ("paid", "refund_requested"):
            self._journal.record(self.view.entry_id, JournalStep.PAID_SEEN)
            self._phase = "done"
            self._publish(
                state="paid", paid_at=payment.paid_at, message_key=None, seconds_left=None, cancelling=False, **extra
            )
            return
        if status == "pending" and final is None:
            if self._live():
                self.due = now + self._settings.live_fallback_poll_s  # a safety net, not the news
            else:
                self.due = now + self._interval
                self._interval = min(self._interval * 1.5, self._settings.poll_max_interval_s)
            self._publish(state="waiting", message_key=None, seconds_left=self._left(), **extra)
            return
        state: PaymentState = final or ("expired" if status == "expired" else "cancelled")
        if status == "expired":
            state = "expired"
        self._end(state, journal_closed=True, **extra)

    def _end(
        self, state: PaymentState, *, journal_closed: bool = False, release: bool = False, **extra: Unpack[QrShown]
    ) -> None:
        if journal_closed:
            self._journal.finish(self.view.entry_id, JournalStep.CLOSED, "closed")
        if release:
            self._journal.release(self.view.entry_id)
        self._phase = "done"
        key = self.view.message_key if state == "failed" else f"payment.{state}"
        self._publish(state=state, message_key=key, seconds_left=None, cancelling=False, **extra)

    def _rejected(self, exc: CentralRejected) -> None:
        log.error("payment for %s refused by the central: %s", self.view.service_id, exc.code)
        if self._phase == "create":
            # Refused outright (wrong amount, unknown service): nothing exists to charge.
            self._fail_closed("payment.rejected")
        else:
            self._journal.release(self.view.entry_id)
            self._end("unknown")

    def _fail_closed(self, key: str) -> None:
        self._journal.finish(self.view.entry_id, JournalStep.CLOSED, "closed")
        self._phase = "done"
        self._publish(state="failed", message_key=key, seconds_left=None)

    def _unreachable(self, now: float, exc: CentralError) -> None:
        log.warning("payment %s: central not reachable (%s)", self.view.payment_id or "(new)", type(exc).__name__)
        self.due = now + self._offline_delay
        self._offline_delay = min(self._offline_delay * 2, self._settings.offline_retry_max_s)
        if self._phase == "create":
            if now - self._started >= self._settings.create_timeout_s:
                self._journal.release(self.view.entry_id)  # replayed and cancelled by reconciliation
                self._phase = "done"
                self._publish(state="failed", message_key="payment.unavailable")
            else:
                self._publish(message_key="payment.connecting")
            return
        if self._phase == "abort":
            self._journal.release(self.view.entry_id)
            self._phase = "done"
            return
        if self._give_up_at is not None and now >= self._give_up_at:
            # We cannot learn whether they paid. The journal keeps the entry; once the central
            # answers, reconciliation cancels it and flags a refund if the money had landed.
            self._journal.release(self.view.entry_id)
            self._end("unknown")
            return
        self._publish(state="checking", message_key="payment.connection_lost")

    def _publish(self, **changes: Unpack[ViewChanges]) -> None:
        before = self.view.state
        self.view = self.view.with_(**changes)
        if self.view.state != before:
            # The ids exactly as the central and the journal keep them: a complaint about money
            # is matched to the central's record by them.
            log.info(
                "payment state changed",
                extra=log_fields(
                    state=self.view.state,
                    payment_id=self.view.payment_id,
                    entry_id=self.view.entry_id,
                    reference=self.view.reference,
                    service_id=self.view.service_id,
                ),
            )
        self._on_update(self.view)
