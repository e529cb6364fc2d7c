"""Expectation suite for Members' Customs statistics in long format (member, year, indicator)."""

from __future__ import annotations

import pandas as pd

from expectations.runner import Rule, validate_frame
from ingestion.findings import CRITICAL, Finding, make_finding

COLUMN_LETTERS = {"member_code": "A", "year": "B", "indicator_code": "C", "value": "D", "unit": "E"}


def statistics_rules(members: list[str], indicators: list[str], max_year: int) -> list[Rule]:
    return [
        Rule("ExpectColumnValuesToNotBeNull", {"column": "member_code"}, "required", CRITICAL),
        Rule("ExpectColumnValuesToNotBeNull", {"column": "year"}, "required", CRITICAL),
        Rule(
            "ExpectColumnValuesToBeInSet",
            {"column": "member_code", "value_set": members},
            "unknown_member",
            CRITICAL,
        ),
        Rule(
            "ExpectColumnValuesToBeInSet",
            {"column": "indicator_code", "value_set": indicators},
            "unknown_indicator",
            CRITICAL,
        ),
        Rule(
            "ExpectColumnValuesToBeBetween",
            {"column": "year", "min_value": 1990, "max_value": max_year},
            "value_range",
            CRITICAL,
        ),
        Rule(
            "ExpectCompoundColumnsToBeUnique",
            {"column_list": ["member_code", "year", "indicator_code"]},
            "conflicting_duplicate",
            CRITICAL,
        ),
    ]


def validate_statistics(
    frame: pd.DataFrame,
    members: list[str],
    indicators: list[str],
    max_year: int,
    sheet: str,
    letters: dict[str, str] | None = None,
) -> list[Finding]:
    letters = letters or COLUMN_LETTERS
    typed = frame.copy()
    typed["year"] = pd.to_numeric(typed["year"])
    failures = validate_frame(
        typed, statistics_rules(members, indicators, max_year), "statistics.values"
    )
    findings = []
    for failure in failures:
        column = failure.column or "member_code"
        if not failure.rows:  # GX could not say which rows: the whole column is reported
            findings.append(
                make_finding(
                    failure.rule.rule,
                    failure.rule.severity,
                    sheet=sheet,
                    cell=f"{letters.get(column, '?')}1",
                    column=column,
                )
            )
        for row in failure.rows:
            findings.append(
                make_finding(
                    failure.rule.rule,
                    failure.rule.severity,
                    sheet=sheet,
                    cell=f"{letters.get(column, '?')}{row}",
                    value=frame.at[row, column],
                    column=column,
                    expected=f"1990 to {max_year}" if failure.rule.rule == "value_range" else "",
                )
            )
    return findings
