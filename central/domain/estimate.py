"""Estimated wait from the hall's own measured service times, not a configured constant.

wait = (rolling median of the service's recent service times) x (people ahead) / (counters open now).

A service time is a counter's time per citizen, from the call to Done, No-show or Transfer: that is what moves
the queue, walking up included. The median, not the mean, so one ticket left open over a break does
not double every estimate. Until a service has ``min_samples`` measurements (start of day) the
site's configured figure for it stands in, if there is one; otherwise the estimate is unknown (None).
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from collections.abc import Iterable, Mapping

from central.domain.counters import Counter

MAX_SAMPLE_S = 4 * 3600.0
"""A longer 'service' is a counter left open, not a measurement: refused."""


class WaitEstimator:
    """Rolling median of measured service times, per service."""

    def __init__(
        self, *, window: int = 25, min_samples: int = 3, fallback_s: Mapping[str, float] | None = None
    ) -> None:
        if not 1 <= window <= 10_000 or not 1 <= min_samples <= window:
            raise ValueError("need 1 <= min_samples <= window <= 10000")
        self.window = window
        self.min_samples = min_samples
        self._fallback = dict(fallback_s or {})
        self._samples: dict[str, deque[float]] = {}

    def record(self, service_id: str, seconds: float) -> bool:
        """Add one measured service time; False (ignored) if it is not a plausible one."""
        if not isinstance(seconds, (int, float)) or not math.isfinite(seconds) or not 0 < seconds <= MAX_SAMPLE_S:
            return False
        self._samples.setdefault(service_id, deque(maxlen=self.window)).append(float(seconds))
        return True

    def samples(self, service_id: str) -> int:
        return len(self._samples.get(service_id, ()))

    def typical_service_s(self, service_id: str) -> float | None:
        """The rolling median, or the configured stand-in before enough measurements."""
        measured = self._samples.get(service_id)
        if measured is not None and len(measured) >= self.min_samples:
            return statistics.median(measured)
        return self._fallback.get(service_id)

    def estimate_s(self, service_id: str, people_ahead: int, counters_open: float) -> float | None:
        """Seconds until a ticket with ``people_ahead`` is called; None when unknown (no counter open,
        nothing measured and nothing configured)."""
        if people_ahead < 0:
            raise ValueError("people_ahead must be >= 0")
        if people_ahead == 0:
            return 0.0
        typical = self.typical_service_s(service_id)
        if typical is None or counters_open <= 0:
            return None
        return typical * people_ahead / counters_open


def counters_open_for(service_id: str, counters: Iterable[Counter]) -> float:
    """Open counters calling for ``service_id``; a counter shared by n services counts 1/n, since it
    spends only part of its time on this queue."""
    return sum(1.0 / len(c.services) for c in counters if c.calling and service_id in c.services)
