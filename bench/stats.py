"""Shared helpers for the benchmarks: percentiles and the one JSON shape every figure has."""

from __future__ import annotations

import statistics


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def figure(metric: str, value: float, unit: str, target: float | None = None, better: str = "lower") -> dict:
    return {"metric": metric, "value": round(value, 3), "unit": unit, "target": target, "better": better}


def median(samples: list[float]) -> float:
    return statistics.median(samples)
