"""Drives the transition table: the one place where the citizen's session changes.

Single-threaded by contract: ``send`` is only called on the scheduler's thread. Results of work
done elsewhere (ticket issuing on a worker) come back through ``Scheduler.post``.

Every event (any intent that is not the citizen's own touch: a worker's answer, a card reader
event, a timer) names the session it belongs to, and ``send`` drops an event for any other
session before it reaches the table. That one check is what keeps a late answer for a citizen
who has gone from landing in the next citizen's session.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, Unpack

from kiosk.catalog.hours import is_open, next_opening
from kiosk.contract import Catalog, Service
from kiosk.contract.tickets import Language, Priority
from kiosk.runtime.scheduler import Scheduler, Timer

from .booking import BookingSteps
from .ports import (
    BookingLookup,
    IdentityLookup,
    IssueRequest,
    PaymentHandle,
    PaymentRequest,
    Payments,
    TicketIssuing,
)
from .session import ACCESS_OPTIONS, CitizenSession
from .status import KioskStatus, StatusChanges
from .steps import IDLE_GUARDED, Step
from .survey import RatingService, SurveySteps
from .table import ON_ENTER, TRANSITIONS, USER_INTENTS, Transition

if TYPE_CHECKING:
    from kiosk.identification import SessionIdentity
    from kiosk.identity.model import CardIdentity
    from kiosk.identity.mrz import MrzInfo
    from kiosk.payments.view import PaymentView
    from kiosk.tickets.issuer import IssueOutcome

log = logging.getLogger(__name__)
T = TypeVar("T")
PRIORITIES: tuple[Priority, ...] = ("none", "elderly", "disability", "pregnancy")


@dataclass(frozen=True)
class FlowTiming:
    idle_warn_after_s: float = 45.0
    idle_answer_s: float = 30.0
    ticket_display_s: float = 20.0
    accessible_factor: float = 2.0  # accessibility mode: every time limit this much longer


@dataclass(frozen=True)
class FlowView:
    """Everything a screen needs to draw the current step; immutable."""

    step: Step
    session: CitizenSession
    status: KioskStatus
    idle_warning: bool
    idle_answer_s: float
    languages: tuple[Language, ...]
    # The time the view was made, when services keep their catalogue opening hours (None: always open).
    now: dt.datetime | None = None

    @property
    def language(self) -> Language:
        return self.session.language

    def opens_at(self, service: Service) -> dt.datetime | bool | None:
        """False when ``service`` takes tickets now; else when it next opens (None: not this week)."""
        catalog = self.status.catalog
        if self.now is None or catalog is None or is_open(catalog, service, self.now):
            return False
        return next_opening(catalog, service, self.now)


class CitizenFlow(BookingSteps, SurveySteps):
    def __init__(
        self,
        issuer: TicketIssuing | None,
        scheduler: Scheduler,
        timing: FlowTiming = FlowTiming(),
        languages: tuple[Language, ...] = ("id", "en"),
        identifier: IdentityLookup | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        payments: Payments | None = None,
        provide_mrz: Callable[[MrzInfo], None] | None = None,
        bookings: BookingLookup | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        ratings: RatingService | None = None,
    ) -> None:
        if timing.idle_answer_s < 20:
            raise ValueError("idle_answer_s must give the citizen at least 20 s (WCAG 2.2.1)")
        self._issuer = issuer
        self._identifier = identifier
        self._payments = payments
        self._provide_mrz = provide_mrz  # hands typed passport data to the card reader
        self._bookings = bookings
        self._ratings = ratings
        self._clock = clock  # given: services are offered only in their opening hours
        self._payment_handle: PaymentHandle | None = None
        self._today = today
        self._session_end_hooks: list[Callable[[], None]] = []
        self._staff_hooks: list[Callable[[SessionIdentity], None]] = []
        self._scheduler = scheduler
        self._timing = timing
        self._languages = languages
        self.step = Step.WELCOME
        self.session = CitizenSession(language=languages[0])
        self.status = KioskStatus()
        self._idle_timer: Timer | None = None
        self._answer_timer: Timer | None = None
        self._display_timer: Timer | None = None
        self._idle_warning = False
        self._observers: list[Callable[[FlowView], None]] = []

    # ---- observing -------------------------------------------------------------------------
    def subscribe(self, observer: Callable[[FlowView], None]) -> None:
        self._observers.append(observer)
        observer(self.view())

    def attach(
        self,
        issuer: TicketIssuing,
        identifier: IdentityLookup | None = None,
        payments: Payments | None = None,
        provide_mrz: Callable[[MrzInfo], None] | None = None,
        bookings: BookingLookup | None = None,
        ratings: RatingService | None = None,
    ) -> None:
        """Connect the services once they exist. The app paints the welcome screen first and
        builds them right after (start-up time); until then no catalogue is loaded, so no step
        that needs them can be reached."""
        self._issuer = issuer
        self._identifier = identifier
        self._payments = payments
        self._provide_mrz = provide_mrz
        self._bookings = bookings
        self._ratings = ratings

    def on_session_end(self, hook: Callable[[], None]) -> None:
        """Called whenever a session ends (e.g. to wipe data a device keeps for the session)."""
        self._session_end_hooks.append(hook)

    def on_staff_card(self, hook: Callable[[SessionIdentity], None]) -> None:
        """Called with the identity when a staff card is presented (admin mode opens there)."""
        self._staff_hooks.append(hook)

    def view(self) -> FlowView:
        return FlowView(
            self.step,
            self.session,
            self.status,
            self._idle_warning,
            self._limit(self._timing.idle_answer_s),
            self._languages,
            self._clock() if self._clock is not None else None,
        )

    def _limit(self, seconds: float) -> float:
        return seconds * (self._timing.accessible_factor if self.session.accessible else 1.0)

    def _notify(self) -> None:
        view = self.view()
        for observer in list(self._observers):
            observer(view)

    # ---- inputs ----------------------------------------------------------------------------
    def update_status(self, **changes: Unpack[StatusChanges]) -> None:
        """Kiosk-wide facts changed (catalog, queues, connectivity, printer)."""
        self.status = self.status.with_(**changes)
        self._notify()

    def send(self, intent: str, **payload: Any) -> bool:
        """Apply an intent or event; returns False when the current step does not accept it.

        An event (not in ``USER_INTENTS``) must carry ``session_id``, the session it was asked
        for or happened in; for any other session it is dropped here and changes nothing."""
        if intent not in USER_INTENTS and not self._for_this_session(intent, payload):
            return False
        row = self._match(intent, payload)
        if row is None:
            log.debug("intent %s ignored in step %s", intent, self.step.value)
            return False
        if intent in USER_INTENTS:
            self._clear_idle_warning()
            self.session.notice = None
        if row.action:
            getattr(self, f"_act_{row.action}")(**payload)
        if row.target is not None and row.target is not self.step:
            self._enter(row.target)
        else:
            self._arm_idle()
            self._notify()
        return True

    def _for_this_session(self, intent: str, payload: dict[str, Any]) -> bool:
        session_id = payload.get("session_id")
        if session_id is None:
            log.warning("event %s without a session id dropped", intent)
            return False
        if session_id != self.session.id:
            log.info("event %s for ended session %s dropped (now %s)", intent, session_id, self.session.id)
            return False
        return True

    def _post_event(self, session_id: int, intent: str, **payload: Any) -> None:
        """From any thread: deliver an event of session ``session_id`` on the flow's thread."""
        self._scheduler.post(lambda: self.send(intent, session_id=session_id, **payload))

    def _match(self, intent: str, payload: dict[str, Any]) -> Transition | None:
        for row in TRANSITIONS:
            if row.intent != intent:
                continue
            if row.source is None:
                if self.step in row.blocked_from:
                    continue
            elif row.source is not self.step:
                continue
            if row.guard and not getattr(self, f"_guard_{row.guard}")(**payload):
                continue
            return row
        return None

    def _enter(self, step: Step) -> None:
        log.info("flow %s -> %s", self.step.value, step.value)
        self._cancel_timers()
        self.step = step
        effect = ON_ENTER.get(step)
        if effect:
            getattr(self, f"_on_{effect}")()
        self._arm_idle()
        self._notify()

    # ---- guards ----------------------------------------------------------------------------
    def _catalog(self) -> Catalog | None:
        return self.status.catalog

    def _guard_can_take_ticket(self, **_: Any) -> bool:
        return self.status.blocking_reason() is None

    def _guard_can_check_in(self, **_: Any) -> bool:
        # A booking is checked in at the central: not from a lease while it is away.
        return self.status.blocking_reason() is None and self.status.central_online

    def _guard_agency_exists(self, agency_id: str = "", **_: Any) -> bool:
        cat = self._catalog()
        return cat is not None and any(a.id == agency_id for a in cat.agencies)

    def _guard_service_available(self, service_id: str = "", **_: Any) -> bool:
        cat = self._catalog()
        if cat is None:
            return False
        svc = next((s for s in cat.services if s.id == service_id), None)
        if svc is None or not svc.enabled or svc.agency_id != self.session.agency_id:
            return False
        if not self.status.available_offline(svc.id):
            return False  # the central is away and this service cannot come from a lease
        return self._clock is None or is_open(cat, svc, self._clock())

    def _guard_service_still_available(self, **_: Any) -> bool:
        return self.status.blocking_reason() is None and self._guard_service_available(
            service_id=self.session.service_id or ""
        )

    def _service(self) -> Service | None:
        cat = self._catalog()
        if cat is None or not self.session.service_id:
            return None
        return next((s for s in cat.services if s.id == self.session.service_id), None)

    def _guard_has_service(self, **_: Any) -> bool:
        return self._service() is not None

    def _guard_identity_missing(self, **_: Any) -> bool:
        service = self._service()
        return service is not None and service.identity == "required" and self.session.identity is None

    def _guard_payment_needed(self, **_: Any) -> bool:
        service = self._service()
        return (
            self._payments is not None
            and service is not None
            and service.fee_idr > 0
            and self._guard_service_still_available()
        )

    def _guard_payment_paid(self, view: PaymentView | None = None, **_: Any) -> bool:
        return view is not None and view.paid

    def _guard_payment_closed(self, **_: Any) -> bool:
        payment = self.session.payment
        return payment is None or payment.closed

    def _guard_is_staff(self, identity: SessionIdentity | None = None, **_: Any) -> bool:
        return identity is not None and identity.is_staff

    def _guard_nik_needed(self, reason: str = "", **_: Any) -> bool:
        return reason == "nik_needed"

    def _guard_nik_entry_valid(self, **_: Any) -> bool:
        from kiosk.identity.nik import NikError, parse_nik

        try:
            parse_nik(self.session.nik_entry, today=self._today())
        except NikError:
            return False
        return not self.session.lookup_pending

    # ---- actions ---------------------------------------------------------------------------
    def _act_set_language(self, language: str = "", **_: Any) -> None:
        for offered in self._languages:
            if offered == language:
                self.session.language = offered

    def _act_toggle_accessibility(self, **_: Any) -> None:
        self.session.accessible = not self.session.accessible
        # Each time it starts, everything it offers except slower speech (the configured rate is
        # already slower than espeak-ng's): the citizen turns off what they do not need.
        self.session.access_off = frozenset({"slow_speech"})

    def _act_toggle_access_option(self, option: str = "", **_: Any) -> None:
        # Each option on its own (larger text without speech, speech without high contrast...).
        if option in ACCESS_OPTIONS and self.session.accessible:
            self.session.access_off = self.session.access_off ^ {option}

    def _act_set_volume(self, volume: int = 4, **_: Any) -> None:
        self.session.volume = min(4, max(1, int(volume)))

    def _act_keep_payment(self, view: PaymentView | None = None, **_: Any) -> None:
        self.session.payment = view

    def _act_cancel_payment(self, **_: Any) -> None:
        if self._payment_handle is not None and not self._guard_payment_closed():
            self._payment_handle.cancel()

    def _on_start_payment(self) -> None:
        service = self._service()
        # The guard "payment_needed" let the flow in here only with both of these.
        assert service is not None and self._payments is not None
        request = PaymentRequest(self.session.id, service.id, service.fee_idr, self.session.language)
        self.session.payment = None
        self._payment_handle = self._payments.start(
            request, lambda view: self._post_event(request.session_id, "payment_update", view=view)
        )

    def _act_extend_time(self, **_: Any) -> None:
        pass  # the idle warning was already cleared; re-arming happens after every intent

    def _act_explain_unavailable(self, service_id: str = "", **_: Any) -> None:
        chosen = service_id or self.session.service_id or ""
        offline = self.status.issuing_offline and not (chosen and self.status.available_offline(chosen))
        self.session.error_key = self.status.blocking_reason() or ("service_offline" if offline else "service_closed")

    def _act_set_agency(self, agency_id: str, **_: Any) -> None:
        self.session.agency_id = agency_id
        self.session.service_id = None

    def _act_set_service(self, service_id: str, **_: Any) -> None:
        self.session.service_id = service_id
        self.session.priority = "none"
        self.session.priority_suggested = False
        self._suggest_priority()

    def _suggest_priority(self) -> None:
        identity = self.session.identity
        if identity is not None and identity.is_elderly(self._today()) and self.session.priority == "none":
            # A suggestion, shown as such on the confirm screen; one touch takes it away.
            self.session.priority = "elderly"
            self.session.priority_suggested = True

    def _act_set_priority(self, priority: str = "none", **_: Any) -> None:
        for known in PRIORITIES:
            if known == priority:
                self.session.priority = known

    def _act_set_identity(self, identity: SessionIdentity | None = None, **_: Any) -> None:
        self.session.identity = identity
        self.session.lookup_pending = False
        self.session.nik_entry = ""
        self.session.notice = "identity.welcome"
        self._suggest_priority()

    def _act_staff_card(self, identity: SessionIdentity, **_: Any) -> None:
        self.session.notice = "identity.staff"
        for hook in list(self._staff_hooks):
            hook(identity)

    def _act_identity_failed(self, reason: str = "unavailable", **_: Any) -> None:
        self.session.lookup_pending = False
        self.session.notice = f"identity.{reason}"

    def _act_card_failed(self, reason: str = "error", **_: Any) -> None:
        # Whatever the read was for (a passport's chip too) it is over: the keypad comes back.
        self.session.lookup_pending = False
        self.session.notice = f"card.{reason}"

    def _act_start_card_lookup(self, card: CardIdentity, **_: Any) -> None:
        # The same road as a typed NIK: the answer comes back tagged with this session.
        if self._identifier is None:
            self.session.notice = "identity.unavailable"
            return
        self._answer_later(self._identifier.from_card(card), "identity_found", "identity", "identity_failed")

    def _act_nik_key(self, key: str = "", **_: Any) -> None:
        entry = self.session.nik_entry
        if key == "back":
            entry = entry[:-1]
        elif key == "clear":
            entry = ""
        elif key.isdigit() and len(key) == 1 and len(entry) < 16:
            entry += key
        self.session.nik_entry = entry

    def _act_mrz_needed(self, wrong_key: bool = False, **_: Any) -> None:
        self.session.lookup_pending = False
        self.session.notice = "mrz.wrong_key" if wrong_key else "mrz.needed"
        if wrong_key:
            self.session.mrz_field = "doc"

    def _act_mrz_field(self, field: str = "doc", **_: Any) -> None:
        from .passport import FIELDS

        if field in FIELDS:
            self.session.mrz_field = field

    def _act_mrz_key(self, key: str = "", **_: Any) -> None:
        from .passport import FIELDS, MAX_LEN, typed_key

        session = self.session
        field = session.mrz_field
        attr = f"mrz_{field}"
        value = typed_key(field, getattr(session, attr), key)
        setattr(session, attr, value)
        # A full field moves on by itself: one less thing to find on the screen.
        if len(value) == MAX_LEN[field] and key not in ("back", "clear") and field != FIELDS[-1]:
            session.mrz_field = FIELDS[FIELDS.index(field) + 1]

    def _act_mrz_text(self, text: str = "", **_: Any) -> None:
        # A scanner reading the two MRZ lines types them: take the fields straight from them.
        from kiosk.identity.mrz import MrzError, parse_td3

        buffer = "".join(c for c in text.upper() if c.isalnum() or c == "<")
        if len(buffer) == 88:
            try:
                data = parse_td3(buffer, today=self._today())
            except MrzError:
                self.session.notice = "mrz.scan_invalid"
                return
            s = self.session
            s.mrz_doc = data.document_number
            s.mrz_birth = data.birth_date.strftime("%d%m%y")
            s.mrz_expiry = data.expiry_date.strftime("%d%m%y")
            self._act_mrz_submit()
            return
        for c in buffer:
            self._act_mrz_key(key=c)

    def _act_mrz_submit(self, **_: Any) -> None:
        from kiosk.identity.mrz import MrzError, MrzInfo

        from .passport import ddmmyy_to_yymmdd, problem

        s = self.session
        issue = problem(s.mrz_doc, s.mrz_birth, s.mrz_expiry)
        if issue is not None:
            s.notice = issue
            s.mrz_field = issue.split(".")[1]
            return
        birth, expiry = ddmmyy_to_yymmdd(s.mrz_birth), ddmmyy_to_yymmdd(s.mrz_expiry)
        assert birth is not None and expiry is not None  # problem() found both to be dates
        try:
            info = MrzInfo(s.mrz_doc, birth, expiry)
        except MrzError:
            s.notice = "mrz.doc"
            return
        if self._provide_mrz is None:
            s.notice = "identity.unavailable"
            return
        s.lookup_pending = True
        s.notice = "mrz.reading"
        self._provide_mrz(info)

    def _act_nik_rejected(self, **_: Any) -> None:
        from kiosk.identity.nik import NikError, parse_nik

        if self.session.lookup_pending:
            return
        try:
            parse_nik(self.session.nik_entry, today=self._today())
        except NikError as exc:
            self.session.notice = f"nik.{exc.code}"

    def _act_start_nik_lookup(self, **_: Any) -> None:
        if self._identifier is None:
            self.session.notice = "identity.unavailable"
            return
        self.session.lookup_pending = True
        self._answer_later(
            self._identifier.from_nik(self.session.nik_entry), "identity_found", "identity", "identity_failed"
        )

    def _answer_later(self, future: Future[T], found: str, key: str, failed: str) -> None:
        """A worker's answer for this session comes back on the flow's thread as the intent
        ``found`` (the result as ``key``) or ``failed`` (with the error's ``reason``), tagged
        with this session: if the citizen has gone by then, ``send`` drops it."""
        session_id = self.session.id

        def answered(done: Future[T]) -> None:
            exc = done.exception()
            if exc is None:
                self._post_event(session_id, found, **{key: done.result()})
            else:
                self._post_event(session_id, failed, reason=getattr(exc, "reason", "unavailable"))

        future.add_done_callback(answered)

    def _act_keep_outcome(self, outcome: IssueOutcome | None = None, **_: Any) -> None:
        self.session.outcome = outcome

    def _act_keep_error(self, error_key: str = "issue.failed", detail: str = "", **_: Any) -> None:
        self.session.error_key = error_key
        self.session.error_detail = detail

    # ---- effects on entering a step --------------------------------------------------------
    def _on_end_session(self) -> None:
        # A fresh object, not a cleared one: nothing of the last citizen can linger in a field
        # someone forgot to reset. The kiosk's default language comes back too.
        self.session = CitizenSession(language=self._languages[0])
        self._payment_handle = None
        for hook in list(self._session_end_hooks):
            hook()

    def _on_start_issue(self) -> None:
        session = self.session
        session.error_key = None
        booking = session.booking
        # Only a flow given an issuer takes tickets: without one no catalogue is loaded (attach()).
        assert self._issuer is not None
        request = IssueRequest(
            session.id,
            session.service_id or "",
            session.priority,
            session.language,
            payment=session.payment,
            reserved=booking.ticket if booking is not None else None,
            booking_slot=booking.booking.slot_start if booking is not None else None,
        )
        self._issuer.issue(request).add_done_callback(lambda f: self._issue_done(request, f))

    def _issue_done(self, request: IssueRequest, future: Future[IssueOutcome]) -> None:
        exc = future.exception()
        if exc is None:
            self._post_event(request.session_id, "issued", outcome=future.result())
        else:
            key = getattr(exc, "user_message_key", "issue.failed")
            self._post_event(request.session_id, "issue_failed", error_key=key, detail=str(exc))

    def _on_start_display_timer(self) -> None:
        session_id = self.session.id
        self._display_timer = self._scheduler.call_later(
            self._limit(self._timing.ticket_display_s), lambda: self.send("display_expired", session_id=session_id)
        )

    # ---- idle handling (WCAG 2.2.1: warn, allow extension, then end) -------------------------
    def _arm_idle(self) -> None:
        if self._idle_timer:
            self._idle_timer.cancel()
            self._idle_timer = None
        # While a QR code is on screen the payment's own expiry is the time limit.
        guarded = self.step in IDLE_GUARDED or (self.step is Step.PAYMENT and self._guard_payment_closed())
        if guarded and not self._idle_warning and not self.session.help_pending:
            self._idle_timer = self._scheduler.call_later(self._limit(self._timing.idle_warn_after_s), self._idle_warn)

    def _act_help_changed(self, pending: bool = False, **_: Any) -> None:
        """Staff were called (or the call ended): no idle warning or session end while the citizen
        waits as told; once the call is over the idle time starts afresh."""
        self.session.help_pending = bool(pending)
        if pending:
            self._clear_idle_warning()
        self._arm_idle()

    def _idle_warn(self) -> None:
        if self.step not in IDLE_GUARDED and self.step is not Step.PAYMENT:
            return
        self._idle_warning = True
        session_id = self.session.id
        self._answer_timer = self._scheduler.call_later(
            self._limit(self._timing.idle_answer_s), lambda: self.send("idle_expired", session_id=session_id)
        )
        self._notify()

    def _clear_idle_warning(self) -> None:
        self._idle_warning = False
        if self._answer_timer:
            self._answer_timer.cancel()
            self._answer_timer = None

    def _cancel_timers(self) -> None:
        self._clear_idle_warning()
        for timer in (self._idle_timer, self._display_timer):
            if timer:
                timer.cancel()
        self._idle_timer = self._display_timer = None
