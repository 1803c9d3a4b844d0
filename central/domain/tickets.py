"""A queued ticket's life as data: states, actions, and the one table of legal transitions.

waiting -call-> called -serve-> serving -done-> done
called -recall-> called (announced again); called -no_show-> no_show -restore-> waiting (within the
policy's window); called | serving -transfer-> transferred, and a new leg waits at the other service.
Anything not in ``TRANSITIONS`` is refused with ``IllegalTransition``. Time is always a parameter.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime
from types import MappingProxyType

from central.domain.policy import QueuePolicy, RejoinAt


class TicketState(enum.Enum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"


class TicketAction(enum.Enum):
    CALL = "call"
    RECALL = "recall"
    SERVE = "serve"
    DONE = "done"
    NO_SHOW = "no_show"
    RESTORE = "restore"
    TRANSFER = "transfer"


S, A = TicketState, TicketAction
TRANSITIONS = MappingProxyType(
    {
        (S.WAITING, A.CALL): S.CALLED,
        (S.CALLED, A.RECALL): S.CALLED,
        (S.CALLED, A.SERVE): S.SERVING,
        (S.CALLED, A.NO_SHOW): S.NO_SHOW,
        (S.SERVING, A.DONE): S.DONE,
        (S.NO_SHOW, A.RESTORE): S.WAITING,
        (S.CALLED, A.TRANSFER): S.TRANSFERRED,
        (S.SERVING, A.TRANSFER): S.TRANSFERRED,
    }
)
"""(state, action) -> next state: the only moves a ticket can make."""
del S, A


class IllegalTransition(ValueError):
    """The action is not allowed for the ticket now (wrong state, window passed, bad argument)."""


@dataclass(frozen=True)
class QueueTicket:
    """One ticket's place in one service's queue (a transfer starts a new leg)."""

    id: str
    """The store's identifier; only compared, never interpreted."""
    number: str
    """The printed number, e.g. "B-023"; kept across transfers."""
    service_id: str
    """The service whose queue it waits in."""
    queued_at: datetime
    """The time its place in line counts from (issue or check-in, or as a transfer's policy says)."""
    priority: bool = False
    """Elderly, disabled or pregnant: interleaved by the policy's ratio."""
    appointment_slot: datetime | None = None
    """The booked time, for a ticket issued by an appointment's check-in."""
    state: TicketState = TicketState.WAITING
    state_since: datetime | None = None
    """When it entered ``state`` (None: since ``queued_at``)."""
    counter_id: str | None = None
    """The counter that called it (None while waiting)."""
    announcements: int = 0
    """How many times it was announced at the current call (the call and every recall)."""
    leg: int = 0
    """0 for the first queue; each transfer adds one."""

    @property
    def since(self) -> datetime:
        return self.state_since if self.state_since is not None else self.queued_at

    def has_appointment_precedence(self, policy: QueuePolicy) -> bool:
        """An appointment keeps its booked precedence only if the citizen checked in by slot + grace;
        a later check-in waits like a walk-in of its class."""
        return self.appointment_slot is not None and self.queued_at <= self.appointment_slot + policy.appointment_grace


def apply(
    ticket: QueueTicket, action: TicketAction, now: datetime, policy: QueuePolicy, *, counter_id: str | None = None
) -> QueueTicket:
    """The ticket after ``action`` at ``now``; ``IllegalTransition`` if the table or a guard refuses."""
    target = TRANSITIONS.get((ticket.state, action))
    if target is None:
        raise IllegalTransition(f"a {ticket.state.value} ticket cannot {action.value}")
    if now < ticket.since:
        # A store that hands out-of-order times would corrupt the measured service times.
        raise IllegalTransition(f"{action.value} is dated before the ticket became {ticket.state.value}")
    if action is TicketAction.CALL:
        if not counter_id:
            raise IllegalTransition("a call needs the calling counter")
        return replace(ticket, state=target, state_since=now, counter_id=counter_id, announcements=1)
    if action is TicketAction.RECALL:
        return replace(ticket, announcements=ticket.announcements + 1)
    if action is TicketAction.RESTORE:
        if now - ticket.since > policy.no_show_window:
            raise IllegalTransition("the no-show window has passed")
        queued_at = ticket.queued_at if policy.no_show_rejoin is RejoinAt.ORIGINAL_TIME else now
        return replace(ticket, state=target, state_since=now, queued_at=queued_at, counter_id=None, announcements=0)
    return replace(ticket, state=target, state_since=now)


def transfer(
    ticket: QueueTicket, to_service: str, now: datetime, policy: QueuePolicy
) -> tuple[QueueTicket, QueueTicket]:
    """(the closed leg, the new leg waiting at ``to_service``); the number stays the same.

    The new leg keeps the first queue's time or joins the end, as ``policy.transfer_rejoin`` says.
    Priority carries over; an appointment's slot does not (it was for the first service)."""
    if to_service == ticket.service_id:
        raise IllegalTransition("a transfer must go to another service")
    closed = apply(ticket, TicketAction.TRANSFER, now, policy)
    queued_at = ticket.queued_at if policy.transfer_rejoin is RejoinAt.ORIGINAL_TIME else now
    new_leg = QueueTicket(
        id=ticket.id,
        number=ticket.number,
        service_id=to_service,
        queued_at=queued_at,
        priority=ticket.priority,
        state_since=now,
        leg=ticket.leg + 1,
    )
    return closed, new_leg
