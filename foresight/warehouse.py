"""The warehouse side: read the marts the outlook needs from a DuckDB connection, compute the
outlook tables, and write them into the `foresight` schema that dbt reads as sources.

Why the step reads marts and not staging: the outlook must project the very numbers the
scorecard shows (same aggregation rule, same revisions, same targets). One exception: the
annual all-Member series of a statistics KPI's indicator exists only in the intermediate model
int_statistics__aggregates_by_scope (the marts hold its breakdown by region and Member, and
only the statistics year linked to each IP year).

The caller owns the connection (read-write only for `write_outlook`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from foresight.deliverables import DeliverableStatus, deliverable_outlook
from foresight.early_warning import early_warnings
from foresight.kpi import KpiHistory, kpi_outlook
from ingestion.warehouse.connection import Connection

MARTS_SCHEMA = "marts"
INTERMEDIATE_SCHEMA = "intermediate"
FORESIGHT_SCHEMA = "foresight"

KPI_OUTLOOK_COLUMNS = {
    "kpi_outlook_key": "string",
    "kpi_code": "string",
    "period_code": "string",
    "ip_year": "string",
    "quarter": "Int64",
    "projected_ip_year": "string",
    "projected_statistics_year": "Int64",
    "aggregation": "string",
    "direction": "string",
    "annual_target": "Float64",
    "projected_value": "Float64",
    "lower_80": "Float64",
    "upper_80": "Float64",
    "probability_meeting_target": "Float64",
    "current_rag": "string",
    "projected_rag": "string",
    "projection_method": "string",
    "method_note": "string",
    "chosen_method": "string",
    "chosen_because": "string",
    "backtest_mase": "Float64",
    "backtest_coverage_80": "Float64",
    "backtest_forecasts": "Int64",
}
BACKTEST_COLUMNS = {
    "forecast_backtest_key": "string",
    "kpi_code": "string",
    "projection_method": "string",
    "benchmark_method": "string",
    "n_forecasts": "Int64",
    "n_intervals": "Int64",
    "mae": "Float64",
    "mase": "Float64",
    "coverage_80": "Float64",
    "is_chosen": "boolean",
}
DELIVERABLE_OUTLOOK_COLUMNS = {
    "deliverable_outlook_key": "string",
    "deliverable_code": "string",
    "period_code": "string",
    "ip_year": "string",
    "quarter": "Int64",
    "status": "string",
    "due_period_code": "string",
    "quarters_left": "Int64",
    "is_open": "boolean",
    "probability_on_time": "Float64",
    "probability_completed_by_year_end": "Float64",
    "probability_late": "Float64",
}
LATE_SUMMARY_COLUMNS = {
    "late_summary_key": "string",
    "ip_year": "string",
    "quarter": "Int64",
    "period_code": "string",
    "deliverables": "Int64",
    "expected_late": "Float64",
    "late_lower_80": "Int64",
    "late_upper_80": "Int64",
}
EARLY_WARNING_COLUMNS = {
    "early_warning_key": "string",
    "subject_type": "string",
    "subject_code": "string",
    "period_code": "string",
    "ip_year": "string",
    "quarter": "Int64",
    "warning_rule": "string",
    "current_status": "string",
    "projected_status": "string",
    "probability": "Float64",
}

TABLES = {
    "kpi_outlook": KPI_OUTLOOK_COLUMNS,
    "forecast_backtest": BACKTEST_COLUMNS,
    "deliverable_outlook": DELIVERABLE_OUTLOOK_COLUMNS,
    "deliverable_late_summary": LATE_SUMMARY_COLUMNS,
    "early_warning": EARLY_WARNING_COLUMNS,
}
"""The tables of the foresight schema and their columns (the dbt sources declare the same)."""


def _period_code(ip_year: object, quarter: object) -> str:
    return f"{ip_year}-Q{int(quarter)}"  # type: ignore[call-overload]


def _frame(rows: Sequence[dict[str, object]], columns: dict[str, str]) -> pd.DataFrame:
    """Rows as a frame with the declared columns, order and nullable dtypes."""
    frame = pd.DataFrame(list(rows), columns=list(columns))
    return frame.astype(columns).reset_index(drop=True)


def _optional(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def read_kpi_histories(con: Connection) -> list[KpiHistory]:
    """One KpiHistory per KPI of dim_kpi, from the marts (and the annual statistics series)."""
    kpis = con.sql(
        f"""
        select kpi_code, aggregation, direction, source, threshold_type,
               amber_threshold, red_threshold, indicator_code
        from {MARTS_SCHEMA}.dim_kpi order by kpi_code
        """
    ).fetchall()
    measured = con.sql(
        f"""
        select kpi_code, ip_year, quarter, actual_value
        from {MARTS_SCHEMA}.fct_kpi_measurement
        where scope_type = 'overall'
        order by kpi_code, ip_year, quarter
        """
    ).fetchall()
    scorecard = con.sql(
        f"""
        select kpi_code, ip_year, quarter, annual_target, rag_status
        from {MARTS_SCHEMA}.mart_kpi_scorecard
        order by kpi_code, ip_year, quarter
        """
    ).fetchall()
    annual = con.sql(
        f"""
        select indicator_code, statistics_year, aggregate_value
        from {INTERMEDIATE_SCHEMA}.int_statistics__aggregates_by_scope
        where scope_type = 'overall' and aggregate_value is not null
        order by indicator_code, statistics_year
        """
    ).fetchall()
    histories = []
    for code, aggregation, direction, source, threshold_type, amber, red, indicator in kpis:
        targets = {
            ip_year: float(target)
            for kpi, ip_year, _, target, _ in scorecard
            if kpi == code and target is not None
        }
        histories.append(
            KpiHistory(
                kpi_code=code,
                aggregation=aggregation,
                direction=direction,
                value_source=source,
                threshold_type=threshold_type,
                amber_threshold=_optional(amber),
                red_threshold=_optional(red),
                quarters=[
                    (ip_year, int(quarter), _optional(value))
                    for kpi, ip_year, quarter, value in measured
                    if kpi == code
                ],
                targets=targets,
                annual={
                    int(year): float(value)
                    for ind, year, value in annual
                    if indicator is not None and ind == indicator
                },
                current_rag={
                    (ip_year, int(quarter)): rag
                    for kpi, ip_year, quarter, _, rag in scorecard
                    if kpi == code
                },
            )
        )
    return histories


def read_deliverable_statuses(con: Connection) -> list[DeliverableStatus]:
    """Every deliverable's status at every quarter, from fct_deliverable_status."""
    rows = con.sql(
        f"""
        select deliverable_code, ip_year, quarter, status, due_period_code, is_on_time
        from {MARTS_SCHEMA}.fct_deliverable_status
        where due_period_code is not null
        order by deliverable_code, ip_year, quarter
        """
    ).fetchall()
    return [DeliverableStatus(c, y, int(q), s, d, t) for c, y, q, s, d, t in rows]


