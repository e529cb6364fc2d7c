"""From a projection to what management reads: the 80 % interval, the probability of meeting
the annual target, and the projected Red/Amber/Green rating.

The probability is the share of the simulated year-end values that meet the target in the
KPI's direction (at least the target when higher is better, at most when lower is better). A
value already measured has probability 1 or 0. Without an interval there is no probability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foresight.cumulative import YearEndProjection
from foresight.levels import forecast_level
from foresight.settings import INTERVAL_LEVEL, QUARTERS, SCORE_DIGITS, VALUE_DIGITS

DIRECTIONS = ("higher_is_better", "lower_is_better")


@dataclass(frozen=True)
class Outlook:
    """The rounded figures of one projection, as they go into the outlook table."""

    projected_value: float
    lower: float | None
    upper: float | None
    probability: float | None
    method: str
    note: str | None


def round_value(value: float | None, digits: int = VALUE_DIGITS) -> float | None:
    """Round to the declared precision; None and non-finite values become None."""
    if value is None or not np.isfinite(value):
        return None
    rounded = round(float(value), digits)
    return 0.0 if rounded == 0 else rounded  # no negative zero in the marts


def interval(samples: np.ndarray, level: float = INTERVAL_LEVEL) -> tuple[float, float]:
    """Central interval of the draws (10th and 90th percentiles for 80 %)."""
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(samples, [tail, 1.0 - tail])
    return float(low), float(high)


def probability_of_meeting(
    projection: YearEndProjection, target: float | None, direction: str
) -> float | None:
    """Probability that the year-end value meets `target` in the KPI's direction."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}; expected one of {DIRECTIONS}")
    if target is None or not np.isfinite(target):
        return None
    higher = direction == "higher_is_better"
    if projection.samples is None:
        if projection.note and "measured" in projection.note:
            met = projection.point >= target if higher else projection.point <= target
            return 1.0 if met else 0.0
        return None
    hits = projection.samples >= target if higher else projection.samples <= target
    return float(np.mean(hits))


def outlook(projection: YearEndProjection, target: float | None, direction: str) -> Outlook:
    """The rounded outlook figures of a projection."""
    low = high = None
    if projection.samples is not None:
        low, high = interval(projection.samples)
    elif projection.note and "measured" in projection.note:
        low = high = projection.point
    probability = probability_of_meeting(projection, target, direction)
    return Outlook(
        projected_value=round_value(projection.point),  # type: ignore[arg-type]
        lower=round_value(low),
        upper=round_value(high),
        probability=round_value(probability, SCORE_DIGITS),
        method=projection.method,
        note=projection.note,
    )


def project_level_year_end(
    series: Sequence[float],
    this_year: Sequence[float],
    aggregation: str,
    quarters_left: int,
    method: str,
    seed: int,
) -> YearEndProjection:
    """Year-end value of a level KPI from its quarterly series (all years, oldest first).

    aggregation    latest: the value of the last quarter; average: the mean of the year's
                   quarters, those reported so far (`this_year`) and those still to come
    quarters_left  quarters between the last value and the end of the IP year
    """
    if quarters_left == 0:
        known = float(this_year[-1]) if aggregation == "latest" else float(np.mean(this_year))
        return YearEndProjection(known, None, "measured", "year complete: the value is measured")
    forecast = forecast_level(series, quarters_left, method, seed)
    if aggregation == "latest":
        point = float(forecast.point[-1])
        samples = None if forecast.paths is None else forecast.paths[:, -1]
    elif aggregation == "average":
        known = float(np.sum(this_year))
        count = len(this_year) + quarters_left
        point = (known + float(np.sum(forecast.point))) / count
        samples = None if forecast.paths is None else (known + forecast.paths.sum(axis=1)) / count
    else:
        raise ValueError(f"aggregation {aggregation!r} is not a level aggregation")
    return YearEndProjection(point, samples, forecast.method, forecast.note)


def project_statistics_year(annual: Sequence[float], method: str, seed: int) -> YearEndProjection:
    """Next statistics year of a statistics KPI, from its annual series (oldest first): the
    level methods one step ahead, without seasonality."""
    forecast = forecast_level(annual, 1, method, seed, seasonal=False)
    samples = None if forecast.paths is None else forecast.paths[:, 0]
    return YearEndProjection(float(forecast.point[0]), samples, forecast.method, forecast.note)


def thresholds(
    target: float | None,
    threshold_type: str,
    amber_threshold: float | None,
    red_threshold: float | None,
) -> tuple[float | None, float | None]:
    """Amber and red levels at year end, as `mart_kpi_scorecard` computes them (the annual
    target is the period target at quarter 4)."""
    if amber_threshold is None or red_threshold is None:
        return None, None
    if threshold_type == "absolute":
        return float(amber_threshold), float(red_threshold)
    if threshold_type == "percent_of_target":
        if target is None:
            return None, None
        return target * amber_threshold / 100.0, target * red_threshold / 100.0
    raise ValueError(f"unknown threshold type {threshold_type!r}")


def rag_status(
    value: float | None, amber_level: float | None, red_level: float | None, direction: str
) -> str:
    """The scorecard's rule (dbt/macros/rag_status.sql) applied to a projected value: a value
    exactly at a threshold takes the better status; no value or no levels is grey. Kept
    identical to the macro by tests/test_foresight_methods.py; the dbt mart should apply the
    macro itself when it exists (one definition of a business rule)."""
    if value is None or amber_level is None or red_level is None:
        return "grey"
    if direction == "higher_is_better":
        return "green" if value >= amber_level else "amber" if value >= red_level else "red"
    return "green" if value <= amber_level else "amber" if value <= red_level else "red"


__all__ = [
    "QUARTERS",
    "Outlook",
    "interval",
    "outlook",
    "probability_of_meeting",
    "project_level_year_end",
    "project_statistics_year",
    "rag_status",
    "round_value",
    "thresholds",
]
