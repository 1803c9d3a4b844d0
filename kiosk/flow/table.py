"""The citizen flow as a table: (step, intent) -> target, with named guards and actions.

Keeping this as data (Electrum's wizard navmap is the model) means the whole flow can be read in
one screen, checked by tests for unreachable steps and dead ends, and driven by any front end.
Guards and actions are names of methods on ``CitizenFlow``; the first row whose guard passes wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from .steps import Step


@dataclass(frozen=True)
class Transition:
    source: Step | None  # None: allowed from any step not listed in ``blocked_from``
    intent: str
    target: Step | None  # None: stay on the current step
    guard: str | None = None
    action: str | None = None
    blocked_from: frozenset[Step] = frozenset()


_BUSY = frozenset({Step.ISSUING})
_NO_NEW_IDENTITY = frozenset({Step.ISSUING, Step.TICKET})

TRANSITIONS: tuple[Transition, ...] = (
    # Anywhere the citizen is in control.
    Transition(None, "set_language", None, action="set_language", blocked_from=_BUSY),
    Transition(None, "toggle_accessibility", None, action="toggle_accessibility", blocked_from=_BUSY),
    Transition(None, "toggle_access_option", None, action="toggle_access_option", blocked_from=_BUSY),
    Transition(None, "set_volume", None, action="set_volume", blocked_from=_BUSY),
    Transition(None, "more_time", None, action="extend_time", blocked_from=_BUSY),
    Transition(None, "help_changed", None, action="help_changed"),
    # While money is moving, leaving means cancelling the payment first (the PAYMENT rows below).
    Transition(None, "cancel", Step.WELCOME, blocked_from=_BUSY | {Step.PAYMENT}),
    Transition(Step.PAYMENT, "cancel", Step.WELCOME, guard="payment_closed"),
    Transition(Step.PAYMENT, "cancel", None, action="cancel_payment"),
    Transition(Step.PAYMENT, "idle_expired", Step.WELCOME, guard="payment_closed"),
    Transition(None, "idle_expired", Step.WELCOME, blocked_from=_BUSY | {Step.PAYMENT}),
    # A card on the reader, or a NIK looked up: the session learns who this is.
    Transition(None, "identity_found", None, guard="is_staff", action="staff_card", blocked_from=_NO_NEW_IDENTITY),
    Transition(Step.WELCOME, "identity_found", Step.AGENCY, guard="can_take_ticket", action="set_identity"),
    Transition(Step.IDENTIFY, "identity_found", Step.CONFIRM, guard="has_service", action="set_identity"),
    Transition(Step.IDENTIFY, "identity_found", Step.AGENCY, action="set_identity"),
    Transition(Step.PASSPORT, "identity_found", Step.CONFIRM, guard="has_service", action="set_identity"),
    Transition(Step.PASSPORT, "identity_found", Step.AGENCY, action="set_identity"),
    Transition(None, "identity_found", None, action="set_identity", blocked_from=_NO_NEW_IDENTITY),
    Transition(Step.IDENTIFY, "identity_failed", None, action="identity_failed"),
    Transition(
        None,
        "identity_failed",
        Step.IDENTIFY,
        guard="nik_needed",
        action="identity_failed",
        blocked_from=_NO_NEW_IDENTITY,
    ),
    Transition(None, "identity_failed", None, action="identity_failed", blocked_from=_NO_NEW_IDENTITY),
    Transition(None, "card_failed", None, action="card_failed", blocked_from=_NO_NEW_IDENTITY),
    # A card read: looked up on the identifier's worker, answered as identity_found / _failed.
    Transition(None, "card_read", None, action="start_card_lookup", blocked_from=_NO_NEW_IDENTITY),
    # An e-passport on the reader: its chip opens only with data from the photo page.
    Transition(None, "mrz_needed", Step.PASSPORT, action="mrz_needed", blocked_from=_NO_NEW_IDENTITY | {Step.PAYMENT}),
    # Welcome.
    Transition(Step.WELCOME, "take_ticket", Step.AGENCY, guard="can_take_ticket"),
    Transition(Step.WELCOME, "take_ticket", Step.UNAVAILABLE, action="explain_unavailable"),
    Transition(Step.WELCOME, "check_in", Step.BOOKING, guard="can_check_in"),
    Transition(Step.WELCOME, "check_in", Step.UNAVAILABLE, action="explain_unavailable"),
    # A booking QR code scanned on the welcome screen: straight to its check-in.
    Transition(Step.WELCOME, "text_input", Step.BOOKING, guard="booking_scanned", action="booking_text"),
    Transition(
        Step.WELCOME, "text_input", Step.UNAVAILABLE, guard="booking_scanned_offline", action="explain_unavailable"
    ),
    # Agency and service choice.
    Transition(Step.AGENCY, "choose_agency", Step.SERVICE, guard="agency_exists", action="set_agency"),
    Transition(Step.AGENCY, "back", Step.WELCOME),
    Transition(Step.SERVICE, "choose_service", Step.CONFIRM, guard="service_available", action="set_service"),
    Transition(Step.SERVICE, "back", Step.AGENCY),
    Transition(Step.CONFIRM, "set_priority", None, action="set_priority"),
    Transition(Step.CONFIRM, "confirm", Step.IDENTIFY, guard="identity_missing"),
    Transition(Step.CONFIRM, "confirm", Step.PAYMENT, guard="payment_needed"),
    Transition(Step.CONFIRM, "confirm", Step.ISSUING, guard="service_still_available"),
    Transition(Step.CONFIRM, "confirm", Step.UNAVAILABLE, action="explain_unavailable"),
    Transition(Step.CONFIRM, "back", Step.SERVICE),
    # Identify: a card on the reader, or the NIK on the keypad.
    Transition(Step.IDENTIFY, "nik_key", None, action="nik_key"),
    Transition(Step.IDENTIFY, "nik_submit", None, guard="nik_entry_valid", action="start_nik_lookup"),
    Transition(Step.IDENTIFY, "nik_submit", None, action="nik_rejected"),
    Transition(Step.IDENTIFY, "back", Step.CONFIRM, guard="has_service"),
    Transition(Step.IDENTIFY, "back", Step.WELCOME),
    # Payment (QRIS) for services with a fee: the payment service reports, the flow follows.
    Transition(Step.PAYMENT, "payment_update", Step.ISSUING, guard="payment_paid", action="keep_payment"),
    Transition(Step.PAYMENT, "payment_update", None, action="keep_payment"),
    Transition(Step.PAYMENT, "cancel_payment", None, action="cancel_payment"),
    Transition(Step.PAYMENT, "back", Step.CONFIRM, guard="payment_closed"),
    Transition(Step.PAYMENT, "done", Step.WELCOME, guard="payment_closed"),
    # Passport: the page data typed on the keypad (or read by an MRZ scanner that types).
    Transition(Step.PASSPORT, "mrz_field", None, action="mrz_field"),
    Transition(Step.PASSPORT, "mrz_key", None, action="mrz_key"),
    Transition(Step.PASSPORT, "text_input", None, action="mrz_text"),
    Transition(Step.PASSPORT, "mrz_submit", None, action="mrz_submit"),
    Transition(Step.PASSPORT, "back", Step.CONFIRM, guard="has_service"),
    Transition(Step.PASSPORT, "back", Step.WELCOME),
    # Booking: an appointment's code, typed on the keypad or scanned, checked in with the central.
    Transition(Step.BOOKING, "booking_key", None, action="booking_key"),
    Transition(Step.BOOKING, "text_input", None, action="booking_text"),
    Transition(Step.BOOKING, "booking_submit", None, action="booking_submit"),
    Transition(Step.BOOKING, "booking_checked_in", Step.ISSUING, action="keep_booking"),
    Transition(Step.BOOKING, "booking_failed", None, action="booking_failed"),
    Transition(Step.BOOKING, "back", Step.WELCOME),
    # Issuing: only the kiosk's own events move it on.
    Transition(Step.ISSUING, "issued", Step.TICKET, action="keep_outcome"),
    Transition(Step.ISSUING, "issue_failed", Step.ISSUE_FAILED, action="keep_error"),
    Transition(Step.ISSUE_FAILED, "retry", Step.BOOKING, guard="is_booking", action="booking_resubmit"),
    Transition(Step.ISSUE_FAILED, "retry", Step.ISSUING),
    Transition(Step.ISSUE_FAILED, "done", Step.WELCOME),
    Transition(Step.TICKET, "done", Step.WELCOME),
    Transition(Step.TICKET, "display_expired", Step.WELCOME),
    Transition(Step.UNAVAILABLE, "done", Step.WELCOME),
    Transition(Step.UNAVAILABLE, "retry", Step.AGENCY, guard="can_take_ticket"),
    # The satisfaction survey (survey.py): from the welcome screen, or the ticket's QR code scanned there.
    Transition(Step.WELCOME, "rate_service", Step.SURVEY_TICKET, guard="survey_available"),
    Transition(Step.WELCOME, "text_input", Step.SURVEY_TICKET, guard="rating_scanned", action="survey_text"),
    Transition(Step.SURVEY_TICKET, "survey_key", None, action="survey_key"),
    Transition(Step.SURVEY_TICKET, "text_input", None, action="survey_text"),
    Transition(Step.SURVEY_TICKET, "survey_submit", None, action="survey_submit"),
    Transition(Step.SURVEY_TICKET, "survey_checked", Step.SURVEY_QUESTION, action="survey_checked"),
    Transition(Step.SURVEY_TICKET, "survey_failed", None, action="survey_failed"),
    Transition(Step.SURVEY_TICKET, "back", Step.WELCOME),
    Transition(
        Step.SURVEY_QUESTION, "survey_answer", Step.SURVEY_ABOUT, guard="survey_last_question", action="survey_answer"
    ),
    Transition(Step.SURVEY_QUESTION, "survey_answer", None, action="survey_answer"),
    Transition(Step.SURVEY_QUESTION, "back", None, guard="survey_not_first_question", action="survey_previous"),
    Transition(Step.SURVEY_QUESTION, "back", Step.WELCOME),
    Transition(Step.SURVEY_ABOUT, "survey_respondent", None, action="survey_respondent"),
    Transition(Step.SURVEY_ABOUT, "survey_next", None, guard="survey_more_about", action="survey_about_page"),
    Transition(Step.SURVEY_ABOUT, "survey_next", Step.SURVEY_SUGGESTION),
    Transition(Step.SURVEY_ABOUT, "back", None, guard="survey_later_about", action="survey_about_back"),
    Transition(Step.SURVEY_ABOUT, "back", Step.SURVEY_QUESTION),
    Transition(Step.SURVEY_SUGGESTION, "survey_type", None, action="survey_type"),
    Transition(Step.SURVEY_SUGGESTION, "text_input", None, action="survey_typed_text"),
    Transition(Step.SURVEY_SUGGESTION, "survey_send", None, action="survey_send"),
    Transition(Step.SURVEY_SUGGESTION, "survey_sent", Step.SURVEY_THANKS, action="survey_sent"),
    Transition(Step.SURVEY_SUGGESTION, "survey_failed", None, action="survey_failed"),
    Transition(Step.SURVEY_SUGGESTION, "back", Step.SURVEY_ABOUT, guard="survey_not_sending"),
    Transition(Step.SURVEY_THANKS, "done", Step.WELCOME),
    Transition(Step.SURVEY_THANKS, "display_expired", Step.WELCOME),
)

# Work the flow starts when it enters a step.
ON_ENTER: dict[Step, str] = {
    Step.WELCOME: "end_session",
    Step.PAYMENT: "start_payment",
    Step.ISSUING: "start_issue",
    Step.TICKET: "start_display_timer",
    Step.SURVEY_THANKS: "start_display_timer",
}

# Intents that come from the citizen's hand (they reset the idle timer); the rest are events.
USER_INTENTS = frozenset(
    {
        "set_language",
        "more_time",
        "cancel",
        "take_ticket",
        "choose_agency",
        "back",
        "choose_service",
        "set_priority",
        "confirm",
        "retry",
        "done",
        "nik_key",
        "nik_submit",
        "toggle_accessibility",
        "toggle_access_option",
        "set_volume",
        "cancel_payment",
        "mrz_field",
        "mrz_key",
        "mrz_submit",
        "text_input",
        "check_in",
        "booking_key",
        "booking_submit",
        "rate_service",
        "survey_key",
        "survey_submit",
        "survey_answer",
        "survey_respondent",
        "survey_next",
        "survey_type",
        "survey_send",
    }
)
