"""Deliverable slippage: a Markov chain of reported statuses by quarters left until due.

Each quarter a deliverable's status moves (not_started, on_track, at_risk, delayed,
not_reported) or ends (completed, cancelled: absorbing). How likely each move is depends on the
status and on how many quarters are left before the due period: an at_risk deliverable with
three quarters left recovers more often than one due next quarter. The chain counts these
moves in `fct_deliverable_status` (consecutive quarters of the same deliverable), one table of
probabilities per number of quarters left (3 or more pooled together, 0 for overdue).

Few moves are observed for some statuses and horizons, so each row is shrunk towards the same
status's row pooled over all horizons with a weight of `prior_weight` pseudo-observations; a
status never seen to move stays where it is. The probability that a deliverable is completed by
its due period is then the product of the tables from now to the due quarter. Whether each
deliverable ends late is a yes/no with its own probability, so the number late at year end
follows a Poisson-binomial distribution, computed exactly (no sampling).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from foresight.settings import QUARTERS

STATUSES = (
    "not_started",
    "on_track",
    "at_risk",
    "delayed",
    "not_reported",
    "completed",
    "cancelled",
)
ABSORBING = ("completed", "cancelled")
MAX_QUARTERS_LEFT = 3
"""Horizons of 3 quarters or more share one transition table (few deliverables run longer)."""


def quarter_index(ip_year: str, quarter: int) -> int:
    """A running quarter number, so quarters of consecutive IP years follow each other."""
    return int(ip_year[:4]) * QUARTERS + (int(quarter) - 1)


def period_index(period_code: str) -> int:
    """Running quarter number of a period code such as 2025-26-Q3."""
    return quarter_index(period_code[:7], int(period_code.rsplit("Q", 1)[1]))


@dataclass(frozen=True)
class StatusObservation:
    """The status of a deliverable at the end of one quarter, with its due quarter."""

    deliverable_code: str
    quarter: int  # running quarter number (quarter_index)
    status: str
    due_quarter: int  # running quarter number of the due period


def _bucket(quarters_left: int) -> int:
    return min(max(quarters_left, 0), MAX_QUARTERS_LEFT)


@dataclass(frozen=True)
class SlippageChain:
    """Transition probabilities, one STATUSES x STATUSES matrix per quarters-left bucket."""

    matrices: np.ndarray  # shape (MAX_QUARTERS_LEFT + 1, n, n)
    counts: np.ndarray  # the observed moves behind them, same shape

    def step(self, quarters_left: int) -> np.ndarray:
        """The matrix of the move from a quarter with `quarters_left` to the next."""
        return self.matrices[_bucket(quarters_left)]

    def distribution(self, status: str, now: int, until: int, due: int) -> np.ndarray:
        """Probabilities of each status at quarter `until`, starting from `status` at `now`."""
        state = np.zeros(len(STATUSES))
        state[STATUSES.index(status)] = 1.0
        for quarter in range(now, until):
            state = state @ self.step(due - quarter)
        return state

    def p_completed_by(self, status: str, now: int, until: int, due: int) -> float:
        """Probability that the deliverable is completed at the end of quarter `until`."""
        if status == "completed":
            return 1.0
        if until <= now:
            return 0.0
        return float(self.distribution(status, now, until, due)[STATUSES.index("completed")])


def estimate_chain(
    observations: Iterable[StatusObservation], prior_weight: float = 1.0
) -> SlippageChain:
    """Count the quarter-to-quarter moves and turn them into shrunk transition tables."""
    n = len(STATUSES)
    counts = np.zeros((MAX_QUARTERS_LEFT + 1, n, n))
    by_deliverable: dict[str, dict[int, StatusObservation]] = {}
    for observation in observations:
        if observation.status not in STATUSES:
            raise ValueError(f"unknown deliverable status {observation.status!r}")
        by_deliverable.setdefault(observation.deliverable_code, {})[observation.quarter] = (
            observation
        )
    for code in sorted(by_deliverable):
        history = by_deliverable[code]
        for quarter in sorted(history):
            following = history.get(quarter + 1)
            current = history[quarter]
            if following is None or current.status in ABSORBING:
                continue
            bucket = _bucket(current.due_quarter - quarter)
            counts[bucket, STATUSES.index(current.status), STATUSES.index(following.status)] += 1
    pooled = counts.sum(axis=0)
    matrices = np.zeros_like(counts)
    for i, status in enumerate(STATUSES):
        if status in ABSORBING or pooled[i].sum() == 0:
            matrices[:, i, i] = 1.0
            continue
        prior = pooled[i] / pooled[i].sum()
        for bucket in range(MAX_QUARTERS_LEFT + 1):
            row = counts[bucket, i] + prior_weight * prior
            matrices[bucket, i] = row / row.sum() if row.sum() > 0 else prior
    return SlippageChain(matrices, counts)


def poisson_binomial(probabilities: Sequence[float]) -> np.ndarray:
    """Exact distribution of the number of successes of independent yes/no events."""
    distribution = np.array([1.0])
    for p in probabilities:
        distribution = np.append(distribution * (1 - p), 0.0) + np.append(0.0, distribution * p)
    return distribution


def count_interval(distribution: np.ndarray, level: float = 0.8) -> tuple[int, int]:
    """Central interval of a count: the smallest counts whose cumulative probability reaches
    the lower and the upper tail points."""
    tail = (1.0 - level) / 2.0
    cumulative = np.cumsum(distribution)
    low = int(np.searchsorted(cumulative, tail - 1e-12))
    high = int(np.searchsorted(cumulative, 1.0 - tail - 1e-12))
    return low, high
