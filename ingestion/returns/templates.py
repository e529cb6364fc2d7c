"""Return templates: one pre-filled ``.xlsx`` per Directorate and period, that intake accepts.

Most rejected returns come from retyped codes, renamed headers and free-typed statuses. A
template generated from the registers removes those mistakes at the source: codes and titles are
written and locked, every input cell has a drop-down or a typed validation, and the workbook
follows ``return_layout.yaml`` exactly as intake reads it:

* the header row (row 1) is in the Directorate's preferred language; the other language is in a
  comment on each header. Intake matches a header by machine name or by its EN or FR label, so
  a combined "Statut / Status" header would not be recognised today;
* statuses and trends are offered as labels in the preferred language; intake maps EN and FR
  labels back to their codes;
* the previous period's accepted values sit in columns to the right whose headers are not
  layout headers, so intake ignores them;
* ``Metadata`` (read by intake by name, key/value in columns A/B) is very hidden and protected;
  it also carries the plan revision and the generation time, which intake ignores.

The same inputs (registers, previous values, generation time) give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from ingestion.messages import Text, fix, message
from ingestion.paths import SpfPaths
from ingestion.registers.context import BRUSSELS
from ingestion.returns.file_name import template_file_name
from ingestion.returns.layout import ColumnSpec, ReturnLayout, SheetSpec, load_layout
from ingestion.returns.template_previous import PreviousValues, read_previous_values
from ingestion.xlsx.safety import inert
from ingestion.xlsx.writer import save_deterministic

INSTRUCTIONS_SHEET = "Instructions"
RISK_INPUT_ROWS = 30  # free rows offered on sheets without pre-filled codes (Risks)
AUTHOR = "WCO Strategic Planning and Foresight"
DATE_FORMAT = "yyyy-mm-dd"
EXCEL_EPOCH = date(1899, 12, 30)
NUMBER_LIMIT = 1e15  # "any number": Excel's decimal validation needs bounds
INSTRUCTIONS_WIDTH = 72  # characters: fits an A4 portrait page without scaling
A4 = 9  # paper size code in SpreadsheetML

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
LOCKED_FILL = PatternFill("solid", fgColor="E7E6E6")
REFERENCE_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FONT = Font(bold=True, color="FFFFFF")
REFERENCE_FONT = Font(italic=True, color="595959")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)

COLUMN_WIDTHS = {
    "code": 14,
    "text": 45,
    "status": 18,
    "risk_trend": 14,
    "percent": 12,
    "number": 16,
    "int": 14,
    "date": 14,
}


class TemplateError(ValueError):
    """A template cannot be made for what was asked (unknown period or Directorate)."""


@dataclass(frozen=True)
class Item:
    """A pre-filled row: a deliverable or a KPI, with its title in both languages."""

    code: str
    title_en: str
    title_fr: str


@dataclass(frozen=True)
class TemplateInputs:
    """Everything one template depends on; the same inputs give the same bytes."""

    directorate_code: str
    name_en: str
    name_fr: str
    language: str  # the Directorate's preferred language: "en" or "fr"
    period_code: str
    ip_year: str
    period_start: date
    period_end: date
    deadline: datetime  # Europe/Brussels local time, as in the calendar
    plan_cycle: str
    plan_revision: int
    plan_start: date
    deliverables: tuple[Item, ...]
    kpis: tuple[Item, ...]
    objectives: tuple[str, ...]
    generated_at: datetime  # aware; written in the metadata and used as the file timestamp
    previous: PreviousValues = field(default_factory=lambda: PreviousValues(None))

    @property
    def other_language(self) -> str:
        return "en" if self.language == "fr" else "fr"

    @property
    def file_name(self) -> str:
        return template_file_name(self.directorate_code, self.period_code)


# --- choosing what to generate -------------------------------------------------------------------


def _deadline_utc(local: datetime) -> datetime:
    return local.replace(tzinfo=BRUSSELS).astimezone(UTC)


def next_period(frames: dict[str, pd.DataFrame], now: datetime) -> str:
    """The period whose return deadline is the nearest one still in the future."""
    calendar = frames["reporting_calendar"]
    upcoming = [
        (_deadline_utc(row.return_deadline), row.period_code)
        for row in calendar.itertuples(index=False)
        if _deadline_utc(row.return_deadline) > now
    ]
    if not upcoming:
        raise TemplateError(
            "No period of the reporting calendar has a deadline in the future; "
            "give one with --period."
        )
    return min(upcoming)[1]


def previous_period(frames: dict[str, pd.DataFrame], period_code: str) -> str | None:
    """The period just before ``period_code`` in the calendar (by start date), if any."""
    calendar = frames["reporting_calendar"].sort_values("start_date")
    codes = list(calendar["period_code"])
    index = codes.index(period_code)
    return codes[index - 1] if index > 0 else None


def _period_row(frames: dict[str, pd.DataFrame], period_code: str) -> Any:
    calendar = frames["reporting_calendar"]
    rows = calendar[calendar["period_code"] == period_code]
    if rows.empty:
        known = ", ".join(sorted(calendar["period_code"]))
        raise TemplateError(f"Period '{period_code}' is not in the reporting calendar ({known}).")
    return next(rows.itertuples(index=False))


def active_directorates(frames: dict[str, pd.DataFrame], period_code: str) -> list[Any]:
    """Directorate register rows in force during the period, one per code, sorted by code."""
    period = _period_row(frames, period_code)
    chosen: dict[str, Any] = {}
    for row in frames["directorates"].sort_values("valid_from").itertuples(index=False):
        ends = row.valid_to if row.valid_to is not None and not pd.isna(row.valid_to) else None
        if row.valid_from <= period.end_date and (ends is None or ends >= period.start_date):
            chosen[row.directorate_code] = row  # the latest version in force wins
    return [chosen[code] for code in sorted(chosen)]


def plan_inputs(
    frames: dict[str, pd.DataFrame],
    period_code: str,
    directorates: Sequence[str] | None,
    generated_at: datetime,
    previous: dict[str, PreviousValues] | None = None,
) -> list[TemplateInputs]:
    """Inputs of every template asked for (all Directorates in force by default)."""
    period = _period_row(frames, period_code)
    in_force = {row.directorate_code: row for row in active_directorates(frames, period_code)}
    wanted = list(directorates) if directorates else sorted(in_force)
    unknown = [code for code in wanted if code not in in_force]
    if unknown:
        raise TemplateError(
            f"Directorate(s) {', '.join(unknown)} not in the Directorate register for "
            f"{period_code} (known: {', '.join(sorted(in_force))})."
        )
    plans = frames["implementation_plans"].set_index("ip_year")
    plan = plans.loc[period.ip_year]
    cycles = frames["plan_cycles"]
    cycle = cycles[
        (cycles["plan_cycle"] == plan["plan_cycle"])
        & (cycles["plan_revision"] == plan["plan_revision"])
    ]
    plan_start = cycle.iloc[0]["start_date"] if not cycle.empty else plan["start_date"]
    deliverables = frames["deliverables"]
    kpis = frames["kpis"]
    objectives = tuple(sorted(frames["objectives"]["objective_code"]))
    generated = generated_at.astimezone(UTC).replace(microsecond=0)
    result = []
    for code in wanted:
        row = in_force[code]
        own = deliverables[
            (deliverables["owner_directorate"] == code)
            & (deliverables["ip_year"] == period.ip_year)
        ].sort_values("deliverable_code")
        own_kpis = kpis[(kpis["owner_directorate"] == code) & (kpis["source"] == "return")]
        result.append(
            TemplateInputs(
                directorate_code=code,
                name_en=row.name_en,
                name_fr=row.name_fr,
                language=row.preferred_language,
                period_code=period_code,
                ip_year=period.ip_year,
                period_start=period.start_date,
                period_end=period.end_date,
                deadline=period.return_deadline,
                plan_cycle=str(plan["plan_cycle"]),
                plan_revision=int(plan["plan_revision"]),
                plan_start=plan_start,
                deliverables=tuple(
                    Item(r.deliverable_code, r.title_en, r.title_fr)
                    for r in own.itertuples(index=False)
                ),
                kpis=tuple(
                    Item(r.kpi_code, r.name_en, r.name_fr)
                    for r in own_kpis.sort_values("kpi_code").itertuples(index=False)
                ),
                objectives=objectives,
                generated_at=generated,
                previous=(previous or {}).get(code, PreviousValues(None)),
            )
        )
    return result


# --- text ----------------------------------------------------------------------------------------


def _text(rule: str, language: str, **params: Any) -> str:
    return message(rule, **params).in_language(language)


def _both(first: str, second: str) -> str:
    """Two wordings side by side, the preferred first; once when they are the same."""
    return first if first == second else f"{first} / {second}"


def _header(column: ColumnSpec, language: str) -> str:
    return column.header_fr if language == "fr" else column.header_en


def _language_names() -> dict[str, Text]:
    return {lang: message(f"language_name_{lang}") for lang in ("en", "fr")}


# --- sheets --------------------------------------------------------------------------------------


def _excel_serial(day: date) -> int:
    return (day - EXCEL_EPOCH).days


def _fmt(number: float) -> str:
    return f"{number:g}"


def _validation(
    inputs: TemplateInputs, rule: str, title: Text, params: dict[str, Any], **kwargs: Any
) -> DataValidation:
    """A data validation whose prompt and error are in both languages, preferred first."""
    first, second = inputs.language, inputs.other_language
    prompt = message(rule, **params)
    error = fix(rule, **params)
    return DataValidation(
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="stop",
        promptTitle=_both(title.in_language(first), title.in_language(second))[:32],
        prompt=f"{prompt.in_language(first)}\n{prompt.in_language(second)}"[:255],
        errorTitle=_both(title.in_language(first), title.in_language(second))[:32],
        error=f"{error.in_language(first)}\n{error.in_language(second)}"[:255],
        **kwargs,
    )


def _column_validation(
    inputs: TemplateInputs, layout: ReturnLayout, column: ColumnSpec
) -> DataValidation | None:
    """The validation of an input column, from its type in the layout spec."""
    title = Text(en=column.header_en, fr=column.header_fr)
    if column.type in ("status", "risk_trend"):
        labels = [
            c.label_fr if inputs.language == "fr" else c.label_en
            for c in layout.choices(column.type)
        ]
        return _validation(
            inputs, "template_input_choice", title, {}, type="list", formula1=_list(labels)
        )
    if column.name == "objective_code":
        return _validation(
            inputs,
            "template_input_choice",
            title,
            {},
            type="list",
            formula1=_list(list(inputs.objectives)),
        )
    if column.type == "percent":
        return _validation(
            inputs,
            "template_input_percent",
            title,
            {},
            type="decimal",
            operator="between",
            formula1="0",
            formula2="100",
        )
    if column.type == "date":
        # Intake refuses a completion date after the day the return is received, so the
        # spreadsheet refuses one after the day it is typed: no later than today.
        start, end = inputs.plan_start, inputs.deadline.date()
        return _validation(
            inputs,
            "template_input_date",
            title,
            {"start": start.isoformat(), "end": end.isoformat()},
            type="date",
            operator="between",
            formula1=str(_excel_serial(start)),
            formula2=f"MIN({_excel_serial(end)},TODAY())",
        )
    if column.type in ("number", "int"):
        low, high = column.range or (None, None)
        kind = "whole" if column.type == "int" else "decimal"
        if low is not None and high is not None:
            rule = "template_input_whole" if kind == "whole" else "template_input_range"
            params = {"low": _fmt(low), "high": _fmt(high)}
            bounds = {"operator": "between", "formula1": _fmt(low), "formula2": _fmt(high)}
        elif low is not None:
            rule, params = "template_input_minimum", {"low": _fmt(low)}
            bounds = {"operator": "greaterThanOrEqual", "formula1": _fmt(low)}
        else:
            rule, params = "template_input_number", {}
            bounds = {
                "operator": "between",
                "formula1": _fmt(-NUMBER_LIMIT),
                "formula2": _fmt(NUMBER_LIMIT),
            }
        return _validation(inputs, rule, title, params, type=kind, **bounds)
    return None


def _list(values: list[str]) -> str:
    """An inline list for a drop-down (Excel limits it to 255 characters, without commas)."""
    text = ",".join(v.replace(",", " ") for v in values)
    if len(text) > 255:
        raise TemplateError(f"drop-down list too long for Excel: {text[:60]}…")
    return f'"{text}"'


def _prefilled_rows(spec: SheetSpec, inputs: TemplateInputs) -> list[dict[str, str]] | None:
    """Rows written from the registers (code and title), or None for a free-input sheet."""
    key = spec.key[0] if len(spec.key) == 1 else None
    items = {"deliverable_code": inputs.deliverables, "kpi_code": inputs.kpis}.get(key or "")
    if items is None:
        return None
    title_column = next((c.name for c in spec.columns if c.type == "text" and not c.load), None)
    rows = []
    for item in items:
        row = {key or "": item.code}
        if title_column:
            row[title_column] = item.title_fr if inputs.language == "fr" else item.title_en
        rows.append(row)
    return rows


def _cell_value(column: ColumnSpec, value: Any, layout: ReturnLayout, language: str) -> Any:
    """A previous value as the Directorate would type it (labels, not codes)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if column.type in ("status", "risk_trend"):
        choice = next((c for c in layout.choices(column.type) if c.code == value), None)
        if choice is not None:
            return choice.label_fr if language == "fr" else choice.label_en
    if isinstance(value, datetime):
        return value.date()
    return inert(value)


