"""Acceptance tests of the foresight methods on seeded synthetic series with known behaviour.

Each generating process is stated in the test. The coverage tests simulate 200 series per
method and check that the 80 % intervals contain the outcome 80 ± 6 % of the time: with 200
draws the standard error of a coverage of 0.8 is 0.028, so ± 6 points is a little over two
standard errors (a correct method fails about one time in forty; the seeds are fixed, so the
verdict does not change from run to run). All of them together run in well under a minute.
"""

from __future__ import annotations

import numpy as np
import pytest

from foresight.backtest import BacktestCase, choose, evaluate
from foresight.cumulative import project_cumulative
from foresight.levels import forecast_level
from foresight.markov import (
    STATUSES,
    StatusObservation,
    count_interval,
    estimate_chain,
    poisson_binomial,
)
from foresight.target import (
    interval,
    outlook,
    probability_of_meeting,
    project_level_year_end,
    project_statistics_year,
    rag_status,
    thresholds,
)

SERIES = 200


def _covered(samples: np.ndarray, actual: float) -> bool:
    low, high = interval(samples)
    return low <= actual <= high


# ---------------------------------------------------------------- a linear trend


@pytest.mark.parametrize("method", ["drift", "ets"])
def test_linear_trend_is_projected_within_tolerance(method: str) -> None:
    """y_t = 10 + 2 t + N(0, 0.2²), 16 quarters; the year-end (3 quarters ahead) is 10 + 2*18."""
    rng = np.random.default_rng(1)
    t = np.arange(16)
    y = 10 + 2 * t + rng.normal(0, 0.2, 16)
    projection = project_level_year_end(y, y[-1:], "latest", 3, method, seed=7)
    assert projection.method == method
    assert projection.point == pytest.approx(10 + 2 * 18, abs=0.6)
    low, high = interval(projection.samples)
    assert low < 10 + 2 * 18 < high


def test_statistics_year_follows_the_annual_trend() -> None:
    """Annual series 100, 105, ..., 135 (8 years, +5 a year, small noise): next year near 140."""
    rng = np.random.default_rng(2)
    annual = 100 + 5 * np.arange(8) + rng.normal(0, 0.5, 8)
    projection = project_statistics_year(annual, "drift", seed=3)
    assert projection.point == pytest.approx(140, abs=1.0)


# ---------------------------------------------------------------- 80 % coverage


def _level_coverage(method: str, process: str, length: int, horizon: int) -> float:
    rng = np.random.default_rng(11)
    hits = 0
    for i in range(SERIES):
        shocks = rng.normal(0, 1, length + horizon)
        if process == "random_walk":
            y = 50 + np.cumsum(shocks)
        elif process == "random_walk_with_drift":
            y = 50 + np.cumsum(0.5 + shocks)
        else:  # local level: observation = level + N(0,1), level moves by N(0, 0.5²)
            level = 50 + np.cumsum(0.5 * rng.normal(0, 1, length + horizon))
            y = level + shocks
        history, outcome = y[:length], y[length + horizon - 1]
        forecast = forecast_level(history, horizon, method, seed=1000 + i)
        assert forecast.method == method, forecast.note
        hits += _covered(forecast.paths[:, -1], outcome)
    return hits / SERIES


@pytest.mark.parametrize(
    ("method", "process", "length"),
    [
        ("naive", "random_walk", 6),  # short: the Student-t scale must widen the interval
        ("naive", "random_walk", 16),
        ("drift", "random_walk_with_drift", 12),
        # exponential smoothing is estimated: on 16 quarters the fitted smoothing understates
        # how far the level moves and coverage is about 74 %; on ten years it is honest
        ("ets", "local_level", 40),
    ],
)
def test_level_intervals_cover_80_percent(method: str, process: str, length: int) -> None:
    """200 series from the stated process; the value 2 quarters ahead is in the 80 % interval
    80 ± 6 % of the time."""
    coverage = _level_coverage(method, process, length, horizon=2)
    assert 0.74 <= coverage <= 0.86, coverage


@pytest.mark.parametrize("method", ["pace", "profile"])
def test_cumulative_intervals_cover_80_percent(method: str) -> None:
    """Increments of quarter k = L * s_k + N(0, 3²), with L = 100 (this year 90 to 110) and
    shares s = (0.25,)*4 for pace, (0.1, 0.2, 0.3, 0.4) for profile; two complete earlier years
    from the same process; projected from quarter 2."""
    shares = np.full(4, 0.25) if method == "pace" else np.array([0.1, 0.2, 0.3, 0.4])
    rng = np.random.default_rng(21)
    hits = 0
    for i in range(SERIES):
        years = [rng.uniform(90, 110) * shares + rng.normal(0, 3, 4) for _ in range(3)]
        *past, this_year = years
        projection = project_cumulative(this_year[:2], past, method, seed=2000 + i)
        assert projection.method == method
        hits += _covered(projection.samples, float(this_year.sum()))
    coverage = hits / SERIES
    assert 0.74 <= coverage <= 0.86, coverage


