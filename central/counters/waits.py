"""The estimated wait the kiosk shows, from the hall's measured service times.

``WaitFigures`` feeds the domain's ``WaitEstimator`` with the last calls of each service (called ->
done, no-show or transfer) and counts the counters open for it; the ticket desk asks it for minutes.
Until a service has ``MIN_SAMPLES`` measured calls, or while no counter is open for it, the
catalogue's configured figure stands (``None`` here), as before counters existed.

The figures are read at most once a second per process (the kiosk polls /v1/queues and every
reservation answers with a wait), and at once after this process changed the queue.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from central.domain import Counter, CounterState, WaitEstimator, counters_open_for
from central.store import Store, to_us

WINDOW = 25
MIN_SAMPLES = 3
REFRESH_S = 1.0
RECENT = timedelta(days=7)  # older calls say little about today's hall, and bound the read
# Calls of this site's counters only: two halls may both have a "ktp-el" with their own pace.
_SAMPLES = (
    "SELECT service_id, called_us, ended_us FROM (SELECT k.service_id, k.called_us, k.ended_us,"
    " ROW_NUMBER() OVER (PARTITION BY k.service_id ORDER BY k.ended_us DESC) AS n"
    " FROM calls k JOIN counters c ON c.id = k.counter_id WHERE c.site = ? AND k.ended_us > ?) recent WHERE n <= ?"
)


class WaitFigures:
    def __init__(self, db: Store, site: str, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.site = site
        self.clock = clock
        self._lock = threading.Lock()
        self._read_at = -math.inf
        self._estimator = WaitEstimator(window=WINDOW, min_samples=MIN_SAMPLES)
        self._counters: list[Counter] = []

    def invalidate(self) -> None:
        self._read_at = -math.inf

    def _refresh(self) -> None:
        since_us = to_us(self.clock() - RECENT)

        def read(conn: Any) -> tuple[list[Any], list[Any]]:
            samples = conn.execute(_SAMPLES, (self.site, since_us, WINDOW)).fetchall()
            counters = conn.execute("SELECT * FROM counters WHERE site=? AND state='open'", (self.site,)).fetchall()
            return samples, counters

        samples, counters = self.db.run_read(read)
        estimator = WaitEstimator(window=WINDOW, min_samples=MIN_SAMPLES)
        for row in sorted(samples, key=lambda r: r["ended_us"]):
            estimator.record(row["service_id"], (row["ended_us"] - row["called_us"]) / 1e6)
        self._estimator = estimator
        self._counters = [
            Counter(r["id"], r["label"], frozenset(json.loads(r["picked"] or r["services"])), CounterState.OPEN)
            for r in counters
        ]

    def stale(self) -> bool:
        """The figures are due to be read again (``minutes`` would read them first)."""
        return time.monotonic() - self._read_at >= REFRESH_S

    def refresh_if_stale(self) -> None:
        """Read the figures if due: a sync database read. On the event loop, call this from a
        worker thread first (TicketDesk's async path does), so ``minutes`` does not block the loop."""
        with self._lock:
            if self.stale():
                self._refresh()
                self._read_at = time.monotonic()

    def minutes(self, service_id: str, people_ahead: int) -> int | None:
        """Estimated minutes, or None when the hall has not measured enough to say."""
        self.refresh_if_stale()
        with self._lock:
            estimator, counters = self._estimator, self._counters
        if estimator.samples(service_id) < MIN_SAMPLES:
            return None
        seconds = estimator.estimate_s(service_id, people_ahead, counters_open_for(service_id, counters))
        return None if seconds is None else math.ceil(seconds / 60)