def _row_height(texts: list[tuple[str, float]], line_points: float = 15) -> float:
    """Height that shows every wrapped text whole: Excel and LibreOffice do not fit rows on open.

    ``texts`` are (text, column width in characters); 1.25 allows for fonts wider than Calibri.
    """
    lines = 1
    for text, width in texts:
        needed = sum(
            max(1, math.ceil(len(part) * 1.25 / max(width - 1, 1))) for part in text.split("\n")
        )
        lines = max(lines, needed)
    return line_points * lines


def _fit_rows(ws: Worksheet) -> None:
    """Set the height of every row holding wrapped text (headers, locked titles)."""
    for row in ws.iter_rows():
        texts = [
            (cell.value, ws.column_dimensions[cell.column_letter].width or 10)
            for cell in row
            if isinstance(cell.value, str) and cell.alignment.wrap_text
        ]
        if texts:
            ws.row_dimensions[row[0].row].height = _row_height(texts)


def _style_header(cell: Any, width_key: str, ws: Worksheet, column_index: int) -> None:
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = WRAP_TOP
    ws.column_dimensions[get_column_letter(column_index)].width = COLUMN_WIDTHS.get(width_key, 16)


def _number_format(column: ColumnSpec) -> str:
    if column.type == "date":
        return DATE_FORMAT
    if column.name.startswith("budget"):
        return "#,##0.00"
    return "General"


