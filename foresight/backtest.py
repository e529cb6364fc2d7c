"""Rolling-origin backtests: how well would each method have done on this KPI's own history?

At every past origin (a quarter of a complete year, or a past statistics year) each method
projects the value it would have had to project then, using only the data up to that origin,
and the projection is compared with what actually happened. Two scores per KPI and method:

    MASE      mean absolute error divided by that of the benchmark (the simplest method of the
              family: naive for levels and statistics, pace for cumulative KPIs) on the same
              origins. Below 1 the method beats the benchmark; 1 is no better.
    coverage  share of the 80 % intervals that contained the outcome; near 0.8 is honest,
              far below means the intervals are too narrow.

The method used for a KPI is the one with the lowest MASE over at least MIN_BACKTEST_POINTS
origins; ties go to the better coverage, then to the simpler method. With too little history
the benchmark is used, and the row says so. The scores use the data as the warehouse holds it
now, revisions included.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from foresight.cumulative import YearEndProjection
from foresight.settings import INTERVAL_LEVEL, MIN_BACKTEST_POINTS, SCORE_DIGITS
from foresight.target import interval, round_value


@dataclass(frozen=True)
class BacktestCase:
    """One past origin: `project(method)` is what that method would have said then."""

    origin: str
    actual: float
    project: Callable[[str], YearEndProjection]


@dataclass(frozen=True)
class BacktestScore:
    """The scores of one method over all origins of one series."""

    method: str
    n_forecasts: int
    n_intervals: int
    mae: float | None
    mase: float | None
    coverage: float | None


def evaluate(cases: Sequence[BacktestCase], methods: Sequence[str]) -> list[BacktestScore]:
    """Score every method over the cases; the first method is the benchmark of MASE."""
    errors: dict[str, list[float]] = {method: [] for method in methods}
    hits: dict[str, list[bool]] = {method: [] for method in methods}
    for case in cases:
        for method in methods:
            projection = case.project(method)
            if not np.isfinite(projection.point):
                continue
            errors[method].append(abs(projection.point - case.actual))
            if projection.samples is not None:
                low, high = interval(projection.samples, INTERVAL_LEVEL)
                hits[method].append(low <= case.actual <= high)
    benchmark = errors[methods[0]]
    benchmark_mae = float(np.mean(benchmark)) if benchmark else None
    scores = []
    for method in methods:
        mae = float(np.mean(errors[method])) if errors[method] else None
        mase = None
        if mae is not None and benchmark_mae is not None and benchmark_mae > 0:
            mase = mae / benchmark_mae
        elif mae is not None and benchmark_mae == 0:
            mase = 1.0 if mae == 0 else None  # no finite ratio against a perfect benchmark
        coverage = float(np.mean(hits[method])) if hits[method] else None
        scores.append(
            BacktestScore(
                method=method,
                n_forecasts=len(errors[method]),
                n_intervals=len(hits[method]),
                mae=round_value(mae),
                mase=round_value(mase, SCORE_DIGITS),
                coverage=round_value(coverage, SCORE_DIGITS),
            )
        )
    return scores


def choose(scores: Sequence[BacktestScore], methods: Sequence[str]) -> tuple[str, str]:
    """The method to use and why, in plain words."""
    eligible = [
        score
        for score in scores
        if score.n_forecasts >= MIN_BACKTEST_POINTS and score.mase is not None
    ]
    if not eligible:
        return methods[0], (
            f"fewer than {MIN_BACKTEST_POINTS} backtest forecasts: simplest method ({methods[0]})"
        )

    def rank(score: BacktestScore) -> tuple[float, float, int]:
        miss = abs(score.coverage - INTERVAL_LEVEL) if score.coverage is not None else 1.0
        return (score.mase or 0.0, round(miss, SCORE_DIGITS), methods.index(score.method))

    best = min(eligible, key=rank)
    return best.method, f"lowest backtest MASE ({best.mase}) over {best.n_forecasts} forecasts"
