"""The early-warning list, for the office's digest (not for Directorates): what to look at now.

Two rules, applied at each KPI's and each deliverable's latest quarter with data:
    kpi_projected_red            projected red at year end while green or amber now
    deliverable_unlikely_on_time open, not yet due, and less than a 50 % chance of being
                                 completed by its due period
Rows carry rule codes and figures, not sentences: the words, in English and French, belong to
the message catalogue of whatever presents the list.
"""

from __future__ import annotations

from collections.abc import Sequence

ON_TIME_THRESHOLD = 0.5


def _latest(rows: Sequence[dict[str, object]], key: str) -> list[dict[str, object]]:
    latest: dict[object, dict[str, object]] = {}
    for row in rows:
        current = latest.get(row[key])
        if current is None or (row["ip_year"], row["quarter"]) > (
            current["ip_year"],
            current["quarter"],
        ):
            latest[row[key]] = row
    return [latest[code] for code in sorted(latest, key=str)]


def early_warnings(
    kpi_rows: Sequence[dict[str, object]], deliverable_rows: Sequence[dict[str, object]]
) -> list[dict[str, object]]:
    """Warning rows from the outlook rows of `kpi.kpi_outlook` and
    `deliverables.deliverable_outlook`."""
    warnings: list[dict[str, object]] = []
    for row in _latest(kpi_rows, "kpi_code"):
        if row["current_rag"] in ("green", "amber") and row["projected_rag"] == "red":
            warnings.append(
                {
                    "subject_type": "kpi",
                    "subject_code": row["kpi_code"],
                    "ip_year": row["ip_year"],
                    "quarter": row["quarter"],
                    "warning_rule": "kpi_projected_red",
                    "current_status": row["current_rag"],
                    "projected_status": row["projected_rag"],
                    "probability": row["probability_meeting_target"],
                }
            )
    for row in _latest(deliverable_rows, "deliverable_code"):
        probability = row["probability_on_time"]
        if (
            row["is_open"]
            and int(row["quarters_left"]) > 0  # type: ignore[call-overload]
            and probability is not None
            and float(probability) < ON_TIME_THRESHOLD  # type: ignore[arg-type]
        ):
            warnings.append(
                {
                    "subject_type": "deliverable",
                    "subject_code": row["deliverable_code"],
                    "ip_year": row["ip_year"],
                    "quarter": row["quarter"],
                    "warning_rule": "deliverable_unlikely_on_time",
                    "current_status": row["status"],
                    "projected_status": "late",
                    "probability": probability,
                }
            )
    return warnings