def _write_reference(
    ws: Worksheet,
    spec: SheetSpec,
    inputs: TemplateInputs,
    layout: ReturnLayout,
    first_column: int,
    keyed_rows: list[dict[str, str]] | None,
) -> None:
    """The previous period's values to the right, under headers intake does not recognise."""
    previous_code = inputs.previous.period_code
    if previous_code is None:
        return
    first, second = inputs.language, inputs.other_language
    band = message("template_previous_period")
    band_cell = ws.cell(
        row=1,
        column=first_column,
        value=f"{_both(band.in_language(first), band.in_language(second))}\n{previous_code}",
    )
    _style_header(band_cell, "text", ws, first_column)
    ws.column_dimensions[get_column_letter(first_column)].width = 24
    reference_columns = [
        c for c in spec.loaded_columns if keyed_rows is None or c.name not in spec.key
    ]
    previous_rows = inputs.previous.sheet(spec.name)
    if keyed_rows is not None:
        by_key = {row.get(spec.key[0]): row for row in previous_rows}
        aligned = [by_key.get(row[spec.key[0]], {}) for row in keyed_rows]
    else:
        aligned = previous_rows
    for offset, column in enumerate(reference_columns, start=1):
        index = first_column + offset
        header = ws.cell(
            row=1,
            column=index,
            value=f"{_header(column, first)} ({previous_code}) / "
            f"{_header(column, second)} ({previous_code})",
        )
        _style_header(header, column.type, ws, index)
        for row_no, values in enumerate(aligned, start=2):
            value = _cell_value(column, values.get(column.name), layout, first)
            cell = ws.cell(row=row_no, column=index, value=value)
            cell.number_format = _number_format(column)
    last_row = 1 + max(len(aligned), len(keyed_rows or []))
    for row_no in range(2, last_row + 1):
        for index in range(first_column, first_column + len(reference_columns) + 1):
            cell = ws.cell(row=row_no, column=index)
            cell.fill = REFERENCE_FILL
            cell.font = REFERENCE_FONT


