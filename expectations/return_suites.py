"""Expectation suites for the sheets of Directorate returns, validated a batch at a time.

Great Expectations has a fixed cost per validation (about 0.1 s) and re-serialises value sets
many times, so validating each sheet of each file alone made intake 30× slower than reading
the files. Instead, the rows of one sheet type from every file of a run are validated
together in one call: each row carries its file number (its source row is kept beside the
frame), and what depends on the registers (is this deliverable one of this Directorate's for
this year?) is computed first as a boolean column, so the rules themselves are the same for
every file. The frame holds only the columns the rules read, typed so that GX compares them in
bulk. Failing rows are mapped back to located, bilingual findings per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from expectations.runner import Rule, validate_frame
from ingestion.findings import CRITICAL, WARNING, Finding, make_finding
from ingestion.messages import Text, number_text
from ingestion.returns.layout import Choice, ReturnLayout, SheetSpec

FILE, ROW = "__file", "__row"
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_NS_MIN, _NS_MAX = pd.Timestamp.min, pd.Timestamp.max  # what datetime64[ns] can hold

# Register membership, per sheet: helper column -> (column it checks, allowed codes in the
# context, message catalogue rule).
MEMBERSHIP = {
    "return_deliverables": {
        "__deliverable_known": ("deliverable_code", "deliverable_codes", "unknown_deliverable")
    },
    "return_kpis": {"__kpi_known": ("kpi_code", "kpi_codes", "unknown_kpi")},
    "return_risks": {
        "__objective_known": ("objective_code", "objective_codes", "unknown_objective")
    },
    "return_resources": {
        "__deliverable_known": ("deliverable_code", "deliverable_codes", "unknown_deliverable")
    },
}


@dataclass(frozen=True)
class ReturnExpectationContext:
    """What the registers allow for one return (its Directorate and period)."""

    ip_year: str
    deliverable_codes: tuple[str, ...]
    kpi_codes: tuple[str, ...]
    objective_codes: tuple[str, ...]
    today: date


@dataclass(frozen=True)
class SheetBatchItem:
    """One file's values of a sheet, column by column, and what it may contain.

    ``columns[name][i]`` is the value read in source row ``rows[i]`` (as ``ParsedSheet``)."""

    file_no: int
    columns: dict[str, list[Any]]
    rows: list[int]
    letters: dict[str, str]
    ctx: ReturnExpectationContext
    headers: dict[str, str] = field(default_factory=dict)  # column -> header in the file


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
    """A key appears once per file (rows of other files may repeat it)."""
    return [
        Rule(
            "ExpectCompoundColumnsToBeUnique",
            {"column_list": [FILE, key]},
            "duplicate_row",
            CRITICAL,
            report_column=key,
        )
        for key in spec.key
    ]


def _choice_rules(spec: SheetSpec, layout: ReturnLayout) -> list[Rule]:
    rules = []
    for column in spec.columns:
        if column.type in ("status", "risk_trend"):
            rules.append(
                Rule(
                    "ExpectColumnValuesToBeInSet",
                    {
                        "column": column.name,
                        "value_set": [c.code for c in layout.choices(column.type)],
                    },
                    "status_in_list" if column.type == "status" else "trend_in_list",
                    CRITICAL,
                )
            )
    return rules


def _membership_rules(spec: SheetSpec) -> list[Rule]:
    return [
        Rule(
            "ExpectColumnValuesToBeInSet",
            {"column": helper, "value_set": [True]},
            rule,
            CRITICAL,
            report_column=checked,
        )
        for helper, (checked, _, rule) in MEMBERSHIP.get(spec.table, {}).items()
    ]


def _sheet_specific_rules(spec: SheetSpec, today: date) -> list[Rule]:
    if spec.table == "return_deliverables":
        return [
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
                    "max_value": datetime.combine(today, datetime.min.time()),
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
    if spec.table == "return_kpis":
        return [
            Rule(
                "ExpectColumnValuesToNotBeNull",
                {"column": "actual_value"},
                "kpi_value_missing",
                WARNING,
            )
        ]
    return []


def sheet_rules(spec: SheetSpec, layout: ReturnLayout, today: date) -> list[Rule]:
    """Every rule for one sheet type, in the order problems are reported."""
    return (
        _required_rules(spec)
        + _unique_rules(spec)
        + _range_rules(spec)
        + _choice_rules(spec, layout)
        + _membership_rules(spec)
        + _sheet_specific_rules(spec, today)
    )


@dataclass(frozen=True)
class _Combined:
    """The rows of one sheet type from every file, in one table.

    ``values`` keeps the Python values as read (for the messages); ``frame`` is what Great
    Expectations validates: only the columns some rule reads, typed once."""

    values: dict[str, list[Any]]
    frame: pd.DataFrame


def _rule_columns(rules: list[Rule]) -> set[str]:
    """Columns the rules read: checked columns, column lists and those of row conditions."""
    names: set[str] = set()
    for rule in rules:
        names.update(n for n in (rule.kwargs.get("column"),) if n)
        names.update(rule.kwargs.get("column_list", ()))
        names.update(_IDENTIFIER.findall(rule.kwargs.get("row_condition", "")))
    return names


def _typed_column(values: list[Any]) -> Any:
    """GX compares dates and numbers natively only on typed columns; text as pandas strings
    (Arrow-backed) is hashed and compared several times faster than Python objects."""
    kinds = {value.__class__ for value in values if value is not None}
    if not kinds:
        return pd.array(values, dtype=object)
    if kinds <= {date, datetime}:
        stamps = pd.to_datetime(pd.Series(values, dtype=object))
        # GX compares nanosecond datetimes in bulk, other units value by value
        if stamps.min() >= _NS_MIN and stamps.max() <= _NS_MAX:
            return stamps.astype("datetime64[ns]")
        return stamps
    if kinds <= {int, float}:
        return pd.to_numeric(pd.Series(values, dtype=object))
    if kinds == {str}:
        return pd.array(values, dtype="str")
    if kinds == {bool}:
        return pd.array(values, dtype="boolean")
    return pd.array(values, dtype=object)


def _combined(spec: SheetSpec, items: list[SheetBatchItem], needed: set[str]) -> _Combined:
    values: dict[str, list[Any]] = {name: [] for name in (c.name for c in spec.columns)}
    values[FILE], values[ROW] = [], []
    helpers = MEMBERSHIP.get(spec.table, {})
    for helper in helpers:
        values[helper] = []
    for item in items:
        for name in (c.name for c in spec.columns):
            values[name].extend(item.columns[name])
        values[FILE].extend([item.file_no] * len(item.rows))
        values[ROW].extend(item.rows)
        for helper, (checked, allowed_attr, _) in helpers.items():
            allowed = set(getattr(item.ctx, allowed_attr))
            checked_values = item.columns[checked]
            values[helper].extend(None if v is None else v in allowed for v in checked_values)
    frame = pd.DataFrame({name: _typed_column(values[name]) for name in values if name in needed})
    return _Combined(values=values, frame=frame)


def _labels(choices: tuple[Choice, ...]) -> Text:
    return Text(
        en=", ".join(c.label_en for c in choices), fr=", ".join(c.label_fr for c in choices)
    )


def _range_text(spec: SheetSpec, column: str) -> str | Text:
    """The allowed range in words: "1 to 5", "at least 0" (never "[0; ]")."""
    bounds = next((c.range for c in spec.columns if c.name == column and c.range), None)
    if not bounds:
        return ""
    low, high = bounds
    low_text = number_text(low) if low is not None else None
    high_text = number_text(high) if high is not None else None
    if low_text is not None and high_text is not None:
        return Text(en=f"{low_text.en} to {high_text.en}", fr=f"{low_text.fr} à {high_text.fr}")
    if low_text is not None:
        return Text(en=f"at least {low_text.en}", fr=f"au moins {low_text.fr}")
    assert high_text is not None
    return Text(en=f"at most {high_text.en}", fr=f"au plus {high_text.fr}")


def _quoted(spec: SheetSpec, column: str, item: SheetBatchItem) -> dict[str, str]:
    """The column as its header stands in the file, the other language's name beside it."""
    found = next((c for c in spec.columns if c.name == column), None)
    if found is None:
        return {"column": column, "aside": ""}
    return found.quoted(item.headers.get(column))