def compute_outlook(con: Connection) -> dict[str, pd.DataFrame]:
    """All the foresight tables, keyed by table name (see TABLES), computed from the marts."""
    kpi_rows: list[dict[str, object]] = []
    backtest_rows: list[dict[str, object]] = []
    for history in read_kpi_histories(con):
        rows, scores = kpi_outlook(history)
        kpi_rows += rows
        backtest_rows += scores
    for row in kpi_rows:
        row["period_code"] = _period_code(row["ip_year"], row["quarter"])
        row["kpi_outlook_key"] = f"{row['kpi_code']}|{row['period_code']}"
    for row in backtest_rows:
        row["forecast_backtest_key"] = f"{row['kpi_code']}|{row['projection_method']}"
    deliverable_rows, summary_rows = deliverable_outlook(read_deliverable_statuses(con))
    for row in deliverable_rows + summary_rows:
        row["period_code"] = _period_code(row["ip_year"], row["quarter"])
    for row in deliverable_rows:
        row["deliverable_outlook_key"] = f"{row['deliverable_code']}|{row['period_code']}"
    for row in summary_rows:
        row["late_summary_key"] = row["period_code"]
    warning_rows = early_warnings(kpi_rows, deliverable_rows)
    for row in warning_rows:
        row["period_code"] = _period_code(row["ip_year"], row["quarter"])
        parts = (row["subject_type"], row["subject_code"], row["warning_rule"])
        row["early_warning_key"] = "|".join(str(part) for part in parts)
    frames = {
        "kpi_outlook": kpi_rows,
        "forecast_backtest": backtest_rows,
        "deliverable_outlook": deliverable_rows,
        "deliverable_late_summary": summary_rows,
        "early_warning": warning_rows,
    }
    return {name: _frame(rows, TABLES[name]) for name, rows in frames.items()}


def write_outlook(
    con: Connection,
    frames: dict[str, pd.DataFrame],
    schema: str = FORESIGHT_SCHEMA,
) -> None:
    """Replace the foresight tables in one transaction, so dbt never reads half an outlook."""
    con.execute("begin transaction")
    try:
        con.execute(f"create schema if not exists {schema}")
        for name, frame in frames.items():
            con.register("_foresight_frame", frame)
            con.execute(
                f"create or replace table {schema}.{name} as select * from _foresight_frame"
            )
            con.unregister("_foresight_frame")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