def _protect(ws: Worksheet) -> None:
    """Locked cells cannot be edited; columns and rows can still be resized."""
    ws.protection = SheetProtection(
        sheet=True,
        formatColumns=False,
        formatRows=False,
        selectLockedCells=False,
        selectUnlockedCells=False,
    )


def _table_sheet(wb: Workbook, spec: SheetSpec, inputs: TemplateInputs, layout: ReturnLayout):
    ws = wb.create_sheet(spec.name)
    first, second = inputs.language, inputs.other_language
    keyed_rows = _prefilled_rows(spec, inputs)
    locked = {c.name for c in spec.columns if not c.load}
    if keyed_rows is not None:
        locked |= set(spec.key)
    for index, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=spec.header_row, column=index, value=_header(column, first))
        _style_header(cell, column.type, ws, index)
        comment = Comment(_header(column, second), AUTHOR)
        comment.width, comment.height = 160, 40
        cell.comment = comment
    input_rows = len(keyed_rows) if keyed_rows is not None else RISK_INPUT_ROWS
    last_row = spec.header_row + input_rows
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        for row_no in range(spec.header_row + 1, last_row + 1):
            cell = ws.cell(row=row_no, column=index)
            value = (keyed_rows[row_no - spec.header_row - 1] if keyed_rows else {}).get(
                column.name
            )
            if value is not None:
                cell.value = inert(value)
            cell.number_format = _number_format(column)
            if column.name in locked:
                cell.fill = LOCKED_FILL
                cell.alignment = WRAP_TOP
            else:
                cell.protection = UNLOCKED
        if column.name in locked or input_rows == 0:
            continue
        validation = _column_validation(inputs, layout, column)
        if validation is not None:
            validation.add(f"{letter}{spec.header_row + 1}:{letter}{last_row}")
            ws.add_data_validation(validation)
    _write_reference(ws, spec, inputs, layout, len(spec.columns) + 2, keyed_rows)
    _fit_rows(ws)
    ws.freeze_panes = ws.cell(row=spec.header_row + 1, column=1)
    ws.print_title_rows = f"{spec.header_row}:{spec.header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(ws)
    return ws


