"""The outlook of one KPI: a projection for every quarter with data, by the method its own
backtest chose, and the backtest scores of every candidate method.

Which methods compete depends on how the KPI adds up over the year:
    cumulative (returns)      pace, profile                  of the year-end total
    latest, average (returns) naive, drift, ets              of the year-end value
    statistics KPIs           naive, drift, ets (annual)     of the next statistics year
The first of each list is the benchmark of MASE and the default when there is too little
history to judge.

Every projection is made with the data of the quarters up to its own quarter only, as the
warehouse holds them now (revisions included). The method is chosen once per KPI, on all its
history: a backtest needs all the past origins it can get.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

import numpy as np

from foresight.backtest import BacktestCase, BacktestScore, choose, evaluate
from foresight.cumulative import CUMULATIVE_METHODS, YearEndProjection, project_cumulative
from foresight.levels import LEVEL_METHODS
from foresight.settings import QUARTERS, seed_for
from foresight.target import (
    outlook,
    project_level_year_end,
    project_statistics_year,
    rag_status,
    round_value,
    thresholds,
)


@dataclass(frozen=True)
class KpiHistory:
    """What the warehouse holds about one KPI, as plain values.

    quarters    (ip_year, quarter, actual value or None), every reporting period of the KPI
    targets     annual target by IP year
    annual      statistics KPIs: the all-Member value by statistics year
    current_rag the scorecard's rating by (ip_year, quarter), for the early-warning list
    """

    kpi_code: str
    aggregation: str
    direction: str
    value_source: str
    threshold_type: str
    amber_threshold: float | None
    red_threshold: float | None
    quarters: list[tuple[str, int, float | None]]
    targets: dict[str, float] = field(default_factory=dict)
    annual: dict[int, float] = field(default_factory=dict)
    current_rag: dict[tuple[str, int], str] = field(default_factory=dict)


def statistics_year_of(ip_year: str) -> int:
    """The statistics year a statistics KPI is rated on: the calendar year before the IP
    year starts (as in int_kpi_actuals__by_period)."""
    return int(ip_year[:4]) - 1


def ip_year_of_statistics_year(year: int) -> str:
    """The IP year rated on statistics of `year` (2024 → 2025-26)."""
    return f"{year + 1}-{(year + 2) % 100:02d}"


def methods_for(history: KpiHistory) -> tuple[str, ...]:
    """Candidate methods, benchmark first."""
    if history.value_source == "return" and history.aggregation == "cumulative":
        return CUMULATIVE_METHODS
    return LEVEL_METHODS


@dataclass
class _Projector:
    """Projections of one KPI by origin and method, computed once (the backtest and the
    outlook rows share them)."""

    history: KpiHistory
    cache: dict[tuple[str, int, str], YearEndProjection] = field(default_factory=dict)

    def years(self) -> dict[str, list[float | None]]:
        years: dict[str, list[float | None]] = {}
        for ip_year, quarter, value in sorted(self.history.quarters):
            years.setdefault(ip_year, [None] * QUARTERS)[quarter - 1] = value
        return years

    def return_kpi(self, ip_year: str, quarter: int, method: str) -> YearEndProjection:
        """Year-end projection of a return KPI from the data up to (ip_year, quarter)."""
        key = (ip_year, quarter, method)
        if key not in self.cache:
            years = self.years()
            this_year = years[ip_year][:quarter]
            seed = seed_for(self.history.kpi_code, ip_year, quarter, method)
            if self.history.aggregation == "cumulative":
                past = [
                    [float(v) for v in values]  # type: ignore[arg-type]
                    for year, values in sorted(years.items())
                    if year < ip_year and all(v is not None for v in values)
                ]
                increments = [0.0 if v is None else float(v) for v in this_year]
                projection = project_cumulative(increments, past, method, seed)
            else:
                series = [
                    float(value)
                    for year, q, value in sorted(self.history.quarters)
                    if value is not None and (year, q) <= (ip_year, quarter)
                ]
                reported = [float(v) for v in this_year if v is not None]
                last_quarter = max(q for q, v in enumerate(this_year, start=1) if v is not None)
                projection = project_level_year_end(
                    series,
                    reported,
                    self.history.aggregation,
                    QUARTERS - last_quarter,
                    method,
                    seed,
                )
            self.cache[key] = projection
        return self.cache[key]

    def statistics_kpi(self, year: int, method: str) -> YearEndProjection:
        """Projection of statistics year `year` from the annual values before it."""
        key = (str(year), 0, method)
        if key not in self.cache:
            annual = [v for y, v in sorted(self.history.annual.items()) if y < year]
            seed = seed_for(self.history.kpi_code, year, method)
            self.cache[key] = project_statistics_year(annual, method, seed)
        return self.cache[key]


def _year_end_actual(history: KpiHistory, values: list[float | None]) -> float | None:
    """The year-end value of a complete year of a return KPI, or None if not complete."""
    if history.aggregation == "cumulative":
        return None if any(v is None for v in values) else float(sum(values))  # type: ignore[arg-type]
    if values[-1] is None:
        return None
    if history.aggregation == "latest":
        return float(values[-1])
    return float(np.mean([v for v in values if v is not None]))


def backtest_cases(history: KpiHistory, projector: _Projector) -> list[BacktestCase]:
    """Past origins of the KPI with their outcome."""
    cases: list[BacktestCase] = []
    if history.value_source == "statistics":
        years = sorted(history.annual)
        for year in years[1:]:
            cases.append(
                BacktestCase(
                    origin=str(year),
                    actual=history.annual[year],
                    project=partial(projector.statistics_kpi, year),
                )
            )
        return cases
    for ip_year, values in sorted(projector.years().items()):
        actual = _year_end_actual(history, values)
        if actual is None:
            continue
        for quarter in range(1, QUARTERS):
            if values[quarter - 1] is None:
                continue
            project = partial(projector.return_kpi, ip_year, quarter)
            cases.append(BacktestCase(f"{ip_year}-Q{quarter}", actual, project))
    return cases


def kpi_outlook(history: KpiHistory) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Outlook rows (one per quarter with data) and backtest rows (one per method)."""
    methods = methods_for(history)
    projector = _Projector(history)
    scores = evaluate(backtest_cases(history, projector), methods)
    chosen, reason = choose(scores, methods)
    score_of: dict[str, BacktestScore] = {score.method: score for score in scores}
    backtest_rows = [
        {
            "kpi_code": history.kpi_code,
            "projection_method": score.method,
            "benchmark_method": methods[0],
            "n_forecasts": score.n_forecasts,
            "n_intervals": score.n_intervals,
            "mae": score.mae,
            "mase": score.mase,
            "coverage_80": score.coverage,
            "is_chosen": score.method == chosen,
        }
        for score in scores
    ]
    rows: list[dict[str, object]] = []
    for ip_year, quarter, value in sorted(history.quarters):
        if value is None:
            continue
        if history.value_source == "statistics":
            year = statistics_year_of(ip_year)
            if year not in history.annual:
                continue
            projected_year = year + 1
            projected_ip_year = ip_year_of_statistics_year(projected_year)
            projection = projector.statistics_kpi(projected_year, chosen)
        else:
            projected_year = None
            projected_ip_year = ip_year
            projection = projector.return_kpi(ip_year, quarter, chosen)
        target = history.targets.get(projected_ip_year)
        figures = outlook(projection, target, history.direction)
        amber, red = thresholds(
            target, history.threshold_type, history.amber_threshold, history.red_threshold
        )
        score = score_of[chosen]
        rows.append(
            {
                "kpi_code": history.kpi_code,
                "ip_year": ip_year,
                "quarter": quarter,
                "projected_ip_year": projected_ip_year,
                "projected_statistics_year": projected_year,
                "aggregation": history.aggregation,
                "direction": history.direction,
                "annual_target": round_value(target),
                "projected_value": figures.projected_value,
                "lower_80": figures.lower,
                "upper_80": figures.upper,
                "probability_meeting_target": figures.probability,
                "current_rag": history.current_rag.get((ip_year, quarter), "grey"),
                "projected_rag": rag_status(figures.projected_value, amber, red, history.direction),
                "projection_method": figures.method,
                "method_note": figures.note,
                "chosen_method": chosen,
                "chosen_because": reason,
                "backtest_mase": score.mase,
                "backtest_coverage_80": score.coverage,
                "backtest_forecasts": score.n_forecasts,
            }
        )
    return rows, backtest_rows
