"""The hall's queue rules as pure code: no I/O, no clock reads (time is always a parameter).

``tickets`` (the ticket state machine), ``counters`` (Pause / Resume), ``ordering`` (which ticket a
counter calls next), ``estimate`` (wait from measured service times), ``announce`` (the caller's
sentence), ``policy`` (the site's settings). ``simulation`` runs a hall's day on these rules.
The store and the API build on this package; it imports nothing of theirs.
"""

from central.domain.announce import BadCounterLabel, call_text
from central.domain.counters import (
    COUNTER_TRANSITIONS,
    Counter,
    CounterAction,
    CounterState,
    apply_counter,
)
from central.domain.estimate import WaitEstimator, counters_open_for
from central.domain.ordering import (
    CallKind,
    CallRecord,
    calls_ahead,
    choose_next,
    choose_next_with_kind,
    walk_in_class_due,
)
from central.domain.policy import PriorityRatio, QueuePolicy, RejoinAt
from central.domain.tickets import (
    TRANSITIONS,
    IllegalTransition,
    QueueTicket,
    TicketAction,
    TicketState,
    apply,
    transfer,
)

__all__ = [
    "COUNTER_TRANSITIONS",
    "TRANSITIONS",
    "BadCounterLabel",
    "CallKind",
    "CallRecord",
    "Counter",
    "CounterAction",
    "CounterState",
    "IllegalTransition",
    "PriorityRatio",
    "QueuePolicy",
    "QueueTicket",
    "RejoinAt",
    "TicketAction",
    "TicketState",
    "WaitEstimator",
    "apply",
    "apply_counter",
    "call_text",
    "calls_ahead",
    "choose_next",
    "choose_next_with_kind",
    "counters_open_for",
    "transfer",
    "walk_in_class_due",
]
