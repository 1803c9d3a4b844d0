"""Which ticket a counter calls next: examples, then properties over arbitrary queues (hypothesis)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from central.domain import (
    CallKind,
    CallRecord,
    Counter,
    CounterState,
    PriorityRatio,
    QueuePolicy,
    QueueTicket,
    TicketState,
    choose_next,
    choose_next_with_kind,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=7)))
POLICY = QueuePolicy()
KTP = Counter(id="L1", label="1", services=frozenset({"ktp"}))


def t(
    n: int,
    minute: float,
    service: str = "ktp",
    priority: bool = False,
    slot: float | None = None,
    state: TicketState = TicketState.WAITING,
) -> QueueTicket:
    return QueueTicket(
        id=f"{service}-{n}",
        number=f"A-{n:03d}",
        service_id=service,
        queued_at=T0 + timedelta(minutes=minute),
        priority=priority,
        state=state,
        appointment_slot=None if slot is None else T0 + timedelta(minutes=slot),
    )


def calls(
    counter: Counter,
    waiting: list[QueueTicket],
    now: datetime,
    policy: QueuePolicy = POLICY,
    history: list[CallRecord] | None = None,
) -> list[str]:
    """Call until nothing is left; the numbers in call order."""
    waiting, history, order = list(waiting), list(history or []), []
    while (chosen := choose_next_with_kind(waiting, counter, history, now, policy)) is not None:
        ticket, kind = chosen
        waiting.remove(ticket)
        history.append(CallRecord(kind, now))
        order.append(ticket.id)
    return order


def test_fifo_within_a_service():
    assert calls(KTP, [t(3, 7), t(1, 1), t(2, 4)], T0 + timedelta(hours=1)) == ["ktp-1", "ktp-2", "ktp-3"]


def test_priority_interleaves_one_per_two_regular():
    waiting = [t(i, i) for i in range(1, 7)] + [t(i, 10 + i, priority=True) for i in range(7, 10)]
    assert calls(KTP, waiting, T0 + timedelta(hours=1)) == [
        "ktp-7",
        "ktp-1",
        "ktp-2",
        "ktp-8",
        "ktp-3",
        "ktp-4",
        "ktp-9",
        "ktp-5",
        "ktp-6",
    ]


def test_a_counter_of_several_services_calls_the_longest_waiting():
    both = Counter(id="L7", label="7", services=frozenset({"ktp", "bpjs"}))
    waiting = [t(1, 5, "ktp"), t(2, 2, "bpjs"), t(3, 9, "bpjs"), t(4, 1, "kk"), t(5, 3, "ktp")]
    assert calls(both, waiting, T0 + timedelta(hours=1)) == ["bpjs-2", "ktp-5", "ktp-1", "bpjs-3"]


def test_only_waiting_tickets_and_only_an_open_counter():
    waiting = [t(1, 1, state=TicketState.CALLED), t(2, 2, state=TicketState.NO_SHOW), t(3, 3)]
    assert choose_next(waiting, KTP, [], T0 + timedelta(hours=1), POLICY).id == "ktp-3"
    for state in (CounterState.PAUSED, CounterState.CLOSED):
        paused = Counter(id="L1", label="1", services=KTP.services, state=state)
        assert choose_next(waiting, paused, [], T0 + timedelta(hours=1), POLICY) is None


def test_appointments_at_their_slot_within_the_grace():
    policy = QueuePolicy(appointment_grace=timedelta(minutes=10))
    booked = t(9, 0, slot=60)  # checked in at 9:00 for 10:00
    walk_in = t(1, -30)
    assert choose_next([walk_in, booked], KTP, [], T0 + timedelta(minutes=49), policy).id == "ktp-1"
    assert choose_next([walk_in, booked], KTP, [], T0 + timedelta(minutes=50), policy).id == "ktp-9"
    # Nothing else waits: the counter calls the early appointment rather than sit idle.
    assert choose_next([booked], KTP, [], T0, policy).id == "ktp-9"
    # Checked in after slot + grace: waits like a walk-in, behind those who came before.
    late = t(8, 75, slot=60)
    assert calls(KTP, [late, t(2, 74), t(3, 76)], T0 + timedelta(minutes=80), policy) == ["ktp-2", "ktp-8", "ktp-3"]


def test_due_appointments_go_by_slot():
    waiting = [t(1, 0, slot=20), t(2, 1, slot=10), t(3, -5)]
    assert calls(KTP, waiting, T0 + timedelta(minutes=30)) == ["ktp-2", "ktp-1", "ktp-3"]


# ---- properties ---------------------------------------------------------------------------------

SERVICES = ("ktp", "bpjs", "kk")
walk_in = st.builds(lambda service, priority: (service, priority), st.sampled_from(SERVICES), st.booleans())
ratios = st.builds(PriorityRatio, st.integers(1, 5), st.integers(1, 5))
counter_services = st.sets(st.sampled_from(SERVICES), min_size=1).map(frozenset)
histories = st.lists(st.sampled_from(CallKind), max_size=12).map(lambda kinds: [CallRecord(k, T0) for k in kinds])


@settings(max_examples=150, deadline=None)
@given(ratios, histories, st.integers(1, 40), st.integers(1, 40))
def test_the_ratio_holds_whenever_both_classes_wait(ratio, history, n_priority, n_regular):
    """Both classes wait throughout: priority runs are exactly ``ratio.priority`` long and regular runs
    ``ratio.regular``, except the first run (which continues the counter's history) and the last."""
    policy = QueuePolicy(ratio=ratio)
    extra = max(ratio.priority, ratio.regular) * 20
    waiting = [t(i, i % 7, priority=True) for i in range(n_priority + extra)] + [
        t(1000 + i, i % 5) for i in range(n_regular + extra)
    ]
    kinds, history = [], list(history)
    for _ in range(extra):
        ticket, kind = choose_next_with_kind(waiting, KTP, history, T0, policy)
        assert kind is (CallKind.PRIORITY if ticket.priority else CallKind.REGULAR)
        waiting.remove(ticket)
        history.append(CallRecord(kind, T0))
        kinds.append(kind)
    runs = [[kinds[0], 1]]
    for kind in kinds[1:]:
        if kind is runs[-1][0]:
            runs[-1][1] += 1
        else:
            runs.append([kind, 1])
    want = {CallKind.PRIORITY: ratio.priority, CallKind.REGULAR: ratio.regular}
    assert all(length <= want[kind] for kind, length in runs)
    assert all(length == want[kind] for kind, length in runs[1:-1])
    share = kinds.count(CallKind.PRIORITY) / len(kinds)
    assert abs(share - ratio.priority / (ratio.priority + ratio.regular)) <= (ratio.priority + ratio.regular) / len(
        kinds
    )


@st.composite
def days(draw):
    """A counter, a ratio, and a stream of arrivals: before each call, 0..3 new walk-ins."""
    services = draw(counter_services)
    ratio = draw(ratios)
    steps = draw(st.lists(st.lists(walk_in, max_size=3), min_size=1, max_size=60))
    return services, ratio, steps


@settings(max_examples=150, deadline=None)
@given(days())
def test_fifo_within_a_class_and_no_ticket_starves(day):
    """Every call takes the longest-waiting ticket of its class among the counter's services; every
    ticket is called within a bounded number of calls: (k + 1) calls of its own class, where k were
    ahead of it in its class, plus at most one run of the other class per run of its own, plus one
    run for where the cycle stood when it arrived."""
    services, ratio, steps = day
    policy = QueuePolicy(ratio=ratio)
    counter = Counter(id="L1", label="1", services=services)
    waiting: list[QueueTicket] = []
    history: list[CallRecord] = []
    joined: dict[str, tuple[int, int]] = {}  # id -> (calls made when it joined, same-class ahead)
    serial = 0

    def call_one() -> None:
        ticket, kind = choose_next_with_kind(waiting, counter, history, T0, policy)
        ours = [w for w in waiting if w.priority == ticket.priority and w.service_id in services]
        assert ticket.queued_at == min(w.queued_at for w in ours)
        waiting.remove(ticket)
        history.append(CallRecord(kind, T0))
        if ticket.id in joined:
            made, ahead = joined.pop(ticket.id)
            own, other = (ratio.priority, ratio.regular) if ticket.priority else (ratio.regular, ratio.priority)
            runs_of_own = -(-(ahead + 1) // own)
            assert len(history) - made <= (ahead + 1) + other * (runs_of_own + 1)

    for arrivals in steps:
        for service, priority in arrivals:
            serial += 1
            new = QueueTicket(
                id=str(serial),
                number=f"A-{serial:03d}",
                service_id=service,
                priority=priority,
                queued_at=T0 + timedelta(seconds=serial),
            )
            if service in services:
                ahead = sum(w.priority == priority and w.service_id in services for w in waiting)
                joined[new.id] = (len(history), ahead)
            waiting.append(new)
        if any(w.service_id in services for w in waiting):
            call_one()
    while any(w.service_id in services for w in waiting):
        call_one()
    assert joined == {}  # everyone for this counter was called
    assert all(w.service_id not in services for w in waiting)


@st.composite
def hall_moments(draw):
    grace = timedelta(minutes=draw(st.integers(0, 30)))
    now = T0 + timedelta(minutes=draw(st.integers(0, 240)))
    tickets = []
    for i in range(draw(st.integers(1, 12))):
        queued = T0 + timedelta(minutes=draw(st.integers(-60, 240)))
        slot = draw(st.none() | st.integers(-60, 300).map(lambda m: T0 + timedelta(minutes=m)))
        tickets.append(
            QueueTicket(
                id=str(i),
                number=f"A-{i:03d}",
                service_id=draw(st.sampled_from(SERVICES)),
                queued_at=min(queued, now),
                priority=draw(st.booleans()),
                appointment_slot=slot,
            )
        )
    return QueuePolicy(appointment_grace=grace), now, tickets


@settings(max_examples=300, deadline=None)
@given(hall_moments(), counter_services, histories)
def test_an_appointment_is_never_called_early_while_anyone_else_waits(moment, services, history):
    policy, now, waiting = moment
    counter = Counter(id="L1", label="1", services=services)
    chosen = choose_next(waiting, counter, history, now, policy)
    mine = [w for w in waiting if w.service_id in services]
    assert (chosen is None) == (not mine)
    if chosen is None:
        return
    assert chosen.service_id in services

    def early(w: QueueTicket) -> bool:
        return w.has_appointment_precedence(policy) and now < w.appointment_slot - policy.appointment_grace

    if early(chosen):
        assert all(early(w) for w in mine)
    due = [w for w in mine if w.has_appointment_precedence(policy) and not early(w)]
    if due:
        assert chosen.appointment_slot == min(w.appointment_slot for w in due)


@settings(max_examples=100, deadline=None)
@given(hall_moments(), counter_services, histories)
def test_the_choice_is_a_pure_function_of_its_inputs(moment, services, history):
    """Same inputs, same answer, whatever the order of the waiting list: so two counters that press
    Call at once would pick the same ticket, and the store's lock must decide (docs/queue-rules.md)."""
    policy, now, waiting = moment
    counter = Counter(id="L1", label="1", services=services)
    first = choose_next(waiting, counter, history, now, policy)
    assert choose_next(list(reversed(waiting)), counter, history, now, policy) == first
    if first is not None:
        rest = [w for w in waiting if w is not first]
        assert choose_next(rest, counter, history, now, policy) != first


@pytest.mark.parametrize(
    "history,due",
    [
        ([], CallKind.PRIORITY),
        ([CallKind.PRIORITY], CallKind.REGULAR),
        ([CallKind.PRIORITY, CallKind.REGULAR], CallKind.REGULAR),
        ([CallKind.REGULAR, CallKind.REGULAR], CallKind.PRIORITY),
        ([CallKind.REGULAR, CallKind.APPOINTMENT, CallKind.REGULAR, CallKind.APPOINTMENT], CallKind.PRIORITY),
    ],
)
def test_where_the_cycle_stands(history, due):
    from central.domain import walk_in_class_due

    assert walk_in_class_due([CallRecord(k, T0) for k in history], PriorityRatio(1, 2)) is due


@settings(max_examples=200, deadline=None)
@given(ratios, st.integers(0, 25), st.integers(0, 25), st.booleans())
def test_calls_ahead_is_exact_for_a_fresh_counter(ratio, n_priority, n_regular, priority):
    """For one counter starting its cycle and no one else arriving, ``calls_ahead`` is exactly the
    number of calls before the new ticket's own."""
    from central.domain import calls_ahead

    policy = QueuePolicy(ratio=ratio)
    waiting = (
        [t(i, i, priority=True) for i in range(n_priority)]
        + [t(100 + i, i) for i in range(n_regular)]
        + [t(200 + i, 0, service="kk", priority=bool(i % 2)) for i in range(5)]
    )  # other service: not counted
    predicted = calls_ahead(waiting, "ktp", priority, ratio)
    waiting.append(t(999, 60, priority=priority))
    assert calls(KTP, waiting, T0 + timedelta(hours=2), policy).index("ktp-999") == predicted


def test_calls_ahead_examples():
    from central.domain import calls_ahead

    waiting = [t(i, i) for i in range(6)] + [t(10 + i, i, priority=True) for i in range(2)]
    assert calls_ahead(waiting, "ktp", True, PriorityRatio(1, 2)) == 2 + 2 * 2
    assert calls_ahead(waiting, "ktp", False, PriorityRatio(1, 2)) == 6 + 2
    assert calls_ahead(waiting, "bpjs", False, PriorityRatio(1, 2)) == 0
