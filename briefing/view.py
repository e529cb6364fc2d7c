"""From a period's data to what a template prints: every value formatted for the language.

Templates only lay out what this module prepares (strings and lists of strings) and look up
labels with ``t(key)``; so a number is formatted in one place, and a test can recompute it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from briefing import formatting as fmt
from briefing.catalogue import text
from briefing.charts import kpi_chart
from briefing.data import DELAY_STATUSES, TOP_RISKS, Briefing, Release
from briefing.editions import Edition
from briefing.narrative import summary

RAG_SYMBOLS = {"green": "●", "amber": "▲", "red": "■", "grey": "○"}
SCALE = (1, 2, 3, 4, 5)  # likelihood and impact of the risk register


def _label(key_prefix: str, code: str | None, language: str) -> str:
    from briefing.catalogue import TEXTS

    key = f"{key_prefix}.{code}"
    return text(key, language) if key in TEXTS else (code or "")


def _rag(code: str | None, language: str) -> dict[str, str]:
    code = code or "grey"
    return {
        "code": code,
        "symbol": RAG_SYMBOLS.get(code, ""),
        "label": _label("rag", code, language),
    }


def progress_rows(b: Briefing, language: str) -> list[dict[str, str]]:
    rows = [r for r in b.rows("progress") if r["grouping_type"] in ("goal", "objective")]
    rows.sort(key=lambda r: r["group_code"])
    return [
        {
            "level": _label("level", r["grouping_type"], language),
            "code": r["group_code"],
            "name": r[f"group_name_{language}"] or "",
            "deliverables": fmt.count(r["deliverable_count"], language),
            "completed": fmt.count(r["completed_count"], language),
            "pct_completed": fmt.percent(r["pct_completed"], language),
            "delayed": fmt.count(r["delayed_count"], language),
            "at_risk": fmt.count(r["at_risk_count"], language),
        }
        for r in rows
    ]


def scorecard_rows(b: Briefing, language: str) -> list[dict[str, Any]]:
    return [
        {
            "code": r["kpi_code"],
            "name": r[f"name_{language}"],
            "unit": _label("unit", r["unit"], language),
            "actual": fmt.kpi_value(r["actual_value"], r["unit"], language),
            "target": fmt.kpi_value(r["period_target"], r["unit"], language),
            "pct_of_target": fmt.percent(r["pct_of_target"], language)
            if r["actual_value"] is not None
            else "",
            "rag": _rag(r["rag_status"], language),
            "trend_previous": _label("trend", r["trend_vs_previous"], language),
            "trend_baseline": _label("trend", r["trend_vs_baseline"], language)
            if r["actual_value"] is not None
            else "",
        }
        for r in b.rows("scorecard")
    ]


def chart_rows(b: Briefing, language: str, cache: dict) -> list[dict[str, str]]:
    labels = _quarter_labels(b, language)
    series: dict[str, list[dict]] = {}
    for r in b.rows("kpi_series"):
        series.setdefault(r["kpi_code"], []).append(r)
    result = []
    for kpi in b.rows("scorecard"):
        points = series.get(kpi["kpi_code"], [])
        if not points:
            continue
        unit = kpi["unit"]
        quarters = [labels.get(p["period_code"], p["period_code"]) for p in points]
        actual = [p["actual_value"] for p in points]
        target = [p["period_target"] for p in points]
        key = (kpi["kpi_code"], language, tuple(quarters), tuple(actual), tuple(target))
        if key not in cache:
            cache[key] = kpi_chart(
                quarters,
                actual,
                target,
                (text("chart_actual", language), text("chart_target", language)),
                lambda v, unit=unit: fmt.kpi_value(v, unit, language),
            )
        described = " ".join(
            text(
                "chart_point",
                language,
                quarter=q,
                actual=fmt.kpi_value(a, unit, language) or text("no_value", language),
                target=fmt.kpi_value(t, unit, language) or text("no_value", language),
            )
            for q, a, t in zip(quarters, actual, target, strict=True)
        )
        name = f"{kpi['kpi_code']} {kpi[f'name_{language}']}"
        result.append(
            {
                "title": name,
                "src": cache[key],
                "alt": text("chart_alt", language, kpi=name, points=described),
            }
        )
    return result


def _quarter_labels(b: Briefing, language: str) -> dict[str, str]:
    return {q["period_code"]: q[f"label_{language}"] for q in b.rows("quarters")}


def deliverable_rows(b: Briefing, language: str) -> list[dict[str, str]]:
    names = {d["directorate_code"]: d[f"name_{language}"] for d in b.rows("directorates")}
    return [
        {
            "code": r["deliverable_code"],
            "title": r[f"title_{language}"] or "",
            "directorate": names.get(r["owner_directorate_code"], r["owner_directorate_code"]),
            "status": _label("status", r["status"], language),
            "status_code": r["status"],
            "comment": r["comment"] or "",
        }
        for r in b.rows("deliverables")
        if r["status"] in DELAY_STATUSES
    ]


def regional_rows(b: Briefing, language: str) -> list[dict[str, Any]]:
    return [
        {
            "region": r[f"region_name_{language}"],
            "priority": r[f"priority_name_{language}"],
            "deliverables": fmt.count(r["deliverable_count"], language),
            "pct_completed": fmt.percent(r["pct_completed"], language),
            "kpis": [
                {**_rag(code, language), "n": fmt.count(r[f"kpis_{code}"], language)}
                for code in ("green", "amber", "red", "grey")
            ],
        }
        for r in b.rows("regional")
    ]


def heatmaps(b: Briefing, language: str) -> list[dict[str, Any]]:
    cells = {(r["assessment"], r["likelihood"], r["impact"]): r for r in b.rows("heatmap")}
    result = []
    for assessment in ("inherent", "residual"):
        grid = []
        for impact in reversed(SCALE):
            row = []
            for likelihood in SCALE:
                cell = cells.get((assessment, likelihood, impact))
                count = int(cell["risk_count"] or 0) if cell else 0
                rating = cell["cell_rating"] if cell else ""
                row.append(
                    {
                        "n": fmt.count(count, language) if count else "",
                        "rating": rating,
                        "label": _label("rating", rating, language),
                    }
                )
            grid.append({"impact": fmt.count(impact, language), "cells": row})
        result.append(
            {
                "title": text(f"col.{assessment}", language),
                "caption": text(
                    "heatmap_caption", language, assessment=text(f"heatmap_{assessment}", language)
                ),
                "grid": grid,
                "likelihoods": [fmt.count(v, language) for v in SCALE],
            }
        )
    return result if b.rows("heatmap") else []


def risk_rows(b: Briefing, language: str) -> list[dict[str, str]]:
    return [
        {
            "code": r["risk_code"],
            "title": r["title"] or "",
            "directorate": r["directorate_code"],
            "inherent": f"{fmt.count(r['inherent_score'], language)} "
            f"({_label('rating', r['inherent_rating'], language)})",
            "residual": f"{fmt.count(r['residual_score'], language)} "
            f"({_label('rating', r['residual_rating'], language)})",
            "trend": _label("risk_trend", r["trend"], language),
            "mitigation": r["mitigation"] or "",
        }
        for r in b.rows("risks")[:TOP_RISKS]
    ]


def budget_rows(b: Briefing, language: str) -> list[dict[str, str]]:
    return [
        {
            "code": r["objective_code"],
            "name": r[f"objective_name_{language}"],
            "allocated": fmt.money(r["budget_allocated_eur"], language),
            "spent": fmt.money(r["budget_spent_eur"], language),
            "rate": fmt.percent(r["execution_rate_pct"], language),
            "elapsed": fmt.percent(r["year_elapsed_pct"], language),
            "overspent": fmt.count(r["overspent_line_count"], language),
        }
        for r in b.rows("budget")
    ]


def budget_line_rows(b: Briefing, language: str, overspent: bool) -> list[dict[str, str]]:
    return [
        {
            "code": r["deliverable_code"],
            "directorate": r["directorate_code"],
            "objective": r["objective_code"],
            "title": r[f"title_{language}"] or "",
            "allocated": fmt.money(r["budget_allocated_eur"], language),
            "spent": fmt.money(r["budget_spent_eur"], language),
            "rate": fmt.percent(r["execution_rate_pct"], language),
        }
        for r in b.rows("budget_lines")
        if not overspent or r["is_overspent"]
    ]


def statistics_rows(b: Briefing, language: str) -> list[dict[str, str]]:
    return [
        {
            "region": r[f"region_name_{language}"],
            "year": str(r["statistics_year"]),
            "indicators": fmt.count(r["indicators"], language),
            "members": fmt.count(r["members_eligible"], language),
            "coverage": fmt.percent(r["coverage_pct"], language),
        }
        for r in b.rows("statistics")
    ]


def quality_rows(b: Briefing, language: str) -> list[dict[str, str]]:
    issues = {r["owner_directorate_code"]: r["open_issues"] for r in b.rows("issues")}
    names = {d["directorate_code"]: d[f"name_{language}"] for d in b.rows("directorates")}
    rows = []
    for r in b.rows("submissions"):
        status = _label("submission", r["submission_status"], language)
        if r["is_on_time"] is False:
            status += f" ({text('submission.late', language)})"
        received = r["accepted_received_at"] or r["last_received_at"]
        rows.append(
            {
                "directorate": names.get(r["directorate_code"], r["directorate_code"]),
                "status": status,
                "received": fmt.long_date(received, language),
                "days": fmt.count(r["days_from_deadline"], language)
                if (r["days_from_deadline"] or 0) > 0
                else "",
                "problems": fmt.count(r["problem_count"], language) if r["problem_count"] else "",
                "issues": fmt.count(issues.get(r["directorate_code"]), language),
            }
        )
    return rows


SECTION_ROWS: dict[str, Callable[[Briefing, str, dict], Any]] = {
    "progress": lambda b, lang, _c: progress_rows(b, lang),
    "scorecard": lambda b, lang, _c: scorecard_rows(b, lang),
    "charts": chart_rows,
    "deliverables": lambda b, lang, _c: deliverable_rows(b, lang),
    "regional": lambda b, lang, _c: regional_rows(b, lang),
    "risks": lambda b, lang, _c: {"maps": heatmaps(b, lang), "top": risk_rows(b, lang)},
    "budget": lambda b, lang, _c: {
        "objectives": budget_rows(b, lang),
        "lines": budget_line_rows(b, lang, overspent=False),
        "overspent": budget_line_rows(b, lang, overspent=True),
    },
    "statistics": lambda b, lang, _c: statistics_rows(b, lang),
    "data_quality": lambda b, lang, _c: quality_rows(b, lang),
}


def _has_rows(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_rows(v) for k, v in value.items() if k != "overspent")
    return bool(value)


def context(
    b: Briefing, release: Release, edition: Edition, language: str, cache: dict
) -> dict[str, Any]:
    """Everything the report template needs for one edition and language."""
    sections = []
    for name in edition.sections:
        if name == "summary":
            rows: Any = summary(b, language, edition.summary)
        elif name == "methods":
            rows = {"audience": "members" if edition.members_release else "internal"}
        else:
            rows = SECTION_ROWS[name](b, language, cache)
        has_data = name in ("summary", "methods") or _has_rows(rows)
        sections.append({"name": name, "rows": rows, "has_data": has_data})
    period = b.period
    return {
        "lang": language,
        "edition": edition.name,
        "period_label": period[f"label_{language}"],
        "period_start": fmt.long_date(period["start_date"], language),
        "period_end": fmt.long_date(period["end_date"], language),
        "data_as_of": fmt.long_date(release.data_as_of, language),
        "published_at": fmt.long_date(release.published_at, language),
        "release_id": release.release_id,
        "manifest_sha256": release.manifest_sha256,
        "provisional": b.provisional,
        "sections": sections,
    }
