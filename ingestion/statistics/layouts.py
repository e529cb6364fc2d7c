"""Where the values are in a statistics file: the questionnaire layout and the bulk shapes.

Two kinds of file arrive in ``inbox/statistics/``:

- the annual questionnaire (``.xlsx``, one Member and one year per workbook), laid out as in
  ``questionnaire.yaml`` (a metadata block, then one indicator per row);
- bulk extracts (``.csv`` or ``.xlsx``, many Members) in one of three shapes: long
  (``member, year, indicator, value[, unit]``), wide by indicator (``member, year`` then one
  column per indicator) or wide by year (``member, indicator[, unit]`` then one column per year).

Each shape is recognised from its header row (found among the first rows, below any title
lines) and turned into the same long frame of cells as written, one row per value, with the
cell it came from. Nothing is interpreted here beyond position: names, numbers and units are
read in ``statistics_values`` and ``member_resolution``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ingestion.findings import column_letter
from ingestion.statistics.members import normalise_name
from ingestion.statistics.readers import Grid

SPEC_PATH = Path(__file__).parent / "questionnaire.yaml"
HEADER_SEARCH_ROWS = 30

LONG = "long"
WIDE_INDICATORS = "wide_by_indicator"
WIDE_YEARS = "wide_by_year"
QUESTIONNAIRE = "questionnaire"

# Folded header texts that name each role (EN, FR and the producers' usual column names).
ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "member": (
        "member", "member code", "member_code", "member name", "country", "country name",
        "country code", "economy", "reporter", "reporter name", "reporter code", "membre",
        "code du membre", "pays", "iso3", "iso", "ref area", "geo", "area",
    ),
    "year": ("year", "annee", "time", "period", "reference year", "annee de reference"),
    "indicator": (
        "indicator", "indicator code", "indicator_code", "series", "series code", "indicateur",
        "code de l indicateur", "code indicateur", "indicator name", "series name",
    ),
    "value": ("value", "valeur", "obs value", "observation", "data"),
    "unit": ("unit", "units", "unite", "unit of measure", "unite de mesure", "scale", "echelle"),
}  # fmt: skip
_FOLDED_ROLES = {
    role: {normalise_name(a) for a in aliases} for role, aliases in ROLE_ALIASES.items()
}
_YEAR_HEADER = re.compile(r"^\s*((?:19|20)\d{2})(?:\.0)?\b")
_BRACKETS = re.compile(r"[\(\[][^\)\]]*[\)\]]")
LONG_COLUMNS = [
    "member_raw",
    "year_raw",
    "indicator_raw",
    "value_raw",
    "unit_raw",
    "header_unit",
    "source_row",
    "source_cell",
]


class LayoutProblem(Exception):
    """The file's layout cannot be recognised; carries a catalogue rule and its parameters."""

    def __init__(self, rule: str, **params: Any):
        self.rule = rule
        self.params = params
        super().__init__(f"{rule}: {params}")


@dataclass(frozen=True)
class Field:
    name: str
    label_en: str
    label_fr: str
    required: bool = False
    loaded: bool = True
    description: str = ""

    @property
    def folded_labels(self) -> set[str]:
        return {normalise_name(self.label_en), normalise_name(self.label_fr)}


@dataclass(frozen=True)
class QuestionnaireSpec:
    layout_version: str
    supported_versions: tuple[str, ...]
    sheet_en: str
    sheet_fr: str
    metadata_rows: int
    metadata: tuple[Field, ...]
    columns: tuple[Field, ...]


@cache
def load_questionnaire_spec(path: Path = SPEC_PATH) -> QuestionnaireSpec:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return QuestionnaireSpec(
        layout_version=str(raw["layout_version"]),
        supported_versions=tuple(str(v) for v in raw["supported_versions"]),
        sheet_en=raw["sheet"]["name_en"],
        sheet_fr=raw["sheet"]["name_fr"],
        metadata_rows=int(raw["metadata"]["rows"]),
        metadata=tuple(Field(**f) for f in raw["metadata"]["fields"]),
        columns=tuple(Field(**c) for c in raw["table"]["columns"]),
    )


@dataclass
class LongCells:
    """Every value cell of a file as written, in long form, plus what the layout declared."""

    shape: str
    cells: pd.DataFrame  # LONG_COLUMNS, RangeIndex
    sheet: str
    metadata: dict[str, Any] = field(default_factory=dict)
    metadata_cells: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)  # findings of the reader (skipped series)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --------------------------------------------------------------------------------------------
# Questionnaire
# --------------------------------------------------------------------------------------------


