"""The wait estimate from measured service times, and a simulated day checked against the truth."""

from __future__ import annotations

import math

import pytest

from central.domain import (
    Counter,
    CounterState,
    QueuePolicy,
    WaitEstimator,
    counters_open_for,
)
from central.domain.simulation import error_figures, simulate_day, standard_day


def test_rolling_median_of_the_last_window():
    est = WaitEstimator(window=5, min_samples=3)
    for s in (300, 280, 2000):  # one ticket left open over a break does not move the median much
        est.record("ktp", s)
    assert est.typical_service_s("ktp") == 300
    for s in (600, 610, 620, 630, 640):  # the afternoon is slower: the window follows it
        est.record("ktp", s)
    assert est.typical_service_s("ktp") == 620
    assert est.samples("ktp") == 5


def test_wait_is_median_times_people_ahead_over_counters_open():
    est = WaitEstimator(min_samples=1)
    est.record("paspor", 400)
    assert est.estimate_s("paspor", 6, 2) == pytest.approx(1200)
    assert est.estimate_s("paspor", 6, 1.5) == pytest.approx(1600)
    assert est.estimate_s("paspor", 0, 0) == 0
    assert est.estimate_s("paspor", 3, 0) is None  # no counter open: unknown, not infinite


def test_before_enough_measurements_the_configured_figure_stands_in():
    est = WaitEstimator(min_samples=3, fallback_s={"ktp": 240})
    est.record("ktp", 600)
    assert est.typical_service_s("ktp") == 240
    assert est.estimate_s("bpjs", 2, 1) is None
    est.record("ktp", 600)
    est.record("ktp", 600)
    assert est.typical_service_s("ktp") == 600


@pytest.mark.parametrize("bad", [0, -5, math.nan, math.inf, 5 * 3600, "300"])
def test_implausible_measurements_are_ignored(bad):
    est = WaitEstimator(min_samples=1)
    assert est.record("ktp", bad) is False
    assert est.samples("ktp") == 0


def test_counters_open_counts_shared_and_skips_paused():
    counters = [
        Counter(id="L1", label="1", services=frozenset({"ktp"})),
        Counter(id="L2", label="2", services=frozenset({"ktp"}), state=CounterState.PAUSED),
        Counter(id="L7", label="7", services=frozenset({"ktp", "bpjs"})),
        Counter(id="L6", label="6", services=frozenset({"bpjs"})),
    ]
    assert counters_open_for("ktp", counters) == 1.5
    assert counters_open_for("bpjs", counters) == 1.5
    assert counters_open_for("kk", counters) == 0


def test_a_simulated_day_estimates_within_a_few_minutes(capsys):
    """600 arrivals, 8 counters (two shared), lunch breaks: the estimate each arrival was given,
    against when it was really called. Seeded, so the figures are the same on every run."""
    day = simulate_day(standard_day(seed=14), QueuePolicy(), WaitEstimator())
    figures = error_figures(day)
    with capsys.disabled():
        print(f"\nsimulated day: {figures}")
    assert figures["tickets"] == 600 and figures["estimated"] >= 590
    # Every ticket went through the state machine to a final state; no counter called one twice.
    assert day.ended["done"] + day.ended["no_show"] == 600 and 10 <= day.ended["no_show"] <= 40
    assert len({number for _, number in day.calls}) == len(day.calls) == 600
    assert figures["median_true_wait_min"] >= 3  # a day with real queues, or the test proves nothing
    assert figures["median_abs_error_min"] <= 4.0
    assert figures["median_abs_error_min"] <= figures["constant_median_abs_error_min"]
