"""The wait estimate against a simulated day's truth (issue 14): median absolute error, in minutes.

Each seed is one hall day (``central.domain.simulation.standard_day``: 600 arrivals with a morning
peak, 8 counters of which two serve two services, four lunch breaks, 15 % priority, 4 % no-shows),
run on the domain's own ``choose_next``; each arrival is given ``WaitEstimator``'s estimate (rolling
median x ``calls_ahead`` / counters open), compared with when it was really called. The
"people_ahead" figures are the same days with every waiting ticket of the service counted as ahead. The
"constant" figure is what a configured service time would have said, given the simulation's true
median (its best case).

    python -m bench.queue_sim [SEEDS]        # one JSON object per seed, then the summary
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from central.domain import QueuePolicy, WaitEstimator
from central.domain.simulation import error_figures, simulate_day, standard_day


def day_figures(seed: int) -> dict:
    started = time.perf_counter()
    figures = error_figures(simulate_day(standard_day(seed=seed), QueuePolicy(), WaitEstimator()))
    elapsed = time.perf_counter() - started
    # The same day with every waiting ticket of the service counted as ahead (the ratio ignored).
    people = error_figures(simulate_day(standard_day(seed=seed), QueuePolicy(), WaitEstimator(), "people"))
    return {
        "seed": seed,
        **figures,
        "people_ahead_median_abs_error_min": people["median_abs_error_min"],
        "people_ahead_priority_median_abs_error_min": people["priority_median_abs_error_min"],
        "sim_s": round(elapsed, 3),
    }


def run(seeds: int = 10) -> list[dict]:
    days = [day_figures(seed) for seed in range(1, seeds + 1)]

    def med(key: str) -> float:
        return round(statistics.median(d[key] for d in days), 2)

    summary = {
        "metric": "median_abs_error_min",
        "value": med("median_abs_error_min"),
        "unit": "min",
        "target": None,
        "better": "lower",
        "days": seeds,
        "median_true_wait_min": med("median_true_wait_min"),
        "p90_abs_error_min": med("p90_abs_error_min"),
        "median_signed_error_min": med("median_signed_error_min"),
        "constant_median_abs_error_min": med("constant_median_abs_error_min"),
        "priority_median_abs_error_min": med("priority_median_abs_error_min"),
        "regular_median_abs_error_min": med("regular_median_abs_error_min"),
        "people_ahead_median_abs_error_min": med("people_ahead_median_abs_error_min"),
        "people_ahead_priority_median_abs_error_min": med("people_ahead_priority_median_abs_error_min"),
        "days_estimate_beats_constant": sum(
            d["median_abs_error_min"] <= d["constant_median_abs_error_min"] for d in days
        ),
    }
    return [{"day": d} for d in days] + [summary]


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else 10):
        print(json.dumps(row))
