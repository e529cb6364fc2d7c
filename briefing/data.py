"""What a briefing shows, read from one published release: plain values, no formatting.

The release is opened read-only (its serving DuckDB file); a table the audience's release does
not hold (the Members' release has no risks, budgets or data-quality issues) reads as no rows,
so an edition's section is left out rather than filled with zeros. Values are rounded to the
precision they are shown with, so that the fingerprint of a period's data (``fingerprint``)
changes only when a reader could see a change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

SERVING_FILE = "spf_marts.duckdb"
MANIFEST = "manifest.json"
MEMBERS_FOLDER = "members"
HIGH_RATINGS = ("high", "critical")
DELAY_STATUSES = ("delayed", "at_risk")
TOP_RISKS = 10


class ReleaseNotFound(FileNotFoundError):
    """No published release where one was expected; the message says where and what to run."""


class PeriodNotFound(ValueError):
    """The period asked for is not a quarter of the release."""


@dataclass(frozen=True)
class Release:
    """One audience's published release: where it is, its id, dates and manifest checksum."""

    folder: Path
    release_id: str
    data_as_of: datetime
    published_at: datetime
    manifest_sha256: str

    @property
    def serving_file(self) -> Path:
        return self.folder / SERVING_FILE


def open_release(published: Path, members: bool = False) -> Release:
    folder = published / MEMBERS_FOLDER if members else published
    serving, manifest = folder / SERVING_FILE, folder / MANIFEST
    if not serving.exists() or not manifest.exists():
        raise ReleaseNotFound(
            f"No published release in {folder} (run `spf run` first). / "
            f"Aucune version publiée dans {folder} (lancez d'abord `spf run`)."
        )
    con = duckdb.connect(str(serving), read_only=True)
    try:
        release_id, data_as_of, published_at = con.execute(
            "SELECT release_id, data_as_of, published_at FROM marts.release_info"
        ).fetchone()
    finally:
        con.close()
    return Release(
        folder=folder,
        release_id=release_id,
        data_as_of=data_as_of,
        published_at=published_at,
        manifest_sha256=hashlib.sha256(manifest.read_bytes()).hexdigest(),
    )


