"""Prometheus metrics for the central (GET /metrics) and the middleware that records them.

With several worker processes (``--workers N``) the CLI sets PROMETHEUS_MULTIPROC_DIR before any
worker starts; prometheus-client then keeps each process's samples in files there and /metrics
(answered by any worker) adds them up. Queue lengths are read from the database at scrape time,
so they are the same whichever worker answers.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter("central_http_requests_total", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "central_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
TICKETS_ISSUED = Counter("central_tickets_issued_total", "Ticket numbers issued (reserved)", ["service"])
HOT_LANE = Counter("central_hot_lane_answers_total", "Reserve and confirm calls answered by the hot lane", ["call"])
RETRIES = Counter("central_db_retries_total", "Transactions run again after a lost race", ["kind"])
POOL = Gauge("central_db_pool_connections", "Database connections of the pool", ["state"], multiprocess_mode="livesum")


class _QueueCollector:
    """central_queue_waiting{service}: people in the queue now (one query per scrape)."""

    def __init__(self, waiting: Callable[[], dict[str, int]]) -> None:
        self._waiting = waiting

    def collect(self) -> Iterable[Any]:
        family = GaugeMetricFamily("central_queue_waiting", "People waiting per service", labels=["service"])
        try:
            for service, count in self._waiting().items():
                family.add_metric([service], count)
        except Exception:
            pass
        yield family


def render(waiting: Callable[[], dict[str, int]], pool_stats: Callable[[], dict[str, int]]) -> bytes:
    """The text exposition for /metrics: this process's (or all workers') samples + queue lengths."""
    _set_pool(pool_stats)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        samples = CollectorRegistry()
        multiprocess.MultiProcessCollector(samples)
    else:
        from prometheus_client import REGISTRY as samples  # type: ignore[assignment]
    queues = CollectorRegistry()
    queues.register(_QueueCollector(waiting))  # type: ignore[arg-type]
    return generate_latest(samples) + generate_latest(queues)


def _set_pool(pool_stats: Callable[[], dict[str, int]]) -> None:
    stats = pool_stats()
    POOL.labels(state="in_use").set(stats.get("in_use", 0))
    POOL.labels(state="idle").set(stats.get("idle", 0))


class MetricsMiddleware:
    """Pure ASGI (no per-request task like BaseHTTPMiddleware): count and time every request by
    its route template, so ``/v1/tickets/{ticket_id}/confirm`` is one series, not one per ticket."""

    def __init__(self, app: Any, pool_stats: Callable[[], dict[str, int]]) -> None:
        self.app = app
        self.pool_stats = pool_stats
        self._n = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = [500]

        async def send_wrapper(message: Any) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "unmatched"
            method = scope.get("method", "")
            REQUESTS.labels(method, path, str(status[0])).inc()
            LATENCY.labels(method, path).observe(time.perf_counter() - start)
            self._n += 1
            if self._n % 64 == 0:  # pool use sampled, not on every request
                _set_pool(self.pool_stats)
