"""Cumulative KPIs: the year-end total is what is already counted plus what the remaining
quarters will add.

Model: the increment of quarter k in a year is L * s_k + noise, where L is the year's total
to be found and s_k the share of the year usually achieved in quarter k. The shares come from
last year's profile when last year is complete and positive ("profile"), else they are equal,
a quarter each ("pace"). L is estimated from the quarters seen this year: L = ytd / (shares
seen). The noise scale is pooled from the residuals of this year and of the complete earlier
years not used for the shares; with no residual at all (first quarter, no history) there is
no interval, and the row says so.

The projection's error has two parts: the error in L (it rests on q quarters) carried onto the
remaining shares, and the remaining quarters' own noise. Both scale with the noise, whose
estimate is itself uncertain, so the draws are Student-t.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foresight.settings import N_SAMPLES, QUARTERS

CUMULATIVE_METHODS = ("pace", "profile")


@dataclass(frozen=True)
class YearEndProjection:
    """Projection of a KPI's value at the end of the IP year.

    point    the projected value
    samples  N_SAMPLES draws of the year-end value, or None (known already, or no interval)
    method   the method used
    note     why there is no interval, or why the method asked for was not used
    """

    point: float
    samples: np.ndarray | None
    method: str
    note: str | None = None


def profile_shares(last_year: Sequence[float] | None) -> np.ndarray | None:
    """Shares of the year achieved in each quarter last year, or None when last year cannot
    serve as a profile (incomplete, a negative quarter, or a total of zero)."""
    if last_year is None or len(last_year) != QUARTERS:
        return None
    values = np.asarray(last_year, dtype=float)
    if np.any(np.isnan(values)) or np.any(values < 0) or values.sum() <= 0:
        return None
    return values / values.sum()


def project_cumulative(
    increments: Sequence[float],
    past_years: Sequence[Sequence[float]],
    method: str,
    seed: int,
) -> YearEndProjection:
    """Project the year-end total of a cumulative KPI.

    increments  this year's quarterly values so far (quarter 1 first), at least one
    past_years  complete earlier years, oldest first, four quarterly values each
    method      "pace" (equal shares) or "profile" (last year's shares; falls back to pace when
                there is no usable last year, and says so)
    """
    if method not in CUMULATIVE_METHODS:
        raise ValueError(f"unknown cumulative method {method!r}; expected {CUMULATIVE_METHODS}")
    x = np.asarray(increments, dtype=float)
    q = len(x)
    if not 1 <= q <= QUARTERS:
        raise ValueError(f"expected 1 to {QUARTERS} quarterly increments, got {q}")
    ytd = float(x.sum())
    complete = [np.asarray(year, dtype=float) for year in past_years if len(year) == QUARTERS]
    note = None
    shares = np.full(QUARTERS, 1.0 / QUARTERS)
    used_for_shares = None
    if method == "profile":
        last = profile_shares(complete[-1]) if complete else None
        if last is None:
            method, note = "pace", "no complete last year to give a profile: fell back to pace"
        else:
            shares, used_for_shares = last, len(complete) - 1
    if q == QUARTERS:
        return YearEndProjection(ytd, None, method, "year complete: the value is measured")
    seen, remaining = float(shares[:q].sum()), float(shares[q:].sum())
    level = ytd / seen
    point = ytd + level * remaining

    # Pooled residual variance: this year (q - 1 degrees of freedom, one level fitted) and each
    # complete earlier year not used for the shares (3 degrees of freedom each).
    squares, df = float(np.sum((x - level * shares[:q]) ** 2)), q - 1
    for index, year in enumerate(complete):
        if index == used_for_shares or np.any(np.isnan(year)):
            continue
        year_level = float(year.sum())
        squares += float(np.sum((year - year_level * shares) ** 2))
        df += QUARTERS - 1
    if df < 1:
        reason = "one quarter and no earlier complete year: no interval"
        return YearEndProjection(point, None, method, note or reason)
    s = np.sqrt(squares / df)
    # var(L_hat) = q s^2 / seen^2 when each observed quarter carries noise s; the remaining
    # quarters add (QUARTERS - q) s^2 of their own.
    spread = np.sqrt(remaining**2 * q / seen**2 + (QUARTERS - q))
    rng = np.random.default_rng(seed)
    samples = point + s * spread * rng.standard_t(df, size=N_SAMPLES)
    return YearEndProjection(point, samples, method, note)