def is_questionnaire(grid: Grid, spec: QuestionnaireSpec | None = None) -> bool:
    """A grid is a questionnaire if column A of its first rows carries the version label."""
    spec = spec or load_questionnaire_spec()
    version = next(f for f in spec.metadata if f.name == "layout_version")
    head = grid.cells.iloc[: spec.metadata_rows, 0] if grid.cells.shape[1] else pd.Series()
    return any(normalise_name(_text(v)) in version.folded_labels for v in head)


def read_questionnaire(grid: Grid, spec: QuestionnaireSpec | None = None) -> LongCells:
    spec = spec or load_questionnaire_spec()
    cells = grid.cells
    metadata: dict[str, Any] = {}
    metadata_cells: dict[str, str] = {}
    for row_no in cells.index[: spec.metadata_rows]:
        label = normalise_name(_text(cells.at[row_no, 0]))
        for meta in spec.metadata:
            if label in meta.folded_labels and cells.shape[1] > 1:
                metadata[meta.name] = _text(cells.at[row_no, 1]) or None
                metadata_cells[meta.name] = f"B{row_no}"
    for meta in spec.metadata:
        if meta.required and not metadata.get(meta.name):
            raise LayoutProblem(
                "missing_metadata",
                sheet=grid.sheet,
                cell=metadata_cells.get(meta.name, "A1"),
                field=f"{meta.label_en} / {meta.label_fr}",
            )
    _check_version(metadata["layout_version"], spec, grid.sheet, metadata_cells)
    header_row, positions = None, {}
    for row_no in cells.index:
        labels = [normalise_name(_text(v)) for v in cells.loc[row_no]]
        found = {
            c.name: next(p for p, label in enumerate(labels) if label in c.folded_labels)
            for c in spec.columns
            if c.folded_labels & set(labels)
        }
        if {"indicator", "value"} <= set(found):
            header_row, positions = row_no, found
            break
    if header_row is None:
        raise LayoutProblem(
            "missing_column", sheet=grid.sheet, cell="A1", column="Indicator code", row=""
        )
    body = cells.loc[header_row + 1 :]
    indicator = body[positions["indicator"]].map(_text)
    end = indicator.eq("")
    if end.any():  # the table ends at the first row without an indicator code
        body = body.loc[: end.idxmax() - 1]
        indicator = indicator.loc[body.index]
    value_col = positions["value"]
    unit_col = positions.get("unit")
    long = pd.DataFrame(
        {
            "member_raw": metadata["member"],
            "year_raw": metadata["year"],
            "indicator_raw": indicator,
            "value_raw": body[value_col],
            "unit_raw": body[unit_col].map(_text) if unit_col is not None else "",
            "header_unit": "",  # the declared currency is in metadata
            "source_row": body.index.astype("int64"),
            "source_cell": [f"{column_letter(value_col)}{r}" for r in body.index],
        }
    ).reset_index(drop=True)
    return LongCells(QUESTIONNAIRE, long, grid.sheet, metadata, metadata_cells)


def _check_version(
    written: str, spec: QuestionnaireSpec, sheet: str, metadata_cells: dict[str, str]
) -> None:
    """Reject a questionnaire whose layout version the spec does not list: its rows may mean
    something else than this reader assumes. "1" is read as "1.0" (Excel drops the ".0" of a
    number typed in the cell)."""

    def same(a: str, b: str) -> bool:
        try:
            return a == b or float(a) == float(b)
        except ValueError:
            return False

    if not any(same(written, known) for known in spec.supported_versions):
        raise LayoutProblem(
            "unknown_questionnaire_version",
            sheet=sheet,
            cell=metadata_cells.get("layout_version", "B1"),
            value=written,
            expected=", ".join(spec.supported_versions),
        )


def build_questionnaire(
    member: str,
    year: int,
    values: list[tuple[str, Any, str]],
    currency: str = "",
    language: str = "en",
    spec: QuestionnaireSpec | None = None,
    layout_version: str | None = None,
) -> Any:
    """A filled questionnaire workbook (openpyxl) for the demo and the tests: rows of
    (indicator code, value, unit); ``layout_version`` defaults to the spec's current one."""
    from openpyxl import Workbook

    spec = spec or load_questionnaire_spec()
    label = "label_fr" if language == "fr" else "label_en"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.sheet_fr if language == "fr" else spec.sheet_en
    given = {
        "layout_version": layout_version or spec.layout_version,
        "member": member,
        "year": year,
        "currency": currency,
        "prepared_by": "",
    }
    for meta in spec.metadata:
        sheet.append([getattr(meta, label), given.get(meta.name, "")])
    sheet.append([])
    sheet.append([getattr(c, label) for c in spec.columns])
    for code, value, unit in values:
        sheet.append([code, "", value, unit, ""])
    return workbook


# --------------------------------------------------------------------------------------------
# Bulk extracts
# --------------------------------------------------------------------------------------------


