"""Read a Directorate return into typed frames, driven by the return layout spec.

Values come from python-calamine (fast, streaming, no styles). Each table sheet becomes a pandas
frame indexed by the source row number, so every later finding can name its cell. Type problems
found here are critical findings; tolerated forms are warnings. Business rules (allowed codes,
ranges, uniqueness) are left to the expectation suites in ``expectations/``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from python_calamine import CalamineWorkbook

from ingestion.findings import CRITICAL, WARNING, Finding, column_letter, make_finding
from ingestion.returns import cell_values, column_values
from ingestion.returns.layout import ReturnLayout, SheetSpec, load_layout, normalise_header
from ingestion.xlsx.package import SheetFacts, inspect_package


@dataclass
class ParsedSheet:
    """One table sheet, column by column: ``columns[name][i]`` is the value in ``rows[i]``.

    The pandas frame is built on first use only: validation reads the columns directly (all
    files of a run at once), so a rejected file never pays for a frame of its own."""

    spec: SheetSpec
    columns: dict[str, list[Any]]  # the spec's columns, in spec order
    rows: list[int]  # 1-based source row number of each value
    letters: dict[str, str]  # column name -> Excel column letter in this file
    headers: dict[str, str] = field(default_factory=dict)  # column name -> header in this file

    @cached_property
    def frame(self) -> pd.DataFrame:
        """Index: 1-based source row number; columns: the spec's columns (object dtype)."""
        return pd.DataFrame(
            self.columns, columns=list(self.columns), index=pd.Index(self.rows), dtype=object
        )

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
        if found and spec.type == "code" and isinstance(found[1], str) and found[1] != value:
            parsed.findings.append(
                make_finding(
                    "normalised",
                    WARNING,
                    sheet=sheet,
                    cell=parsed.metadata_cells[spec.name],
                    value=found[1],
                    expected=value,
                )
            )
        if value is None and spec.required:
            parsed.findings.append(
                make_finding(
                    "missing_metadata",
                    sheet=sheet,
                    cell=parsed.metadata_cells[spec.name],
                    field=spec.label_en,
                )
            )


@cache
def _columns_by_header(spec: SheetSpec) -> dict[str, tuple[str, ...]]:
    """Normalised header text -> the columns it names (machine name, EN or FR label)."""
    names: dict[str, list[str]] = {}
    for column in spec.columns:
        for key in column.headers():
            names.setdefault(key, []).append(column.name)
    return {key: tuple(found) for key, found in names.items()}


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
    by_header = _columns_by_header(spec)
    for col_index, text in enumerate(header):
        if cell_values.is_blank(text):
            continue
        for name in by_header.get(normalise_header(text), ()):
            if name not in positions:
                positions[name] = col_index
    missing = [c for c in spec.columns if c.required and c.name not in positions]
    for column in missing:
        parsed.findings.append(
            make_finding(
                "missing_column",
                sheet=spec.name,
                cell=f"{column_letter(len(header))}{spec.header_row}",
                **column.quoted(),
                row=spec.header_row,
            )
        )
    if missing:
        return
    letters = {name: column_letter(index) for name, index in positions.items()}
    body = rows[header_index + 1 :]
    width = max(positions.values()) + 1
    if any(len(row) < width for row in body):  # calamine's rows are rectangular; be safe
        body = [[*row, *([None] * (width - len(row)))] for row in body]
    by_position = list(zip(*body, strict=False)) if body else [() for _ in range(width)]
    raw: dict[str, Sequence[Any]] = {name: by_position[pos] for name, pos in positions.items()}
    # A row is read when any of the layout's cells in it is filled (empty trailing rows are not).
    keep = column_values.filled_rows(list(raw.values()))
    if len(keep) < len(body):
        raw = {name: [values[i] for i in keep] for name, values in raw.items()}
    source_rows = [spec.header_row + 1 + i for i in keep]
    if facts.hidden_rows or facts.hidden_columns:
        _hidden_data(spec, header, positions, raw, source_rows, facts, parsed)
    notes: list[tuple[int, int, Finding]] = []  # (row position, column order, finding)
    columns: dict[str, list[Any]] = {}
    for order, column in enumerate(spec.columns):
        if column.name not in raw:  # an optional column the file does not have
            columns[column.name] = [None] * len(source_rows)
            continue
        values, problems = column_values.convert(raw[column.name], column.type, layout)
        if column.type == "percent" and facts.percent_cells:
            problems = _percent_formatted(
                values, problems, source_rows, letters[column.name], facts.percent_cells
            )
        letter = letters[column.name]
        for position, (rule, shown) in problems.items():
            cell = f"{letter}{source_rows[position]}"
            value = raw[column.name][position]
            if rule == "normalised":
                finding = make_finding(
                    "normalised", WARNING, sheet=spec.name, cell=cell, value=value, expected=shown
                )
            else:
                finding = make_finding(
                    rule,
                    CRITICAL,
                    sheet=spec.name,
                    cell=cell,
                    value=value,
                    **column.quoted(header[positions[column.name]]),
                )
            notes.append((position, order, finding))
        columns[column.name] = values
    notes.sort(key=lambda note: (note[0], note[1]))  # reading order, as a person scans the sheet
    parsed.findings.extend(finding for _, _, finding in notes)
    headers = {name: header_text(header[index]) for name, index in positions.items()}
    parsed.sheets[spec.name] = ParsedSheet(
        spec=spec, columns=columns, rows=source_rows, letters=letters, headers=headers
    )


