"""A hall's day simulated on the domain's own rules, to measure the wait estimate against the truth.

Seeded and pure (no clock, no I/O): arrivals over the opening hours with a morning peak, log-normal
service times per service, a share of priority tickets and of no-shows, counters that serve one or
two services and pause for breaks. Each counter calls with ``choose_next``; each finished ticket feeds
its counter time to a ``WaitEstimator``; each arriving ticket is given the estimate the kiosk would
print. The truth is when it was actually called.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Literal

from central.domain.counters import Counter, CounterAction, apply_counter
from central.domain.estimate import WaitEstimator, counters_open_for
from central.domain.ordering import CallRecord, calls_ahead, choose_next_with_kind
from central.domain.policy import QueuePolicy
from central.domain.tickets import QueueTicket, TicketAction, apply

WIB = timezone(timedelta(hours=7))


@dataclass(frozen=True)
class SimService:
    id: str
    prefix: str
    median_s: float
    """The true median service time; times are log-normal around it."""
    share: float
    """Share of the day's arrivals."""
    sigma: float = 0.45


@dataclass(frozen=True)
class HallDay:
    services: tuple[SimService, ...]
    counters: tuple[Counter, ...]
    breaks: tuple[tuple[str, timedelta, timedelta], ...] = ()
    """(counter id, start after opening, length): the counter pauses after its current citizen."""
    arrivals: int = 600
    opens: datetime = datetime(2026, 12, 1, 8, 0, tzinfo=WIB)
    hourly_profile: tuple[float, ...] = (0.10, 0.17, 0.17, 0.14, 0.10, 0.12, 0.11, 0.09)
    """Share of arrivals in each opening hour (morning peak)."""
    priority_share: float = 0.15
    no_show_share: float = 0.04
    no_show_s: float = 120.0
    """Counter time lost to a no-show (call, recall, wait)."""
    seed: int = 14


def standard_day(seed: int = 14, arrivals: int = 600) -> HallDay:
    """600 arrivals, 8 counters (two shared by two services), four lunch breaks."""

    def c(cid: str, *services: str) -> Counter:
        return Counter(id=cid, label=cid.removeprefix("L"), services=frozenset(services))

    hour = timedelta(hours=1)
    return HallDay(
        services=(
            SimService("ktp", "A", 265, 0.35),
            SimService("paspor", "B", 395, 0.25),
            SimService("pajak", "C", 300, 0.20),
            SimService("bpjs", "D", 200, 0.20),
        ),
        counters=(
            c("L1", "ktp"),
            c("L2", "ktp"),
            c("L3", "paspor"),
            c("L4", "paspor"),
            c("L5", "pajak"),
            c("L6", "bpjs"),
            c("L7", "ktp", "bpjs"),
            c("L8", "paspor", "pajak"),
        ),
        breaks=(
            ("L1", 4 * hour, 0.75 * hour),
            ("L3", 4 * hour, 0.75 * hour),
            ("L2", 4.75 * hour, 0.75 * hour),
            ("L4", 4.75 * hour, 0.75 * hour),
        ),
        arrivals=arrivals,
        seed=seed,
    )


@dataclass(frozen=True)
class _Event:
    kind: str
    """arrive, pause, resume, or free (a counter finished a ticket)."""
    counter_id: str = ""
    outcome: TicketAction = TicketAction.DONE
    """For "free": how the ticket at the counter ended (done or no-show)."""


@dataclass
class Outcome:
    """One ticket's day: what it was promised and what happened."""

    number: str
    service_id: str
    priority: bool
    arrived: datetime
    people_ahead: int
    estimate_s: float | None
    constant_estimate_s: float
    """What a configured constant (true median, all counters of the service) would have said."""
    called: datetime | None = None

    @property
    def waited_s(self) -> float:
        assert self.called is not None
        return (self.called - self.arrived).total_seconds()


@dataclass
class DayResult:
    outcomes: list[Outcome] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list)
    """(counter id, ticket number) in call order."""
    ended: dict[str, int] = field(default_factory=dict)
    """How many tickets ended in each final state (done, no_show)."""


def _arrival_times(day: HallDay, rng: random.Random) -> list[datetime]:
    hours = rng.choices(range(len(day.hourly_profile)), weights=day.hourly_profile, k=day.arrivals)
    return sorted(day.opens + timedelta(hours=h + rng.random()) for h in hours)