def _instruction_lines(inputs: TemplateInputs, language: str) -> list[tuple[str, str]]:
    """(style, text) lines of the instructions in one language."""
    names = _language_names()
    name = inputs.name_fr if language == "fr" else inputs.name_en
    lines = [
        ("title", _text("template_title", language, directorate=name, period=inputs.period_code)),
        (
            "plain",
            _text("template_directorate", language, directorate=name, code=inputs.directorate_code),
        ),
        (
            "plain",
            _text(
                "template_period",
                language,
                period=inputs.period_code,
                start=inputs.period_start.isoformat(),
                end=inputs.period_end.isoformat(),
            ),
        ),
        (
            "deadline",
            _text(
                "template_deadline", language, deadline=inputs.deadline.strftime("%Y-%m-%d %H:%M")
            ),
        ),
        ("blank", ""),
        ("heading", _text("template_how_to", language)),
    ]
    steps = [
        "template_step_deliverables",
        "template_step_kpis",
        "template_step_risks",
        "template_step_resources",
        "template_step_locked",
    ]
    texts = [_text(rule, language) for rule in steps]
    if not inputs.deliverables:  # said, not left to be guessed from an empty sheet
        texts[0] = _text("template_no_deliverables", language, ip_year=inputs.ip_year)
    texts.append(
        message(
            "template_step_headers",
            language=names[inputs.language],
            other=names[inputs.other_language],
        ).in_language(language)
    )
    if inputs.previous.period_code is not None:
        texts.append(_text("template_step_reference", language, period=inputs.previous.period_code))
    texts.append(_text("template_step_send", language))
    lines += [("plain", f"{number}. {text}") for number, text in enumerate(texts, start=1)]
    return lines


def _instructions_sheet(wb: Workbook, inputs: TemplateInputs) -> Worksheet:
    ws = wb.active
    ws.title = INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    fonts = {
        "title": Font(bold=True, size=14, color="1F4E79"),
        "heading": Font(bold=True, size=12),
        "deadline": Font(bold=True, color="C00000"),
    }
    row_no = 1
    for language in (inputs.language, inputs.other_language):
        for style, text in _instruction_lines(inputs, language):
            cell = ws.cell(row=row_no, column=1, value=inert(text) if text else None)
            cell.alignment = WRAP_TOP
            if style in fonts:
                cell.font = fonts[style]
            ws.row_dimensions[row_no].height = _row_height(
                [(text, INSTRUCTIONS_WIDTH)], 20 if style == "title" else 15
            )
            row_no += 1
        row_no += 2
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(ws)
    return ws


