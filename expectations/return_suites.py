"""Expectation suites for the sheets of a Directorate return.

The rules are written once here against the layout spec; the register-dependent values (which
deliverables and KPIs the Directorate owns, which objectives exist) are filled in per file from
the registers. Failing rows are turned into located, bilingual findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from expectations.runner import Rule, validate_frame
from ingestion.findings import CRITICAL, WARNING, Finding, make_finding
from ingestion.messages import Text
from ingestion.return_layout import Choice, ReturnLayout, SheetSpec


@dataclass(frozen=True)
class ReturnExpectationContext:
    """What the registers allow for one return (its Directorate and period)."""

    ip_year: str
    deliverable_codes: tuple[str, ...]
    kpi_codes: tuple[str, ...]
    objective_codes: tuple[str, ...]
    today: date


def _required_rules(spec: SheetSpec) -> list[Rule]:
    return [
        Rule("ExpectColumnValuesToNotBeNull", {"column": c.name}, "required", CRITICAL)
        for c in spec.columns
        if c.required and c.load
    ]


def _range_rules(spec: SheetSpec) -> list[Rule]:
    rules = []
    for column in spec.columns:
        if column.type == "percent":
            rules.append(
                Rule(
                    "ExpectColumnValuesToBeBetween",
                    {"column": column.name, "min_value": 0, "max_value": 100},
                    "percent_range",
                    CRITICAL,
                )
            )
        elif column.range:
            low, high = column.range
            rules.append(
                Rule(
                    "ExpectColumnValuesToBeBetween",
                    {"column": column.name, "min_value": low, "max_value": high},
                    "value_range",
                    CRITICAL,
                )
            )
    return rules


def _unique_rules(spec: SheetSpec) -> list[Rule]:
    return [
        Rule("ExpectColumnValuesToBeUnique", {"column": key}, "duplicate_row", CRITICAL)
        for key in spec.key
    ]


def sheet_rules(spec: SheetSpec, layout: ReturnLayout, ctx: ReturnExpectationContext) -> list[Rule]:
    """Every rule for one sheet, in the order problems are reported."""
    rules = _required_rules(spec) + _unique_rules(spec) + _range_rules(spec)
    for column in spec.columns:
        if column.type == "status":
            rules.append(
                Rule(
                    "ExpectColumnValuesToBeInSet",
                    {"column": column.name, "value_set": [c.code for c in layout.statuses]},
                    "status_in_list",
                    CRITICAL,
                )
            )
        if column.type == "risk_trend":
            rules.append(
                Rule(
                    "ExpectColumnValuesToBeInSet",
                    {"column": column.name, "value_set": [c.code for c in layout.risk_trends]},
                    "trend_in_list",
                    CRITICAL,
                )
            )
    if spec.table == "return_deliverables":
        rules += [
            Rule(
                "ExpectColumnValuesToBeInSet",
                {"column": "deliverable_code", "value_set": list(ctx.deliverable_codes)},
                "unknown_deliverable",
                CRITICAL,
            ),
            Rule(
                "ExpectColumnValuesToBeBetween",
                {
                    "column": "percent_complete",
                    "min_value": 100,
                    "max_value": 100,
                    "row_condition": 'status=="completed"',
                    "condition_parser": "pandas",
                },
                "completed_not_100",
                CRITICAL,
            ),
            Rule(
                "ExpectColumnValuesToBeBetween",
                {
                    "column": "completion_date",
                    "max_value": datetime.combine(ctx.today, datetime.min.time()),
                },
                "completion_in_future",
                CRITICAL,
            ),
            Rule(
                "ExpectColumnValuesToNotBeNull",
                {
                    "column": "comment",
                    "row_condition": 'status.isin(["at_risk", "delayed"])',
                    "condition_parser": "pandas",
                },
                "comment_required",
                CRITICAL,
            ),
        ]
    elif spec.table == "return_kpis":
        rules += [
            Rule(
                "ExpectColumnValuesToBeInSet",
                {"column": "kpi_code", "value_set": list(ctx.kpi_codes)},
                "unknown_kpi",
                CRITICAL,
            ),
            Rule(
                "ExpectColumnValuesToNotBeNull",
                {"column": "actual_value"},
                "kpi_value_missing",
                WARNING,
            ),
        ]
    elif spec.table == "return_risks":
        rules.append(
            Rule(
                "ExpectColumnValuesToBeInSet",
                {"column": "objective_code", "value_set": list(ctx.objective_codes)},
                "unknown_objective",
                CRITICAL,
            )
        )
    elif spec.table == "return_resources":
        rules.append(
            Rule(
                "ExpectColumnValuesToBeInSet",
                {"column": "deliverable_code", "value_set": list(ctx.deliverable_codes)},
                "unknown_deliverable",
                CRITICAL,
            )
        )
    return rules


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """GX compares dates and numbers natively only on typed columns."""
    typed = frame.copy()
    for name in typed.columns:
        non_null = typed[name].dropna()
        if len(non_null) and all(isinstance(v, date) for v in non_null):
            typed[name] = pd.to_datetime(typed[name])
        elif len(non_null) and all(isinstance(v, int | float) for v in non_null):
            typed[name] = pd.to_numeric(typed[name])
    return typed


def _labels(choices: tuple[Choice, ...]) -> Text:
    return Text(
        en=", ".join(c.label_en for c in choices), fr=", ".join(c.label_fr for c in choices)
    )


def _range_text(spec: SheetSpec, column: str) -> str:
    bounds = next((c.range for c in spec.columns if c.name == column and c.range), None)
    if not bounds:
        return ""
    low, high = bounds
    return f"[{'' if low is None else f'{low:g}'}; {'' if high is None else f'{high:g}'}]"


def validate_return_sheet(
    frame: pd.DataFrame,
    spec: SheetSpec,
    letters: dict[str, str],
    layout: ReturnLayout,
    ctx: ReturnExpectationContext,
) -> list[Finding]:
    """Located findings for one sheet's frame (index = source row numbers)."""
    failures = validate_frame(_typed(frame), sheet_rules(spec, layout, ctx), f"return.{spec.table}")
    findings = []
    allowed: dict[str, Text | str] = {
        "status_in_list": _labels(layout.statuses),
        "trend_in_list": _labels(layout.risk_trends),
        "unknown_objective": ", ".join(ctx.objective_codes),
    }
    labels = {c.name: c.header_en for c in spec.columns}
    for failure in failures:
        column = failure.column or ""
        if not failure.rows:  # GX could not say which rows: the whole column is reported
            findings.append(
                make_finding(
                    failure.rule.rule,
                    failure.rule.severity,
                    sheet=spec.name,
                    cell=f"{letters.get(column, '?')}{spec.header_row}",
                    column=labels.get(column, column),
                    expected=allowed.get(failure.rule.rule, _range_text(spec, column)),
                    ip_year=ctx.ip_year,
                )
            )
        for row in failure.rows:
            value = frame.at[row, column] if column in frame.columns else ""
            if failure.rule.rule == "kpi_value_missing":
                value = frame.at[row, "kpi_code"]
            if failure.rule.rule == "completed_not_100":
                value = frame.at[row, "percent_complete"]
            findings.append(
                make_finding(
                    failure.rule.rule,
                    failure.rule.severity,
                    sheet=spec.name,
                    cell=f"{letters.get(column, '?')}{row}",
                    value="" if value is None else value,
                    column=labels.get(column, column),
                    expected=allowed.get(failure.rule.rule, _range_text(spec, column)),
                    ip_year=ctx.ip_year,
                )
            )
    return findings
