"""The ticket and counter state machines: the table's moves work, every other move is refused."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from central.domain import (
    COUNTER_TRANSITIONS,
    TRANSITIONS,
    Counter,
    CounterAction,
    CounterState,
    IllegalTransition,
    PriorityRatio,
    QueuePolicy,
    QueueTicket,
    RejoinAt,
    TicketAction,
    TicketState,
    apply,
    apply_counter,
    transfer,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=7)))
POLICY = QueuePolicy()


def ticket(state: TicketState = TicketState.WAITING, **kw) -> QueueTicket:
    kw.setdefault("queued_at", T0)
    return QueueTicket(id="t1", number="B-023", service_id="paspor", state=state, state_since=T0, **kw)


def test_a_ticket_goes_from_waiting_to_done():
    t = apply(ticket(), TicketAction.CALL, T0 + timedelta(minutes=5), POLICY, counter_id="L5")
    assert (t.state, t.counter_id, t.announcements) == (TicketState.CALLED, "L5", 1)
    t = apply(t, TicketAction.RECALL, T0 + timedelta(minutes=6), POLICY)
    assert (t.state, t.announcements, t.since) == (TicketState.CALLED, 2, T0 + timedelta(minutes=5))
    t = apply(t, TicketAction.SERVE, T0 + timedelta(minutes=7), POLICY)
    t = apply(t, TicketAction.DONE, T0 + timedelta(minutes=12), POLICY)
    assert t.state is TicketState.DONE and t.since == T0 + timedelta(minutes=12)


def test_a_call_needs_its_counter():
    with pytest.raises(IllegalTransition):
        apply(ticket(), TicketAction.CALL, T0, POLICY)


def test_time_cannot_run_backwards():
    with pytest.raises(IllegalTransition):
        apply(ticket(TicketState.CALLED), TicketAction.SERVE, T0 - timedelta(seconds=1), POLICY)


@pytest.mark.parametrize(
    "rejoin,expected",
    [(RejoinAt.ORIGINAL_TIME, T0 - timedelta(minutes=30)), (RejoinAt.END, T0 + timedelta(minutes=15))],
)
def test_a_late_citizen_is_put_back_within_the_window_only(rejoin, expected):
    policy = QueuePolicy(no_show_window=timedelta(minutes=15), no_show_rejoin=rejoin)
    gone = ticket(TicketState.NO_SHOW, queued_at=T0 - timedelta(minutes=30), counter_id="L5", announcements=3)
    back = apply(gone, TicketAction.RESTORE, T0 + timedelta(minutes=15), policy)
    assert (back.state, back.queued_at, back.counter_id, back.announcements) == (TicketState.WAITING, expected, None, 0)
    with pytest.raises(IllegalTransition, match="window"):
        apply(gone, TicketAction.RESTORE, T0 + timedelta(minutes=15, seconds=1), policy)


@pytest.mark.parametrize("rejoin,expected", [(RejoinAt.ORIGINAL_TIME, T0), (RejoinAt.END, T0 + timedelta(minutes=20))])
def test_transfer_closes_one_leg_and_opens_the_next(rejoin, expected):
    serving = ticket(TicketState.SERVING, priority=True, appointment_slot=T0)
    now = T0 + timedelta(minutes=20)
    closed, leg = transfer(serving, "pajak", now, QueuePolicy(transfer_rejoin=rejoin))
    assert closed.state is TicketState.TRANSFERRED and closed.service_id == "paspor"
    assert (leg.state, leg.service_id, leg.number, leg.queued_at, leg.leg) == (
        TicketState.WAITING,
        "pajak",
        "B-023",
        expected,
        1,
    )
    assert leg.priority and leg.appointment_slot is None


def test_transfer_to_the_same_service_or_from_waiting_is_refused():
    with pytest.raises(IllegalTransition):
        transfer(ticket(TicketState.SERVING), "paspor", T0, POLICY)
    with pytest.raises(IllegalTransition):
        transfer(ticket(TicketState.WAITING), "pajak", T0, POLICY)


@pytest.mark.parametrize(("state", "action"), list(itertools.product(TicketState, TicketAction)))
def test_every_ticket_move_not_in_the_table_is_refused(state, action):
    before = ticket(state, counter_id="L1")
    now = T0 + timedelta(minutes=1)  # inside every window, after the state began
    if (state, action) in TRANSITIONS:
        after = apply(before, action, now, POLICY, counter_id="L2")
        assert after.state is TRANSITIONS[(state, action)]
    else:
        with pytest.raises(IllegalTransition) as refused:
            apply(before, action, now, POLICY, counter_id="L2")
        assert state.value in str(refused.value) and action.value in str(refused.value)


def test_the_table_is_the_issue_14_life_cycle():
    # Written out again on purpose: a move added to the table must be added here, knowingly.
    s, a = TicketState, TicketAction
    assert dict(TRANSITIONS) == {
        (s.WAITING, a.CALL): s.CALLED,
        (s.CALLED, a.RECALL): s.CALLED,
        (s.CALLED, a.SERVE): s.SERVING,
        (s.CALLED, a.NO_SHOW): s.NO_SHOW,
        (s.SERVING, a.DONE): s.DONE,
        (s.NO_SHOW, a.RESTORE): s.WAITING,
        (s.CALLED, a.TRANSFER): s.TRANSFERRED,
        (s.SERVING, a.TRANSFER): s.TRANSFERRED,
    }
    assert dict(COUNTER_TRANSITIONS) == {
        (CounterState.CLOSED, CounterAction.OPEN): CounterState.OPEN,
        (CounterState.OPEN, CounterAction.PAUSE): CounterState.PAUSED,
        (CounterState.PAUSED, CounterAction.RESUME): CounterState.OPEN,
        (CounterState.OPEN, CounterAction.CLOSE): CounterState.CLOSED,
        (CounterState.PAUSED, CounterAction.CLOSE): CounterState.CLOSED,
    }


@pytest.mark.parametrize(("state", "action"), list(itertools.product(CounterState, CounterAction)))
def test_every_counter_move_not_in_the_table_is_refused(state, action):
    counter = Counter(id="L1", label="1", services=frozenset({"ktp"}), state=state)
    if (state, action) in COUNTER_TRANSITIONS:
        assert apply_counter(counter, action).state is COUNTER_TRANSITIONS[(state, action)]
    else:
        with pytest.raises(IllegalTransition):
            apply_counter(counter, action)


def test_pause_and_resume():
    counter = Counter(id="L1", label="1", services=frozenset({"ktp"}))
    paused = apply_counter(counter, CounterAction.PAUSE)
    assert not paused.calling and apply_counter(paused, CounterAction.RESUME).calling


@pytest.mark.parametrize("bad", [{"priority": 0}, {"regular": 0}, {"regular": 21}, {"priority": True}])
def test_a_ratio_that_would_starve_a_class_is_refused(bad):
    with pytest.raises(ValueError):
        PriorityRatio(**bad)


@pytest.mark.parametrize(
    "bad",
    [
        {"appointment_grace": timedelta(minutes=-1)},
        {"no_show_window": timedelta(hours=5)},
        {"transfer_rejoin": "end"},
        {"ratio": (1, 2)},
    ],
)
def test_policy_values_out_of_range_are_refused(bad):
    with pytest.raises((TypeError, ValueError)):
        QueuePolicy(**bad)


@given(st.lists(st.tuples(st.sampled_from(TicketAction), st.integers(0, 40)), max_size=30), st.integers(0, 30))
def test_any_sequence_of_actions_follows_the_table(steps, window_minutes):
    """Actions in any order at any later times: each is applied exactly when the table and the
    no-show window allow it, and a refused one leaves the ticket as it was."""
    policy = QueuePolicy(no_show_window=timedelta(minutes=window_minutes))
    current, now = ticket(), T0
    for action, minutes in steps:
        now += timedelta(minutes=minutes)
        allowed = (current.state, action) in TRANSITIONS and not (
            action is TicketAction.RESTORE and now - current.since > policy.no_show_window
        )
        if not allowed:
            with pytest.raises(IllegalTransition):
                apply(current, action, now, policy, counter_id="L2")
            continue
        after = apply(current, action, now, policy, counter_id="L2")
        assert after.state is TRANSITIONS[(current.state, action)]
        assert (after.number, after.service_id, after.priority) == (
            current.number,
            current.service_id,
            current.priority,
        )
        if action is TicketAction.RECALL:
            assert after.announcements == current.announcements + 1 and after.since == current.since
        else:
            assert after.since == now
        current = after