def _hidden_data(
    spec: SheetSpec,
    header: list[Any],
    positions: dict[str, int],
    raw: dict[str, Sequence[Any]],
    source_rows: list[int],
    facts: SheetFacts,
    parsed: ParsedReturn,
) -> None:
    """A hidden row or column that holds data is rejected: hiding is how people withdraw a line
    on screen, and the sender did not see what would have been loaded."""
    first = min(positions.values())
    for row in source_rows:
        if row in facts.hidden_rows:
            parsed.findings.append(
                make_finding(
                    "hidden_row", sheet=spec.name, cell=f"{column_letter(first)}{row}", row=row
                )
            )
    for name, index in sorted(positions.items(), key=lambda item: item[1]):
        if index in facts.hidden_columns and any(
            not cell_values.is_blank(value) for value in raw[name]
        ):
            letter = column_letter(index)
            parsed.findings.append(
                make_finding(
                    "hidden_column",
                    sheet=spec.name,
                    cell=f"{letter}{spec.header_row}",
                    column=header_text(header[index]),
                    letter=letter,
                )
            )


def header_text(value: Any) -> str:
    """A header as it stands in the file, for messages that quote it."""
    return " ".join(str(value).split())


def _percent_formatted(
    values: list[Any],
    problems: dict[int, tuple[str, str | None]],
    source_rows: list[int],
    letter: str,
    percent_cells: set[str],
) -> dict[int, tuple[str, str | None]]:
    """0.75 formatted as a percentage is what the person saw and meant: 75 %."""
    width = len(letter)
    formatted = {
        int(ref[width:])
        for ref in percent_cells
        if ref[:width] == letter and ref[width:].isdigit() and ref[width] != "0"
    }
    if not formatted:
        return problems
    problems = dict(problems)
    for position, row in enumerate(source_rows):
        if row in formatted and values[position] is not None:
            value = round(values[position] * 100, 10)
            values[position] = value
            problems[position] = ("normalised", f"{value:g}")
    return dict(sorted(problems.items()))


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
    with _paused_cyclic_gc():
        try:
            _read_sheets(workbook, layout, parsed, facts)
        finally:
            workbook.close()
    return parsed


def _read_sheets(
    workbook: CalamineWorkbook,
    layout: ReturnLayout,
    parsed: ParsedReturn,
    facts: dict[str, SheetFacts],
) -> None:
    wanted = layout_sheet_names(layout)
    names = set(workbook.sheet_names)
    for name in wanted:
        if name not in names:
            parsed.findings.append(make_finding("missing_sheet", sheet=name))
    if layout.metadata_sheet in names:
        rows = workbook.get_sheet_by_name(layout.metadata_sheet).to_python(skip_empty_area=False)
        _read_metadata(rows, layout, parsed)
    for spec in layout.sheets:
        if spec.name in names:
            rows = workbook.get_sheet_by_name(spec.name).to_python(skip_empty_area=False)
            _read_table(rows, spec, layout, parsed, facts.get(spec.name, SheetFacts()))


@contextmanager
def _paused_cyclic_gc() -> Iterator[None]:
    """No cyclic garbage collection while a workbook becomes Python values.

    A 50,000-row sheet is 50,000 new lists: enough to trigger a full collection, which walks
    every object of the process (GX alone brings 300,000) and cost more than calamine's whole
    parse. Nothing built here is cyclic, so reference counting frees it all; collection simply
    resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
