"""Which ticket a counter calls next: a pure choice, given the waiting tickets, the counter, its
recent calls and the time. Making two simultaneous Calls get different tickets is the store's job
(it locks the chosen row and asks again without it); this module only says which one is next.

The rule, in order:
1. A counter that is not open calls no one.
2. Only waiting tickets of the counter's services count.
3. Due appointments first: an appointment whose citizen checked in by slot + grace is due from
   slot - grace, and due ones go by slot. (A site books no more slots than its counters serve, so
   this cannot starve walk-ins for long.)
4. Walk-ins (and appointments checked in too late, which wait like walk-ins of their class): priority
   and regular interleave by the policy's ratio, computed from the counter's own recent calls; when
   only one class waits it is called. Within a class the longest-waiting ticket (earliest
   ``queued_at``) across all the counter's services: FIFO per service, and fair between services.
5. Only when nothing else waits: an appointment before its slot - grace (earliest slot first),
   rather than leave a citizen and a counter both idle.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from central.domain.counters import Counter
from central.domain.policy import PriorityRatio, QueuePolicy
from central.domain.tickets import QueueTicket, TicketState


class CallKind(enum.Enum):
    """Why a ticket was called: what the ratio counts (appointments are outside it)."""

    REGULAR = "regular"
    PRIORITY = "priority"
    APPOINTMENT = "appointment"


@dataclass(frozen=True)
class CallRecord:
    """One past call by a counter, oldest first in a history."""

    kind: CallKind
    at: datetime


def walk_in_class_due(history: Sequence[CallRecord], ratio: PriorityRatio) -> CallKind:
    """The walk-in class the ratio asks for next, when both classes wait.

    Calls go in runs: ``ratio.priority`` priority calls, then ``ratio.regular`` regular calls. The
    trailing run of the counter's history (appointments skipped) says where in the cycle it is; an
    empty history starts with priority."""
    run_kind, run_length = None, 0
    for record in reversed(history):
        if record.kind is CallKind.APPOINTMENT:
            continue
        if run_kind is None:
            run_kind = record.kind
        elif record.kind is not run_kind:
            break
        run_length += 1
    if run_kind is CallKind.PRIORITY:
        return CallKind.PRIORITY if run_length < ratio.priority else CallKind.REGULAR
    if run_kind is CallKind.REGULAR:
        return CallKind.REGULAR if run_length < ratio.regular else CallKind.PRIORITY
    return CallKind.PRIORITY


def _line_order(ticket: QueueTicket) -> tuple:
    return (ticket.queued_at, ticket.number, ticket.id)


def _slot_order(ticket: QueueTicket) -> tuple:
    return (ticket.appointment_slot, ticket.queued_at, ticket.number, ticket.id)


def choose_next_with_kind(
    waiting: Iterable[QueueTicket], counter: Counter, history: Sequence[CallRecord], now: datetime, policy: QueuePolicy
) -> tuple[QueueTicket, CallKind] | None:
    """Like ``choose_next``, with the kind of call to add to the counter's history."""
    if not counter.calling:
        return None
    due: list[QueueTicket] = []
    early: list[QueueTicket] = []
    priority: list[QueueTicket] = []
    regular: list[QueueTicket] = []
    for ticket in waiting:
        if ticket.state is not TicketState.WAITING or ticket.service_id not in counter.services:
            continue
        slot = ticket.appointment_slot
        if slot is not None and ticket.has_appointment_precedence(policy):
            (due if now >= slot - policy.appointment_grace else early).append(ticket)
        else:
            (priority if ticket.priority else regular).append(ticket)
    if due:
        return min(due, key=_slot_order), CallKind.APPOINTMENT
    if priority and regular:
        kind = walk_in_class_due(history, policy.ratio)
        return min(priority if kind is CallKind.PRIORITY else regular, key=_line_order), kind
    if priority:
        return min(priority, key=_line_order), CallKind.PRIORITY
    if regular:
        return min(regular, key=_line_order), CallKind.REGULAR
    if early:
        return min(early, key=_slot_order), CallKind.APPOINTMENT
    return None


def choose_next(
    waiting: Iterable[QueueTicket], counter: Counter, history: Sequence[CallRecord], now: datetime, policy: QueuePolicy
) -> QueueTicket | None:
    """The ticket ``counter`` should call at ``now``, or None when it should call no one."""
    chosen = choose_next_with_kind(waiting, counter, history, now, policy)
    return chosen[0] if chosen else None


def calls_ahead(waiting: Iterable[QueueTicket], service_id: str, priority: bool, ratio: PriorityRatio) -> int:
    """How many calls at ``service_id`` come before a new walk-in of this class: the waiting tickets of
    its own class, plus the other class's calls the ratio interleaves with them (no more than wait).

    A priority ticket does not wait behind every regular one, and a regular one waits behind the
    priority calls between its own; this is the "people ahead" the wait estimate should use."""
    same = other = 0
    for ticket in waiting:
        if ticket.state is TicketState.WAITING and ticket.service_id == service_id:
            if ticket.priority == priority:
                same += 1
            else:
                other += 1
    own, others = (ratio.priority, ratio.regular) if priority else (ratio.regular, ratio.priority)
    runs_of_own = -(-(same + 1) // own)  # the runs of its class up to and including its own call
    interleaved = (runs_of_own - 1) * others if priority else runs_of_own * others
    return same + min(other, interleaved)
