"""Read a Directorate return into typed frames, driven by the return layout spec.

Values come from python-calamine (fast, streaming, no styles). Each table sheet becomes a pandas
frame indexed by the source row number, so every later finding can name its cell. Type problems
found here are critical findings; tolerated forms are warnings. Business rules (allowed codes,
ranges, uniqueness) are left to the expectation suites in ``expectations/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from python_calamine import CalamineWorkbook

from ingestion import cell_values
from ingestion.findings import CRITICAL, WARNING, Finding, column_letter, make_finding
from ingestion.return_layout import ReturnLayout, SheetSpec, load_layout, normalise_header
from ingestion.xlsx_package import SheetFacts, inspect_package


@dataclass
class ParsedSheet:
    spec: SheetSpec
    frame: pd.DataFrame  # index: 1-based source row number; columns: the spec's columns
    letters: dict[str, str]  # column name -> Excel column letter in this file

    def cell(self, column: str, row: int) -> str:
        return f"{self.letters.get(column, '?')}{row}"


@dataclass
class ParsedReturn:
    metadata: dict[str, Any] = field(default_factory=dict)
    metadata_cells: dict[str, str] = field(default_factory=dict)
    sheets: dict[str, ParsedSheet] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_critical(self) -> bool:
        return any(f.severity == CRITICAL for f in self.findings)


def _converter(layout: ReturnLayout, cell_type: str) -> Callable[[Any], tuple[Any, Any]]:
    simple = {
        "code": cell_values.as_code,
        "text": cell_values.as_text,
        "percent": cell_values.as_percent,
        "number": cell_values.as_number,
        "int": cell_values.as_int,
        "date": cell_values.as_date,
    }
    if cell_type in simple:
        return simple[cell_type]
    choices = layout.choices(cell_type)
    return lambda value: cell_values.as_choice(value, choices)


def _read_metadata(rows: list[list[Any]], layout: ReturnLayout, parsed: ParsedReturn) -> None:
    by_label: dict[str, tuple[int, Any]] = {}
    for index, row in enumerate(rows, start=1):
        if row and not cell_values.is_blank(row[0]):
            by_label[normalise_header(row[0])] = (index, row[1] if len(row) > 1 else None)
    sheet = layout.metadata_sheet
    for spec in layout.metadata_fields:
        found = next(
            (
                by_label[key]
                for key in (
                    normalise_header(spec.name),
                    normalise_header(spec.label_en),
                    normalise_header(spec.label_fr),
                )
                if key in by_label
            ),
            None,
        )
        value, _ = cell_values.as_text(found[1]) if found else (None, None)
        parsed.metadata[spec.name] = value
        parsed.metadata_cells[spec.name] = f"B{found[0]}" if found else ""
        if value is None and spec.required:
            parsed.findings.append(
                make_finding(
                    "missing_metadata",
                    sheet=sheet,
                    cell=parsed.metadata_cells[spec.name],
                    field=spec.label_en,
                )
            )


def _read_table(
    rows: list[list[Any]],
    spec: SheetSpec,
    layout: ReturnLayout,
    parsed: ParsedReturn,
    facts: SheetFacts,
) -> None:
    header_index = spec.header_row - 1
    header = rows[header_index] if len(rows) > header_index else []
    positions: dict[str, int] = {}
    for col_index, text in enumerate(header):
        if cell_values.is_blank(text):
            continue
        key = normalise_header(text)
        for column in spec.columns:
            if key in column.headers() and column.name not in positions:
                positions[column.name] = col_index
    missing = [c for c in spec.columns if c.required and c.name not in positions]
    for column in missing:
        parsed.findings.append(
            make_finding(
                "missing_column",
                sheet=spec.name,
                cell=f"{column_letter(len(header))}{spec.header_row}",
                column=column.header_en,
                row=spec.header_row,
            )
        )
    if missing:
        return
    letters = {name: column_letter(index) for name, index in positions.items()}
    converters = {c.name: _converter(layout, c.type) for c in spec.columns}
    records: list[dict[str, Any]] = []
    index: list[int] = []
    for row_no, row in enumerate(rows[header_index + 1 :], start=spec.header_row + 1):
        cells = {name: (row[pos] if pos < len(row) else None) for name, pos in positions.items()}
        if all(cell_values.is_blank(v) for v in cells.values()):
            continue
        record: dict[str, Any] = {}
        for column in spec.columns:
            raw = cells.get(column.name)
            value, note = converters[column.name](raw)
            cell = f"{letters.get(column.name, '')}{row_no}"
            if column.type == "percent" and cell in facts.percent_cells and value is not None:
                # 0.75 formatted as a percentage is what the person saw and meant: 75 %
                value = round(value * 100, 10)
                note = ("normalised", f"{value:g}")
            record[column.name] = value
            if note is None:
                continue
            rule, shown = note
            if rule == "normalised":
                parsed.findings.append(
                    make_finding(
                        "normalised", WARNING, sheet=spec.name, cell=cell, value=raw, expected=shown
                    )
                )
            else:
                parsed.findings.append(
                    make_finding(
                        rule,
                        CRITICAL,
                        sheet=spec.name,
                        cell=cell,
                        value=raw,
                        column=column.header_en,
                    )
                )
        records.append(record)
        index.append(row_no)
    frame = pd.DataFrame(records, columns=[c.name for c in spec.columns], index=index, dtype=object)
    parsed.sheets[spec.name] = ParsedSheet(spec=spec, frame=frame, letters=letters)


def _metadata_findings(parsed: ParsedReturn, facts: dict[str, SheetFacts]) -> None:
    """Formulas without a value and merged ranges, wherever they are in the layout's sheets."""
    for sheet, sheet_facts in facts.items():
        for cell in sheet_facts.formulas_without_value:
            parsed.findings.append(make_finding("formula_without_value", sheet=sheet, cell=cell))
        for merged in sheet_facts.merged_ranges:
            parsed.findings.append(
                make_finding("merged_cells", sheet=sheet, cell=merged.split(":")[0], value=merged)
            )


def layout_sheet_names(layout: ReturnLayout) -> list[str]:
    return [layout.metadata_sheet, *(s.name for s in layout.sheets)]


def parse_return(
    path: Path,
    layout: ReturnLayout | None = None,
    facts: dict[str, SheetFacts] | None = None,
) -> ParsedReturn:
    """Parse every sheet of the layout; never raises for content problems (they are findings).

    ``facts`` (from ``xlsx_package.inspect_package``) may be passed when already computed.
    """
    layout = layout or load_layout()
    parsed = ParsedReturn()
    wanted = layout_sheet_names(layout)
    if facts is None:
        facts = inspect_package(path, wanted)
    _metadata_findings(parsed, facts)
    workbook = CalamineWorkbook.from_path(str(path))
    try:
        names = set(workbook.sheet_names)
        for name in wanted:
            if name not in names:
                parsed.findings.append(make_finding("missing_sheet", sheet=name))
        if layout.metadata_sheet in names:
            rows = workbook.get_sheet_by_name(layout.metadata_sheet).to_python(
                skip_empty_area=False
            )
            _read_metadata(rows, layout, parsed)
        for spec in layout.sheets:
            if spec.name in names:
                rows = workbook.get_sheet_by_name(spec.name).to_python(skip_empty_area=False)
                _read_table(rows, spec, layout, parsed, facts.get(spec.name, SheetFacts()))
    finally:
        workbook.close()
    return parsed