# ---------------------------------------------------------------- probability of the target


def test_cumulative_on_pace_is_an_even_chance_well_above_pace_is_near_certain() -> None:
    """Target 100 a year, phased 25 a quarter. At quarter 2 with 50 done (24 then 26): on pace,
    probability near 0.5. With 80 done (39 then 41): well above pace, probability near 1. And
    for a lower-is-better KPI the same numbers read the other way."""
    on_pace = project_cumulative([24, 26], [], "pace", seed=5)
    assert on_pace.point == pytest.approx(100)
    assert 0.45 <= probability_of_meeting(on_pace, 100, "higher_is_better") <= 0.55
    above = project_cumulative([39, 41], [], "pace", seed=5)
    assert probability_of_meeting(above, 100, "higher_is_better") >= 0.97
    assert probability_of_meeting(above, 100, "lower_is_better") <= 0.03


def test_measured_year_end_has_probability_one_or_zero_and_a_point_interval() -> None:
    """At quarter 4 the value is measured: no forecast, the interval is the value itself."""
    done = project_cumulative([30, 30, 30, 30], [], "pace", seed=1)
    figures = outlook(done, 100, "higher_is_better")
    assert (figures.projected_value, figures.lower, figures.upper) == (120, 120, 120)
    assert figures.probability == 1.0
    assert outlook(done, 130, "higher_is_better").probability == 0.0


def test_projected_rag_follows_the_scorecard_rule() -> None:
    """The rule of dbt/macros/rag_status.sql: thresholds inclusive, better status at the
    threshold; percent_of_target levels from the annual target."""
    amber, red = thresholds(100, "percent_of_target", 90, 75)
    assert (amber, red) == (90, 75)
    assert [rag_status(v, amber, red, "higher_is_better") for v in (90, 89, 75, 74.9)] == [
        "green",
        "amber",
        "amber",
        "red",
    ]
    assert rag_status(60, 60, 72, "lower_is_better") == "green"
    assert rag_status(73, 60, 72, "lower_is_better") == "red"
    assert rag_status(None, 60, 72, "lower_is_better") == "grey"
    assert thresholds(None, "percent_of_target", 90, 75) == (None, None)


def test_projections_are_deterministic_and_rounded() -> None:
    """Same input, same seed: equal figures, rounded to the declared precision."""
    y = [50.0, 51.3, 52.1, 52.8, 54.4, 55.0, 55.2, 56.9, 58.1]
    first = outlook(
        project_level_year_end(y, y[-2:], "average", 2, "ets", 9), 57, "higher_is_better"
    )
    again = outlook(
        project_level_year_end(y, y[-2:], "average", 2, "ets", 9), 57, "higher_is_better"
    )
    assert first == again
    assert first.lower == round(first.lower, 6)


# ---------------------------------------------------------------- too-short series


def test_too_short_series_fall_back_to_the_simple_method_and_say_so() -> None:
    """Five values are too few for exponential smoothing (8): drift is used, and the note says
    why. Two values are too few for drift's interval: naive. One quarter with no history gives a
    cumulative projection without an interval, and a profile without a last year is pace."""
    short = forecast_level([1.0, 2.0, 2.5, 3.1, 4.0], 2, "ets", seed=1)
    assert short.method == "drift"
    assert "needs 8" in short.note
    assert short.paths is not None
    two = forecast_level([1.0, 2.0], 2, "drift", seed=1)
    assert two.method == "naive"
    assert "naive" in two.note
    first_quarter = project_cumulative([20.0], [], "pace", seed=1)
    assert first_quarter.samples is None
    assert "no interval" in first_quarter.note
    assert outlook(first_quarter, 100, "higher_is_better").probability is None
    no_profile = project_cumulative([20.0, 30.0], [], "profile", seed=1)
    assert no_profile.method == "pace"
    assert "fell back to pace" in no_profile.note


# ---------------------------------------------------------------- backtest