def simulate_day(
    day: HallDay, policy: QueuePolicy, estimator: WaitEstimator, count_ahead: Literal["calls", "people"] = "calls"
) -> DayResult:
    """Run the day. ``count_ahead``: what the estimate multiplies, ``calls_ahead`` (the ratio taken
    into account) or every waiting ticket of the service (what the issue's formula first said)."""
    rng = random.Random(day.seed)
    services = {s.id: s for s in day.services}
    counters = {c.id: c for c in day.counters}
    full_counts = {s.id: sum(s.id in c.services for c in day.counters) for s in day.services}
    histories: dict[str, list[CallRecord]] = {cid: [] for cid in counters}
    at_counter: dict[str, QueueTicket] = {}  # counter id -> the ticket it called and is busy with
    waiting: dict[str, QueueTicket] = {}
    outcomes: dict[str, Outcome] = {}
    called_at: dict[str, datetime] = {}
    result = DayResult()
    seq = itertools.count()
    events: list[tuple[datetime, int, _Event]] = []
    for at in _arrival_times(day, rng):
        heapq.heappush(events, (at, next(seq), _Event("arrive")))
    for cid, start, length in day.breaks:
        heapq.heappush(events, (day.opens + start, next(seq), _Event("pause", cid)))
        heapq.heappush(events, (day.opens + start + length, next(seq), _Event("resume", cid)))
    numbers = {s.id: itertools.count(1) for s in day.services}

    while events:
        now, _, event = heapq.heappop(events)
        if event.kind == "arrive":
            svc = rng.choices(day.services, weights=[s.share for s in day.services])[0]
            number = f"{svc.prefix}-{next(numbers[svc.id]):03d}"  # as kiosk.contract.ticket_number (domain stays pure)
            priority = rng.random() < day.priority_share
            if count_ahead == "calls":
                ahead = calls_ahead(waiting.values(), svc.id, priority, policy.ratio)
            else:
                ahead = sum(t.service_id == svc.id for t in waiting.values())
            ticket = QueueTicket(id=number, number=number, service_id=svc.id, queued_at=now, priority=priority)
            waiting[ticket.id] = ticket
            outcomes[ticket.id] = Outcome(
                number,
                svc.id,
                ticket.priority,
                now,
                ahead,
                estimator.estimate_s(svc.id, ahead, counters_open_for(svc.id, counters.values())),
                svc.median_s * ahead / full_counts[svc.id],
            )
        elif event.kind == "pause":
            counters[event.counter_id] = apply_counter(counters[event.counter_id], CounterAction.PAUSE)
        elif event.kind == "resume":
            counters[event.counter_id] = apply_counter(counters[event.counter_id], CounterAction.RESUME)
        elif event.kind == "free":
            ticket = apply(at_counter.pop(event.counter_id), event.outcome, now, policy)
            result.ended[ticket.state.value] = result.ended.get(ticket.state.value, 0) + 1
            # The measured service time is the counter's time from the call to done / no-show.
            estimator.record(ticket.service_id, (now - called_at[ticket.id]).total_seconds())
        for cid in sorted(counters):
            if cid in at_counter:
                continue
            chosen = choose_next_with_kind(waiting.values(), counters[cid], histories[cid], now, policy)
            if chosen is None:
                continue
            ticket, call_kind = chosen
            del waiting[ticket.id]
            ticket = apply(ticket, TicketAction.CALL, now, policy, counter_id=cid)
            called_at[ticket.id] = now
            histories[cid].append(CallRecord(call_kind, now))
            outcomes[ticket.id].called = now
            result.calls.append((cid, ticket.number))
            svc = services[ticket.service_id]
            if rng.random() < day.no_show_share:
                spent_s, ends = day.no_show_s, TicketAction.NO_SHOW
                ticket = apply(ticket, TicketAction.RECALL, now + timedelta(seconds=spent_s / 2), policy)
            else:
                spent_s, ends = svc.median_s * math.exp(rng.gauss(0.0, svc.sigma)), TicketAction.DONE
                ticket = apply(ticket, TicketAction.SERVE, now, policy)
            at_counter[cid] = ticket
            heapq.heappush(events, (now + timedelta(seconds=spent_s), next(seq), _Event("free", cid, ends)))
    result.outcomes = list(outcomes.values())
    return result


def error_figures(result: DayResult) -> dict[str, float | int | None]:
    """Median / 90th-percentile absolute error and median signed error of the estimates, in minutes,
    over tickets that were given one; the same for the configured-constant estimate."""
    given = [o for o in result.outcomes if o.estimate_s is not None and o.called is not None]
    errors = [(_estimate(o) - o.waited_s) / 60 for o in given]
    constant = [abs(o.constant_estimate_s - o.waited_s) / 60 for o in given]
    absolute = sorted(abs(e) for e in errors)
    return {
        "tickets": len(result.outcomes),
        "estimated": len(given),
        "median_true_wait_min": round(statistics.median(o.waited_s / 60 for o in given), 2),
        "max_true_wait_min": round(max(o.waited_s / 60 for o in given), 2),
        "median_abs_error_min": round(statistics.median(absolute), 2),
        "p90_abs_error_min": round(absolute[int(0.9 * (len(absolute) - 1))], 2),
        "median_signed_error_min": round(statistics.median(errors), 2),
        "constant_median_abs_error_min": round(statistics.median(constant), 2),
        "queued_median_abs_error_min": _median_abs_min([o for o in given if o.people_ahead > 0]),
        "priority_median_abs_error_min": _median_abs_min([o for o in given if o.priority]),
        "regular_median_abs_error_min": _median_abs_min([o for o in given if not o.priority]),
    }


def _median_abs_min(outcomes: list[Outcome]) -> float | None:
    if not outcomes:
        return None
    return round(statistics.median(abs(_estimate(o) - o.waited_s) / 60 for o in outcomes), 2)


def _estimate(outcome: Outcome) -> float:
    assert outcome.estimate_s is not None
    return outcome.estimate_s
