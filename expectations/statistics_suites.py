"""Expectation suite for Members' Customs statistics, run on the long frame of one file.

Great Expectations has a large fixed cost per validation and re-serialises ``value_set`` lists
into every result, so membership in the registers (Member, indicator) is decided beforehand in
pandas, one lookup per distinct written value, and the suite expects the resulting boolean
columns to be True. GX still decides which rows fail and reports them by position; the caller
groups the failing rows by the value written, so a misspelt Member in 1,000 rows is one finding.
"""

from __future__ import annotations

import pandas as pd

from expectations.runner import Rule, RuleFailure, validate_frame
from ingestion.findings import CRITICAL

MIN_YEAR = 1990
# Columns the caller must provide (besides member_code, indicator_code, year, value):
FLAG_COLUMNS = ("member_known", "indicator_known", "value_is_number")


def statistics_rules(max_year: int) -> list[Rule]:
    """Structure of an acceptable statistics file: every row a known Member and indicator, a
    plausible reference year and a readable number. Any failure rejects the file."""
    return [
        Rule(
            "ExpectColumnValuesToBeInSet",
            {"column": "member_known", "value_set": [True]},
            "unresolved_member",
            CRITICAL,
        ),
        Rule(
            "ExpectColumnValuesToBeInSet",
            {"column": "indicator_known", "value_set": [True]},
            "statistics_unknown_indicator",
            CRITICAL,
        ),
        Rule("ExpectColumnValuesToNotBeNull", {"column": "year"}, "not_a_year", CRITICAL),
        Rule(
            "ExpectColumnValuesToBeBetween",
            {"column": "year", "min_value": MIN_YEAR, "max_value": max_year},
            "not_a_year",
            CRITICAL,
        ),
        Rule(
            "ExpectColumnValuesToBeInSet",
            {"column": "value_is_number", "value_set": [True]},
            "not_a_number",
            CRITICAL,
        ),
    ]


def validate_statistics(frame: pd.DataFrame, max_year: int) -> list[RuleFailure]:
    """Failures of the statistics suite; rows are positions in ``frame`` (a RangeIndex)."""
    columns = ["year", *FLAG_COLUMNS]
    return validate_frame(frame[columns], statistics_rules(max_year), "statistics.values")