def test_backtest_prefers_drift_on_a_trend_and_reports_finite_mase() -> None:
    """On y_t = 3 t + N(0, 0.5²), one-step forecasts from origins 4..19: drift beats naive
    (MASE well below 1), and is chosen."""
    rng = np.random.default_rng(4)
    y = 3 * np.arange(20) + rng.normal(0, 0.5, 20)

    def case(origin: int) -> BacktestCase:
        return BacktestCase(
            origin=str(origin),
            actual=float(y[origin]),
            project=lambda method: project_statistics_year(y[:origin], method, seed=origin),
        )

    scores = evaluate([case(origin) for origin in range(4, 20)], ["naive", "drift"])
    by_method = {score.method: score for score in scores}
    assert by_method["naive"].mase == 1.0
    assert by_method["drift"].mase < 0.5
    assert choose(scores, ["naive", "drift"])[0] == "drift"
    assert choose(scores[:1], ["naive", "drift"])[0] == "naive"


def test_backtest_with_too_little_history_uses_the_simplest_method() -> None:
    """Two origins are fewer than the three a method is judged on."""
    y = [1.0, 2.0, 3.0, 4.0]
    cases = [
        BacktestCase(str(o), y[o], lambda m, o=o: project_statistics_year(y[:o], m, seed=o))
        for o in (2, 3)
    ]
    method, reason = choose(evaluate(cases, ["naive", "drift"]), ["naive", "drift"])
    assert method == "naive"
    assert "fewer than 3" in reason


# ---------------------------------------------------------------- Markov chain


def _example_observations() -> list[StatusObservation]:
    """Three deliverables due at quarter 3, observed at quarters 1 to 3 (C also at 4):
    A on_track, on_track, completed; B on_track, at_risk, completed;
    C on_track, on_track, delayed, completed."""
    statuses = {
        "A": ["on_track", "on_track", "completed"],
        "B": ["on_track", "at_risk", "completed"],
        "C": ["on_track", "on_track", "delayed", "completed"],
    }
    return [
        StatusObservation(code, quarter, status, due_quarter=3)
        for code, sequence in statuses.items()
        for quarter, status in enumerate(sequence, start=1)
    ]


def test_markov_estimate_equals_the_hand_computed_example() -> None:
    """Moves with 2 quarters left: on_track→on_track 2, on_track→at_risk 1. With 1 left:
    on_track→completed 1, on_track→delayed 1, at_risk→completed 1. With 0 left:
    delayed→completed 1. Without shrinkage, an on_track deliverable at quarter 1 due at 3 is
    completed by then with probability 2/3 · 1/2 + 1/3 · 1 = 2/3.

    With a prior weight of 1 the rows are shrunk to the pooled rows: on_track pooled is
    (on_track 2, at_risk 1, completed 1, delayed 1)/5, so with 2 left on_track goes to
    (on_track .6, at_risk .3, completed .05, delayed .05), with 1 left to (on_track .4/3,
    at_risk .2/3, completed 1.2/3, delayed 1.2/3); at_risk and delayed always complete. Hence
    .6 · .4 + .3 · 1 + .05 · 1 + .05 · 1 = 0.64."""
    chain = estimate_chain(_example_observations(), prior_weight=0.0)
    i = STATUSES.index
    assert chain.counts[2, i("on_track"), i("on_track")] == 2
    assert chain.counts[1, i("on_track"), i("completed")] == 1
    assert chain.counts[0, i("delayed"), i("completed")] == 1
    assert chain.p_completed_by("on_track", 1, 3, due=3) == pytest.approx(2 / 3)
    assert chain.p_completed_by("at_risk", 2, 3, due=3) == pytest.approx(1.0)
    assert chain.p_completed_by("on_track", 3, 3, due=3) == 0.0
    assert chain.p_completed_by("completed", 3, 3, due=3) == 1.0

    shrunk = estimate_chain(_example_observations(), prior_weight=1.0)
    assert shrunk.step(2)[i("on_track")] == pytest.approx(
        [0, 0.6, 0.3, 0.05, 0, 0.05, 0], abs=1e-12
    )
    assert shrunk.p_completed_by("on_track", 1, 3, due=3) == pytest.approx(0.64)


def test_number_late_is_poisson_binomial_with_an_interval() -> None:
    """Two deliverables each late with probability 1/2: 0, 1, 2 late with 1/4, 1/2, 1/4; the
    80 % interval is 0 to 2; with certainties it collapses."""
    distribution = poisson_binomial([0.5, 0.5])
    assert distribution == pytest.approx([0.25, 0.5, 0.25])
    assert count_interval(distribution) == (0, 2)
    assert count_interval(poisson_binomial([1.0, 1.0, 0.0])) == (2, 2)