def _roles(labels: list[str]) -> dict[str, int]:
    """Column position of each role found in a header row (first match wins)."""
    found: dict[str, int] = {}
    for position, label in enumerate(labels):
        for role, aliases in _FOLDED_ROLES.items():
            if label not in aliases:
                continue
            # a code column ("Country Code", "Series Code") beats a name column of the same role
            if role not in found or ("code" in label and "code" not in labels[found[role]]):
                found[role] = position
            break
    return found


def header_text_without_units(text: str) -> str:
    """A header's indicator part: "REV_TOTAL (in millions)" -> "REV_TOTAL"."""
    return _BRACKETS.sub(" ", text).split(",")[0].strip() if "(" in text or "[" in text else text


def read_bulk(grid: Grid, indicator_names: dict[str, str]) -> LongCells:
    """Long cells of a bulk extract in any of the three shapes.

    ``indicator_names`` maps folded indicator codes and names (EN, FR) to codes, to recognise
    one-column-per-indicator headers.
    """
    cells = grid.cells
    header_row, roles, labels = None, {}, []
    for row_no in cells.index[:HEADER_SEARCH_ROWS]:
        texts = [_text(v) for v in cells.loc[row_no]]
        folded = [normalise_name(header_text_without_units(t)) for t in texts]
        found = _roles(folded)
        if "member" in found:
            header_row, roles, labels = row_no, found, texts
            break
    if header_row is None:
        raise LayoutProblem(
            "missing_column", sheet=grid.sheet, cell="row 1", column="member", row=1
        )
    body = cells.loc[header_row + 1 :]
    id_positions = set(roles.values())
    extra = [p for p in range(len(labels)) if p not in id_positions and labels[p]]
    if {"year", "indicator", "value"} <= set(roles):
        shape = LONG
        frame = pd.DataFrame(
            {
                "member_raw": body[roles["member"]],
                "year_raw": body[roles["year"]],
                "indicator_raw": body[roles["indicator"]],
                "value_raw": body[roles["value"]],
                "unit_raw": body[roles["unit"]] if "unit" in roles else "",
                "header_unit": _units_part(labels[roles["value"]]),
                "source_row": body.index.astype("int64"),
                "source_cell": column_letter(roles["value"]),
            }
        )
        frame["source_cell"] = frame["source_cell"] + frame["source_row"].astype(str)
        return LongCells(shape, frame.reset_index(drop=True), grid.sheet, ignored_columns=[])
    year_columns = {p: m.group(1) for p in extra if (m := _YEAR_HEADER.match(labels[p]))}
    if "indicator" in roles and year_columns:
        shape = WIDE_YEARS
        value_columns = year_columns
        fixed = {"indicator_raw": body[roles["indicator"]]}
        header_values = {p: ("year_raw", y) for p, y in year_columns.items()}
    elif "year" in roles:
        shape = WIDE_INDICATORS
        value_columns = {}
        for p in extra:
            key = normalise_name(header_text_without_units(labels[p]))
            if key in indicator_names:
                value_columns[p] = indicator_names[key]
            elif key.replace(" ", "_") in indicator_names:
                value_columns[p] = indicator_names[key.replace(" ", "_")]
        fixed = {"year_raw": body[roles["year"]]}
        header_values = {p: ("indicator_raw", labels[p]) for p in value_columns}
    else:
        raise LayoutProblem(
            "missing_column",
            sheet=grid.sheet,
            cell=f"row {header_row}",
            column="year",
            row=header_row,
        )
    if not value_columns:
        raise LayoutProblem(
            "missing_column",
            sheet=grid.sheet,
            cell=f"row {header_row}",
            column="value",
            row=header_row,
        )
    pieces = []
    for position in value_columns:
        piece_role, piece_value = header_values[position]
        piece = pd.DataFrame(
            {
                "member_raw": body[roles["member"]],
                **fixed,
                piece_role: header_text_without_units(piece_value)
                if piece_role == "indicator_raw"
                else piece_value,
                "value_raw": body[position],
                "unit_raw": body[roles["unit"]] if "unit" in roles else "",
                "header_unit": _units_part(labels[position]),
                "source_row": body.index.astype("int64"),
                "source_cell": column_letter(position),
            }
        )
        pieces.append(piece)
    frame = pd.concat(pieces, ignore_index=True)
    frame["source_cell"] = frame["source_cell"] + frame["source_row"].astype(str)
    ignored = [labels[p] for p in extra if p not in value_columns]
    return LongCells(shape, frame[LONG_COLUMNS], grid.sheet, ignored_columns=ignored)


def _units_part(header: str) -> str:
    """The unit or scale written in a header: "Value (in thousands)" -> "in thousands"."""
    parts = re.findall(r"[\(\[]([^\)\]]*)[\)\]]", header)
    if parts:
        return " ".join(parts)
    if "," in header:
        return header.split(",", 1)[1].strip()
    return ""
