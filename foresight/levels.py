"""Level KPIs (aggregation latest or average) and annual statistics: forecasts of the next
values of a series, as sample paths.

Why sample paths: the year-end value of an `average` KPI is the mean of quarters some of which
are still to come, and the forecast errors of those quarters are correlated. Drawing whole
paths gives the distribution of any function of the future quarters (the last one, the mean)
with one code path, and the probability of meeting a target is then a simple count.

Three methods, chosen per KPI by backtest (see `backtest`):
    naive  the next values equal the last one; errors add up quarter after quarter
    drift  the last value plus the average change per quarter seen so far
    ets    exponential smoothing fitted by statsmodels (additive errors; trend and quarterly
           seasonality when the series is long enough), selected by AICc
For short series the scale of the errors is itself uncertain: naive and drift draw it per path
from its sampling distribution (so the intervals are Student-t and honestly wide), and ets is
not attempted below `MIN_ETS_POINTS`; the fallback says so in `note`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foresight.settings import MIN_ETS_POINTS, MIN_SEASONAL_POINTS, N_SAMPLES, QUARTERS

BOUNDS = {"smoothing_level": (0.1, 0.9999)}
"""Smoothing of the level kept at 0.1 or more. On short series the best fit often freezes the
level (smoothing 0), and the intervals then stop widening with the horizon although the level
does move: measured coverage of the 80 % interval fell to about 70 % on a local-level process.
statsmodels adds keys to the dict it is given, so each fit gets a copy."""

LEVEL_METHODS = ("naive", "drift", "ets")
"""Candidate methods for level series, simplest first (ties in a backtest go to the first)."""


@dataclass(frozen=True)
class PathForecast:
    """Forecast of the next `h` values of a series.

    method   the method actually used (after any fallback)
    point    the method's point forecast, one value per step ahead
    paths    N_SAMPLES simulated futures (rows) of h steps, or None when the series is too
             short to say anything about the spread
    note     why the method differs from the one asked for, or why there is no interval
    """

    method: str
    point: np.ndarray
    paths: np.ndarray | None
    note: str | None = None


def _student_scale(s: float, df: int, rng: np.random.Generator) -> np.ndarray:
    """Per-path error scale: s is estimated on df degrees of freedom, so draw the true scale
    from s * sqrt(df / chi2(df)); the resulting forecasts are Student-t, wider when df is small."""
    return s * np.sqrt(df / rng.chisquare(df, size=N_SAMPLES))


def naive(y: np.ndarray, h: int, rng: np.random.Generator) -> PathForecast:
    """Random walk: tomorrow as today. Needs 2 points for an interval (1 change seen)."""
    point = np.full(h, y[-1], dtype=float)
    if len(y) < 2:
        return PathForecast("naive", point, None, "one value only: no interval")
    changes = np.diff(y)
    df = len(changes)
    s = float(np.sqrt(np.sum(changes**2) / df))
    scale = _student_scale(s, df, rng)
    steps = rng.standard_normal((N_SAMPLES, h)) * scale[:, None]
    return PathForecast("naive", point, y[-1] + np.cumsum(steps, axis=1))


def drift(y: np.ndarray, h: int, rng: np.random.Generator) -> PathForecast:
    """Random walk with drift: the last value plus the average change so far per step. The
    average change is itself uncertain (it rests on n-1 changes), which widens the interval
    with the horizon faster than naive. Needs 3 points for an interval."""
    if len(y) < 2:
        forecast = naive(y, h, rng)
        return PathForecast("naive", forecast.point, None, "one value only: naive, no interval")
    changes = np.diff(y)
    slope = float(np.mean(changes))
    ahead = np.arange(1, h + 1, dtype=float)
    point = y[-1] + slope * ahead
    df = len(changes) - 1
    if df < 1:
        return PathForecast("drift", point, None, "two values only: no interval")
    s = float(np.sqrt(np.sum((changes - slope) ** 2) / df))
    scale = _student_scale(s, df, rng)
    slope_draws = slope + scale * rng.standard_normal(N_SAMPLES) / np.sqrt(len(changes))
    steps = rng.standard_normal((N_SAMPLES, h)) * scale[:, None]
    paths = y[-1] + slope_draws[:, None] * ahead[None, :] + np.cumsum(steps, axis=1)
    return PathForecast("drift", point, paths)


def ets(y: np.ndarray, h: int, seed: int, seasonal: bool = True) -> PathForecast:
    """Exponential smoothing from statsmodels (ETSModel), additive errors. Candidates: level
    only, additive trend (damped), and, with `MIN_SEASONAL_POINTS` quarters, additive seasonality
    of period 4; the lowest AICc wins. Paths are simulated by statsmodels from the fitted model
    with errors drawn from a fixed seed. The smoothing parameters' own uncertainty is not in the
    paths; the backtest coverage shows what that costs."""
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    series = pd.Series(np.asarray(y, dtype=float))
    candidates: list[dict[str, object]] = [
        {"trend": None},
        {"trend": "add", "damped_trend": True},
    ]
    if seasonal and len(y) >= MIN_SEASONAL_POINTS:
        candidates += [
            {"trend": None, "seasonal": "add", "seasonal_periods": QUARTERS},
            {"trend": "add", "damped_trend": True, "seasonal": "add", "seasonal_periods": QUARTERS},
        ]
    n = len(y)
    best, best_aicc = None, np.inf
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for spec in candidates:
            # Fit parameters only, and compare by AICc computed here: building the full results
            # object (smoothing, standard errors) for every candidate took a third of the time.
            model = ETSModel(series, error="add", bounds=dict(BOUNDS), **spec)
            try:
                params = model.fit(disp=False, maxiter=200, return_params=True)
                llf = float(model.loglike(params))
            except (ValueError, np.linalg.LinAlgError):
                continue
            k = len(params) + 1  # the free parameters and the error variance
            if n - k - 1 <= 0 or not np.isfinite(llf):
                continue
            aicc = -2 * llf + 2 * k + 2 * k * (k + 1) / (n - k - 1)
            if aicc < best_aicc:
                best, best_aicc = (model, params), aicc
        if best is None:
            return PathForecast("ets", np.full(h, np.nan), None, "exponential smoothing failed")
        best = best[0].smooth(best[1])
        point = np.asarray(best.forecast(h), dtype=float)
        # The errors are drawn here, not by statsmodels, so that the seed works the same across
        # statsmodels versions and the error scale carries its estimation uncertainty (Student-t
        # on the residual degrees of freedom), as for naive and drift.
        residuals = np.asarray(best.resid, dtype=float)
        df = max(len(y) - len(best.params), 1)
        s = float(np.sqrt(np.sum(residuals**2) / df))
        rng = np.random.default_rng(seed)
        scale = _student_scale(s, df, rng)
        errors = rng.standard_normal((h, N_SAMPLES)) * scale[None, :]
        simulated = best.simulate(
            nsimulations=h, anchor="end", repetitions=N_SAMPLES, random_errors=errors
        )
    paths = np.asarray(simulated, dtype=float).reshape(h, N_SAMPLES).T
    return PathForecast("ets", point, paths)


def forecast_level(
    values: Sequence[float], h: int, method: str, seed: int, seasonal: bool = True
) -> PathForecast:
    """Forecast `h` steps of `values` with `method`, falling back to a simpler method (and
    saying so in `note`) when the series is too short for the one asked for."""
    if method not in LEVEL_METHODS:
        raise ValueError(f"unknown level method {method!r}; expected one of {LEVEL_METHODS}")
    y = np.asarray(values, dtype=float)
    if len(y) == 0:
        raise ValueError("cannot forecast an empty series")
    rng = np.random.default_rng(seed)
    if method == "ets":
        if len(y) < MIN_ETS_POINTS:
            fallback = drift(y, h, rng) if len(y) >= 3 else naive(y, h, rng)
            note = (
                f"{len(y)} values; exponential smoothing needs {MIN_ETS_POINTS}: "
                f"fell back to {fallback.method}"
            )
            return PathForecast(fallback.method, fallback.point, fallback.paths, note)
        forecast = ets(y, h, seed, seasonal)
        if forecast.paths is None:
            fallback = drift(y, h, rng)
            return PathForecast("drift", fallback.point, fallback.paths, forecast.note)
        return forecast
    if method == "drift":
        if len(y) < 3:
            fallback = naive(y, h, rng)
            note = f"{len(y)} values; drift needs 3 for an interval: fell back to naive"
            return PathForecast("naive", fallback.point, fallback.paths, fallback.note or note)
        return drift(y, h, rng)
    return naive(y, h, rng)
