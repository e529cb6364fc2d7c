"""The declared constants of the foresight step.

Why constants and not options: two rebuilds of the warehouse must give equal outlook marts, so
every source of randomness is seeded from these values and every number leaves the package
rounded to a declared precision (never left to depend on floating-point summation order).
"""

from __future__ import annotations

import os

# Fitting is single-threaded: a multi-threaded BLAS may add in a different order from one run
# to the next. Effective only if numpy is not imported yet; the fits are tiny anyway.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

SEED = 20_261_204
"""Base seed; each projection derives its own seed from its key (see `seed_for`)."""

N_SAMPLES = 4_000
"""Draws of the projected year-end value; Monte Carlo error on a probability is about 0.008."""

INTERVAL_LEVEL = 0.8
"""The interval shown is the central 80 %: one year in five, the outcome falls outside."""

QUARTERS = 4
"""Quarters in an Implementation Plan year."""

MIN_ETS_POINTS = 8
"""Exponential smoothing needs two years of quarters before it can tell level from trend."""

MIN_SEASONAL_POINTS = 12
"""A quarterly seasonal pattern needs three years to be told from noise."""

MIN_BACKTEST_POINTS = 3
"""A method is judged on at least this many backtest forecasts, or not chosen on its score."""

VALUE_DIGITS = 6
"""Projected values and interval bounds are rounded to this many decimal places."""

SCORE_DIGITS = 4
"""Probabilities, MASE and coverage are rounded to this many decimal places."""


def seed_for(*key: object) -> int:
    """A seed of its own for each projection, stable across runs and independent of the order
    in which projections are computed (so adding a KPI does not change another KPI's draws)."""
    import zlib

    text = "|".join(str(part) for part in key)
    return (SEED + zlib.crc32(text.encode("utf-8"))) % (2**32)
