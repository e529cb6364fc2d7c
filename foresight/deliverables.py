"""The outlook of the deliverables: for each open deliverable and quarter, the probability of
completion by its due period, and for each IP year and quarter, the number expected to end
late, with an 80 % interval.

The chain is estimated once on every quarter-to-quarter move the warehouse holds (see
`markov`), then applied from each deliverable's status at each quarter. A deliverable is late
at year end when it is not completed by the end of its due period and not cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from foresight.markov import (
    ABSORBING,
    STATUSES,
    SlippageChain,
    StatusObservation,
    count_interval,
    estimate_chain,
    period_index,
    poisson_binomial,
    quarter_index,
)
from foresight.settings import QUARTERS, SCORE_DIGITS, VALUE_DIGITS
from foresight.target import round_value


@dataclass(frozen=True)
class DeliverableStatus:
    """One row of fct_deliverable_status, the fields the outlook needs."""

    deliverable_code: str
    ip_year: str
    quarter: int
    status: str
    due_period_code: str
    is_on_time: bool | None


def _observations(rows: list[DeliverableStatus]) -> list[StatusObservation]:
    return [
        StatusObservation(
            row.deliverable_code,
            quarter_index(row.ip_year, row.quarter),
            row.status,
            period_index(row.due_period_code),
        )
        for row in rows
    ]


def _probabilities(row: DeliverableStatus, chain: SlippageChain) -> dict[str, float | None]:
    """Probability of completion by the due period and by year end, and of ending late."""
    now = quarter_index(row.ip_year, row.quarter)
    due = period_index(row.due_period_code)
    year_end = quarter_index(row.ip_year, QUARTERS)
    if row.status == "completed":
        on_time = None if row.is_on_time is None else float(row.is_on_time)
        late = 1.0 - on_time if on_time is not None else 0.0
        return {"p_on_time": on_time, "p_by_year_end": 1.0, "p_late": late}
    if row.status == "cancelled":
        return {"p_on_time": None, "p_by_year_end": None, "p_late": 0.0}
    at_due = chain.distribution(row.status, now, due, due) if due > now else None
    if at_due is None:  # due this quarter or earlier and not completed: late
        on_time, late = 0.0, 1.0
    else:
        on_time = float(at_due[STATUSES.index("completed")])
        late = 1.0 - on_time - float(at_due[STATUSES.index("cancelled")])
    by_year_end = chain.p_completed_by(row.status, now, max(year_end, now), due)
    return {"p_on_time": on_time, "p_by_year_end": by_year_end, "p_late": max(late, 0.0)}


def deliverable_outlook(
    rows: list[DeliverableStatus], prior_weight: float = 1.0
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Rows of fct_deliverable_outlook (deliverable x quarter) and of the year summary
    (IP year x quarter: expected number late at year end and its 80 % interval)."""
    chain = estimate_chain(_observations(rows), prior_weight)
    outlook_rows: list[dict[str, object]] = []
    late_by_period: dict[tuple[str, int], list[float]] = {}
    for row in sorted(rows, key=lambda r: (r.deliverable_code, r.ip_year, r.quarter)):
        figures = _probabilities(row, chain)
        quarters_left = period_index(row.due_period_code) - quarter_index(row.ip_year, row.quarter)
        outlook_rows.append(
            {
                "deliverable_code": row.deliverable_code,
                "ip_year": row.ip_year,
                "quarter": row.quarter,
                "status": row.status,
                "due_period_code": row.due_period_code,
                "quarters_left": quarters_left,
                "is_open": row.status not in ABSORBING,
                "probability_on_time": round_value(figures["p_on_time"], SCORE_DIGITS),
                "probability_completed_by_year_end": round_value(
                    figures["p_by_year_end"], SCORE_DIGITS
                ),
                "probability_late": round_value(figures["p_late"], SCORE_DIGITS),
            }
        )
        late_by_period.setdefault((row.ip_year, row.quarter), []).append(figures["p_late"] or 0.0)
    summary_rows: list[dict[str, object]] = []
    for (ip_year, quarter), probabilities in sorted(late_by_period.items()):
        distribution = poisson_binomial(probabilities)
        low, high = count_interval(distribution)
        summary_rows.append(
            {
                "ip_year": ip_year,
                "quarter": quarter,
                "deliverables": len(probabilities),
                "expected_late": round_value(sum(sorted(probabilities)), VALUE_DIGITS),
                "late_lower_80": low,
                "late_upper_80": high,
            }
        )
    return outlook_rows, summary_rows
