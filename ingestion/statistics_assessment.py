"""Judge one Members' statistics file in long format (CSV: member, year, indicator, value, unit).

This is the foundation's reader: one dialect (UTF-8 CSV, comma separated, ISO3 member codes).
Missing markers (empty, ``n/a``, ``..``, ``-``) skip the row; identical duplicate rows load once
with a warning; conflicting duplicates reject the file.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ingestion.cell_values import as_number
from ingestion.findings import CRITICAL, WARNING, Finding, make_finding
from ingestion.register_context import RegisterContext

COLUMNS = ("member_code", "year", "indicator_code", "value", "unit")
ALIASES = {"member": "member_code", "indicator": "indicator_code", "country": "member_code"}
MISSING = {"", "n/a", "na", "..", "-", "…"}


@dataclass
class StatisticsAssessment:
    findings: list[Finding] = field(default_factory=list)
    frame: pd.DataFrame | None = None

    @property
    def accepted(self) -> bool:
        return not any(f.severity == CRITICAL for f in self.findings)


def assess_statistics(path: Path, ctx: RegisterContext, max_year: int) -> StatisticsAssessment:
    from expectations.statistics_suites import validate_statistics

    result = StatisticsAssessment()
    sheet = path.name
    if path.suffix.lower() != ".csv":
        result.findings.append(make_finding("not_xlsx", detail=" (a .csv file is expected here)"))
        return result
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        result.findings.append(make_finding("read_failed", detail=f"not UTF-8 text ({exc.reason})"))
        return result
    header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in (rows[0] if rows else [])]
    missing = [c for c in COLUMNS[:4] if c not in header]
    for column in missing:
        result.findings.append(
            make_finding("missing_column", sheet=sheet, cell="row 1", column=column, row=1)
        )
    if missing:
        return result
    position = {name: header.index(name) for name in COLUMNS if name in header}
    records, index = [], []
    seen: dict[tuple[str, str, str], tuple[int, float]] = {}
    for row_no, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cell = {k: (row[i].strip() if i < len(row) else "") for k, i in position.items()}
        if cell["value"].lower() in MISSING:
            continue
        value, note = as_number(cell["value"])
        if value is None and note:
            result.findings.append(
                make_finding(
                    "not_a_number",
                    sheet=sheet,
                    cell=f"D{row_no}",
                    value=cell["value"],
                    column="value",
                )
            )
            continue
        key = (cell["member_code"].upper(), cell["year"], cell["indicator_code"].upper())
        if key in seen and seen[key][1] == value:
            result.findings.append(
                make_finding(
                    "duplicate_row",
                    WARNING,
                    sheet=sheet,
                    cell=f"A{row_no}",
                    value=" / ".join(key),
                    column="member, year, indicator",
                )
            )
            continue
        seen[key] = (row_no, value)
        records.append(
            {
                "member_code": key[0] or None,
                "year": int(cell["year"]) if cell["year"].isdigit() else None,
                "indicator_code": key[2],
                "value": value,
                "unit": cell.get("unit") or None,
            }
        )
        index.append(row_no)
    frame = pd.DataFrame(records, columns=list(COLUMNS), index=index, dtype=object)
    result.findings.extend(
        validate_statistics(frame, sorted(ctx.members), sorted(ctx.indicators), max_year, sheet)
    )
    result.frame = frame
    return result