def _metadata_sheet(wb: Workbook, inputs: TemplateInputs, layout: ReturnLayout) -> Worksheet:
    """Layout fields intake reads (by machine name in column A), then fields it ignores."""
    ws = wb.create_sheet(layout.metadata_sheet)
    values: dict[str, str | int | None] = {
        "layout_version": layout.layout_version,
        "directorate_code": inputs.directorate_code,
        "period_code": inputs.period_code,
        "prepared_by": None,
    }
    for spec in layout.metadata_fields:
        ws.append([spec.name, values.get(spec.name), _both(spec.label_en, spec.label_fr)])
    ws.append(["plan_cycle", inputs.plan_cycle, "Plan cycle / Cycle du plan"])
    ws.append(["plan_revision", inputs.plan_revision, "Plan revision / Révision du plan"])
    ws.append(
        [
            "generated_at",
            inputs.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Generated at (UTC) / Généré le (UTC)",
        ]
    )
    ws.sheet_state = "veryHidden"
    ws.protection = SheetProtection(sheet=True)
    return ws


def build_template(inputs: TemplateInputs, layout: ReturnLayout | None = None) -> Workbook:
    """The workbook of one Directorate and period (not saved)."""
    layout = layout or load_layout()
    wb = Workbook()
    _instructions_sheet(wb, inputs)
    for spec in layout.sheets:
        _table_sheet(wb, spec, inputs, layout)
    _metadata_sheet(wb, inputs, layout)
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.creator = AUTHOR
    wb.properties.title = _text(
        "template_title",
        inputs.language,
        directorate=inputs.name_fr if inputs.language == "fr" else inputs.name_en,
        period=inputs.period_code,
    )
    return wb


def save_template(inputs: TemplateInputs, folder: Path, layout: ReturnLayout | None = None) -> Path:
    """Write ``folder/return_<DIR>_<period>.xlsx``, replacing it whole (never half-written)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / inputs.file_name
    partial = folder / f".{inputs.file_name}.tmp"
    stamp = inputs.generated_at.astimezone(UTC).replace(tzinfo=None)
    save_deterministic(build_template(inputs, layout), partial, stamp)
    partial.replace(target)
    return target


@dataclass
class TemplateRun:
    """What one generation wrote, for the CLI and the asset's metadata."""

    period_code: str
    previous_period: str | None
    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # directorate -> why no previous values
    # Directorates the plan register gives no deliverable for the period's IP year
    without_deliverables: list[str] = field(default_factory=list)
    ip_year: str = ""


def generate_templates(
    paths: SpfPaths,
    frames: dict[str, pd.DataFrame],
    period_code: str | None = None,
    directorates: Sequence[str] | None = None,
    generated_at: datetime | None = None,
) -> TemplateRun:
    """Templates of one period (default: the next deadline) for the Directorates asked for.

    Previous values come from the warehouse, opened read-only; without it the reference
    columns are left empty.
    """
    now = (generated_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    period_code = period_code or next_period(frames, now)
    _period_row(frames, period_code)  # an unknown period is refused before anything is read
    previous_code = previous_period(frames, period_code)
    codes = (
        list(directorates)
        if directorates
        else [r.directorate_code for r in active_directorates(frames, period_code)]
    )
    planned = plan_inputs(frames, period_code, codes, now)  # refuses unknown Directorates
    previous = read_previous_values(paths.warehouse, previous_code, codes)
    folder = paths.templates / period_code
    run = TemplateRun(period_code, previous_code, folder)
    for planned_inputs in planned:
        inputs = replace(planned_inputs, previous=previous[planned_inputs.directorate_code])
        run.files.append(save_template(inputs, folder))
        run.ip_year = inputs.ip_year
        if not inputs.deliverables:
            run.without_deliverables.append(inputs.directorate_code)
        if inputs.previous.file_id is None and inputs.previous.note:
            run.notes[inputs.directorate_code] = inputs.previous.note
    return run
