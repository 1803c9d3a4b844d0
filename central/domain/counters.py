"""A counter (loket) as data: which services it calls for, and whether it is calling (Pause / Resume)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from types import MappingProxyType

from central.domain.tickets import IllegalTransition


class CounterState(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    PAUSED = "paused"


class CounterAction(enum.Enum):
    OPEN = "open"
    PAUSE = "pause"
    RESUME = "resume"
    CLOSE = "close"


C, A = CounterState, CounterAction
COUNTER_TRANSITIONS = MappingProxyType(
    {
        (C.CLOSED, A.OPEN): C.OPEN,
        (C.OPEN, A.PAUSE): C.PAUSED,
        (C.PAUSED, A.RESUME): C.OPEN,
        (C.OPEN, A.CLOSE): C.CLOSED,
        (C.PAUSED, A.CLOSE): C.CLOSED,
    }
)
"""(state, action) -> next state: the only moves a counter can make."""
del C, A


@dataclass(frozen=True)
class Counter:
    """One counter of the hall."""

    id: str
    """The store's identifier."""
    label: str
    """What the hall calls it, e.g. "5" ("loket lima")."""
    services: frozenset[str]
    """The services whose tickets it calls; with several, the longest-waiting ticket comes first."""
    state: CounterState = CounterState.OPEN

    @property
    def calling(self) -> bool:
        """Only an open counter calls; a paused one keeps its citizen but calls no one new."""
        return self.state is CounterState.OPEN


def apply_counter(counter: Counter, action: CounterAction) -> Counter:
    """The counter after ``action``; ``IllegalTransition`` for a move not in the table."""
    target = COUNTER_TRANSITIONS.get((counter.state, action))
    if target is None:
        raise IllegalTransition(f"a {counter.state.value} counter cannot {action.value}")
    return replace(counter, state=target)