def _shown_value(values: dict[str, list[Any]], position: int, rule: str, column: str) -> object:
    value_column = {"kpi_value_missing": "kpi_code", "completed_not_100": "percent_complete"}.get(
        rule, column
    )
    value = values[value_column][position] if value_column in values else ""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else value


def validate_return_sheets(
    spec: SheetSpec, layout: ReturnLayout, items: list[SheetBatchItem]
) -> dict[int, list[Finding]]:
    """Located findings per file number for one sheet type, in one validation."""
    if not items:
        return {}
    today = items[0].ctx.today
    rules = sheet_rules(spec, layout, today)
    combined = _combined(spec, items, _rule_columns(rules))
    failures = validate_frame(combined.frame, rules, spec.table)
    files, rows = combined.values[FILE], combined.values[ROW]
    by_file = {item.file_no: item for item in items}
    findings: dict[int, list[Finding]] = {item.file_no: [] for item in items}
    for failure in failures:
        rule = failure.rule
        column = failure.column or ""
        allowed = {
            "status_in_list": _labels(layout.statuses),
            "trend_in_list": _labels(layout.risk_trends),
        }.get(rule.rule, _range_text(spec, column))
        if not failure.rows:  # GX could not say which rows: every file is told of the column
            for item in items:
                findings[item.file_no].append(
                    make_finding(
                        rule.rule,
                        rule.severity,
                        sheet=spec.name,
                        cell=f"{item.letters.get(column, '?')}{spec.header_row}",
                        **_quoted(spec, column, item),
                        expected=allowed,
                        ip_year=item.ctx.ip_year,
                    )
                )
        for position in failure.rows:
            item = by_file[files[position]]
            row = rows[position]
            expected = allowed
            if rule.rule == "unknown_objective":
                expected = ", ".join(item.ctx.objective_codes)
            findings[item.file_no].append(
                make_finding(
                    rule.rule,
                    rule.severity,
                    sheet=spec.name,
                    cell=f"{item.letters.get(column, '?')}{row}",
                    value=_shown_value(combined.values, position, rule.rule, column),
                    **_quoted(spec, column, item),
                    expected=expected,
                    ip_year=item.ctx.ip_year,
                )
            )
    for file_findings in findings.values():
        file_findings.sort(key=lambda f: _cell_order(f.cell))
    return findings


def _cell_order(cell: str) -> tuple[int, str]:
    """Findings of a file in reading order: by row, then column."""
    letters = cell.rstrip("0123456789")
    digits = cell[len(letters) :]
    return (int(digits) if digits.isdigit() else 0, letters.rjust(3))