@dataclass
class Briefing:
    """Everything the templates show for one period and one audience (unformatted)."""

    period: dict[str, Any]
    previous: dict[str, Any] | None
    provisional: bool
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def rows(self, name: str) -> list[dict[str, Any]]:
        return self.tables.get(name, [])

    def fingerprint(self) -> str:
        """SHA-256 of the period's data (not of the release's id or dates)."""
        payload = {"period": self.period, "previous": self.previous, "tables": self.tables}
        text = json.dumps(payload, sort_keys=True, default=_json_default, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_default(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not serialisable: {value!r}")


def _round(value: Any, digits: int = 1) -> Any:
    """Floats to one decimal (KPI values, percentages); decimals (money) to the cent."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, Decimal):
        return round(float(value), 2)
    return value


class _Reader:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.tables = {
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'"
            ).fetchall()
        }

    def rows(self, sql: str, params: list[Any] | None = None, needs: str = "") -> list[dict]:
        """Rows as dicts (floats rounded to one decimal); none if a needed mart is absent."""
        if needs and any(t not in self.tables for t in needs.split()):
            return []
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [
            {n: _round(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()
        ]


def quarters(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _Reader(con).rows(
        "SELECT period_code, ip_year, quarter, label_en, label_fr, start_date, end_date, "
        "previous_period_code FROM marts.dim_period WHERE period_type = 'quarter' "
        "ORDER BY start_date"
    )


def default_period(serving_file: Path) -> tuple[str, bool]:
    """The latest closed quarter; else the latest with an accepted return (provisional)."""
    con = duckdb.connect(str(serving_file), read_only=True)
    try:
        closed = con.execute(
            "SELECT max(period_code) FROM marts.fct_return_submission "
            "GROUP BY ALL HAVING bool_and(is_period_closed)"
        ).fetchall()
        closed_code = max((r[0] for r in closed if r[0]), default=None)
        reported = con.execute(
            "SELECT max(period_code) FROM marts.fct_return_submission "
            "WHERE submission_status = 'accepted'"
        ).fetchone()[0]
    finally:
        con.close()
    if closed_code:
        return closed_code, False
    if reported:
        return reported, True
    raise PeriodNotFound(
        "The release has no reported quarter yet. / La version publiée n'a encore aucun "
        "trimestre déclaré."
    )


def _is_closed(reader: _Reader, period_code: str) -> bool:
    rows = reader.rows(
        "SELECT bool_and(is_period_closed) AS closed FROM marts.fct_return_submission "
        "WHERE period_code = ?",
        [period_code],
    )
    return bool(rows and rows[0]["closed"])


def read_briefing(serving_file: Path, period_code: str) -> Briefing:
    """Read every table an edition may show for ``period_code`` from one serving file."""
    con = duckdb.connect(str(serving_file), read_only=True)
    try:
        reader = _Reader(con)
        periods = {p["period_code"]: p for p in quarters(con)}
        if period_code not in periods:
            raise PeriodNotFound(
                f"{period_code} is not a quarter of the release (known: "
                f"{', '.join(periods)}). / {period_code} n'est pas un trimestre de la version "
                "publiée."
            )
        period = periods[period_code]
        previous = periods.get(period["previous_period_code"] or "")
        briefing = Briefing(period, previous, provisional=not _is_closed(reader, period_code))
        briefing.tables = _tables(reader, period, previous, list(periods.values()))
        return briefing
    finally:
        con.close()


def _tables(
    reader: _Reader, period: dict, previous: dict | None, periods: list[dict]
) -> dict[str, list[dict[str, Any]]]:
    p = [period["period_code"]]
    t: dict[str, list[dict[str, Any]]] = {}
    t["quarters"] = [
        {k: q[k] for k in ("period_code", "label_en", "label_fr")}
        for q in periods
        if q["ip_year"] == period["ip_year"]
    ]
    t["progress"] = reader.rows(
        "SELECT grouping_type, group_code, group_name_en, group_name_fr, deliverable_count, "
        "completed_count, delayed_count, at_risk_count, not_reported_count, pct_completed, "
        "kpi_count FROM marts.mart_plan_progress WHERE period_code = ? "
        "AND grouping_type IN ('plan', 'goal', 'objective', 'directorate') "
        "ORDER BY grouping_type, group_code",
        p,
        "mart_plan_progress",
    )
    t["previous_progress"] = (
        reader.rows(
            "SELECT completed_count, deliverable_count, not_reported_count "
            "FROM marts.mart_plan_progress WHERE period_code = ? AND grouping_type = 'plan'",
            [previous["period_code"]],
            "mart_plan_progress",
        )
        if previous
        else []
    )
    t["directorates"] = reader.rows(
        "SELECT directorate_code, name_en, name_fr FROM marts.dim_directorate "
        "WHERE is_current ORDER BY directorate_code",
        needs="dim_directorate",
    )
    t["scorecard"] = reader.rows(
        "SELECT s.kpi_code, k.name_en, k.name_fr, k.unit, s.objective_code, s.actual_value, "
        "s.period_target, s.pct_of_target, s.rag_status, s.trend_vs_previous, "
        "s.trend_vs_baseline, s.baseline FROM marts.mart_kpi_scorecard AS s "
        "JOIN marts.dim_kpi AS k USING (kpi_code) WHERE s.period_code = ? ORDER BY s.kpi_code",
        p,
        "mart_kpi_scorecard dim_kpi",
    )
    t["kpi_series"] = reader.rows(
        "SELECT s.kpi_code, s.period_code, s.actual_value, s.period_target "
        "FROM marts.mart_kpi_scorecard AS s JOIN marts.dim_period AS d USING (period_code) "
        "WHERE s.ip_year = ? AND d.start_date <= ? ORDER BY s.kpi_code, d.start_date",
        [period["ip_year"], period["start_date"]],
        "mart_kpi_scorecard dim_period",
    )
    t["deliverables"] = reader.rows(
        "SELECT deliverable_code, owner_directorate_code, title_en, title_fr, status, comment "
        "FROM marts.fct_deliverable_status WHERE period_code = ? AND status IN "
        "('delayed', 'at_risk') ORDER BY status DESC, owner_directorate_code, deliverable_code",
        p,
        "fct_deliverable_status",
    )
    t["regional"] = reader.rows(
        "SELECT region_code, region_name_en, region_name_fr, priority_rank, priority_name_en, "
        "priority_name_fr, deliverable_count, pct_completed, kpis_green, kpis_amber, kpis_red, "
        "kpis_grey FROM marts.mart_regional_priorities WHERE period_code = ? "
        "ORDER BY region_code, priority_rank",
        p,
        "mart_regional_priorities",
    )
    t["heatmap"] = reader.rows(
        "SELECT assessment, likelihood, impact, cell_rating, risk_count "
        "FROM marts.mart_risk_heatmap WHERE period_code = ? ORDER BY ALL",
        p,
        "mart_risk_heatmap",
    )
    t["risks"] = reader.rows(
        "SELECT risk_code, directorate_code, title, mitigation, inherent_score, inherent_rating, "
        "residual_score, residual_rating, trend FROM marts.fct_risk_assessment "
        "WHERE period_code = ? ORDER BY residual_score DESC, inherent_score DESC, risk_code",
        p,
        "fct_risk_assessment",
    )
    t["budget"] = reader.rows(
        "SELECT objective_code, objective_name_en, objective_name_fr, budget_allocated_eur, "
        "budget_spent_eur, execution_rate_pct, year_elapsed_pct, overspent_line_count "
        "FROM marts.mart_resource_execution_by_objective WHERE period_code = ? "
        "ORDER BY objective_code",
        p,
        "mart_resource_execution_by_objective",
    )
    t["budget_lines"] = reader.rows(
        "SELECT deliverable_code, directorate_code, objective_code, title_en, title_fr, "
        "budget_allocated_eur, budget_spent_eur, execution_rate_pct, is_overspent "
        "FROM marts.fct_resource_execution WHERE period_code = ? "
        "ORDER BY objective_code, deliverable_code, directorate_code",
        p,
        "fct_resource_execution",
    )
    t["statistics"] = reader.rows(
        "SELECT r.region_code, any_value(r.region_name_en) AS region_name_en, "
        "any_value(r.region_name_fr) AS region_name_fr, r.statistics_year, "
        "count(*) AS indicators, max(r.members_eligible) AS members_eligible, "
        "round(avg(r.coverage_pct), 1) AS coverage_pct FROM marts.mart_statistics_regional r "
        "WHERE r.statistics_year = (SELECT max(statistics_year) "
        "FROM marts.mart_statistics_regional WHERE statistics_year <= year(?)) "
        "GROUP BY r.region_code, r.statistics_year ORDER BY r.region_code",
        [period["end_date"]],
        "mart_statistics_regional",
    )
    t["submissions"] = reader.rows(
        "SELECT directorate_code, submission_status, is_expected, accepted_received_at, "
        "last_received_at, is_on_time, days_from_deadline, problem_count "
        "FROM marts.fct_return_submission WHERE period_code = ? ORDER BY directorate_code",
        p,
        "fct_return_submission",
    )
    t["issues"] = reader.rows(
        "SELECT owner_directorate_code, count(*) AS open_issues "
        "FROM marts.fct_data_quality_issue WHERE is_open GROUP BY ALL ORDER BY ALL",
        needs="fct_data_quality_issue",
    )
    return t
