"""The hall's queue policy: typed, validated, one docstring per field.

A site configures these; the rules in ``ordering``, ``tickets`` and ``estimate`` only read them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import timedelta


class RejoinAt(enum.Enum):
    """Where a ticket that re-enters a queue (transfer, late no-show) is placed."""

    ORIGINAL_TIME = "original_time"
    """Keeps the time it first joined: it goes ahead of everyone who came after it."""
    END = "end"
    """Joins the end of the queue as if it had just arrived."""


@dataclass(frozen=True)
class PriorityRatio:
    """How priority tickets (elderly, disabled, pregnant) interleave with regular ones at a counter."""

    priority: int = 1
    """Priority tickets called in a row, when both kinds wait, before regular tickets get their turn."""
    regular: int = 2
    """Regular tickets called in a row, when both kinds wait, before priority tickets get their turn."""

    def __post_init__(self) -> None:
        # Zero on either side would let one class wait forever while the other keeps arriving.
        for name in ("priority", "regular"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 20:
                raise ValueError(f"PriorityRatio.{name} must be an integer from 1 to 20")


@dataclass(frozen=True)
class QueuePolicy:
    """Everything a counter's Call, No-show and Transfer depend on, for one site."""

    ratio: PriorityRatio = field(default_factory=PriorityRatio)
    """Interleaving of priority and regular tickets at each counter."""
    appointment_grace: timedelta = timedelta(minutes=10)
    """An appointment may be called from its slot minus this, and keeps its precedence if the
    citizen checked in no later than its slot plus this."""
    no_show_window: timedelta = timedelta(minutes=15)
    """After a No-show, how long a late citizen can still be put back in the queue."""
    no_show_rejoin: RejoinAt = RejoinAt.ORIGINAL_TIME
    """Where a late citizen put back after a No-show waits."""
    transfer_rejoin: RejoinAt = RejoinAt.ORIGINAL_TIME
    """Where a ticket transferred to another service waits in that service's queue."""

    def __post_init__(self) -> None:
        for name, upper in (("appointment_grace", timedelta(hours=2)), ("no_show_window", timedelta(hours=4))):
            value = getattr(self, name)
            if not isinstance(value, timedelta) or not timedelta(0) <= value <= upper:
                raise ValueError(f"QueuePolicy.{name} must be a duration from 0 to {upper}")
        if not isinstance(self.ratio, PriorityRatio):
            raise TypeError("QueuePolicy.ratio must be a PriorityRatio")
        for name in ("no_show_rejoin", "transfer_rejoin"):
            if not isinstance(getattr(self, name), RejoinAt):
                raise TypeError(f"QueuePolicy.{name} must be a RejoinAt")
