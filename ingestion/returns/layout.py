"""The return layout spec (``return_layout.yaml``) as typed Python objects.

One definition serves the demo generator, the reader, the validation and the warehouse DDL, so a
column added to the layout reaches all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SPEC_PATH = Path(__file__).parent / "return_layout.yaml"


@dataclass(frozen=True)
class Choice:
    code: str
    label_en: str
    label_fr: str


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    header_en: str
    header_fr: str
    type: str
    required: bool
    load: bool = True
    range: tuple[float | None, float | None] | None = None

    def headers(self) -> set[str]:
        """Normalised header texts accepted for this column (machine name, EN or FR label)."""
        return {normalise_header(h) for h in (self.name, self.header_en, self.header_fr)}

    def quoted(self, in_file: str | None = None) -> dict[str, str]:
        """Message parameters naming the column as it stands in the file (``column``) with the
        other language's name beside it (``aside``): « Code du livrable » (Deliverable code)."""
        shown = " ".join(str(in_file).split()) if in_file else self.header_en
        key = normalise_header(shown)
        if key == normalise_header(self.header_en):
            other = self.header_fr
        elif key == normalise_header(self.header_fr):
            other = self.header_en
        else:  # the machine name, or a header typed otherwise
            other = self.header_en
        aside = "" if normalise_header(other) == key else f" ({other})"
        return {"column": shown, "aside": aside}


@dataclass(frozen=True)
class SheetSpec:
    name: str
    table: str
    header_row: int
    key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]

    @property
    def loaded_columns(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if c.load)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_en: str
    label_fr: str
    type: str
    required: bool


@dataclass(frozen=True)
class ReturnLayout:
    layout_version: str
    supported_versions: tuple[str, ...]
    statuses: tuple[Choice, ...]
    risk_trends: tuple[Choice, ...]
    metadata_sheet: str
    metadata_fields: tuple[FieldSpec, ...]
    sheets: tuple[SheetSpec, ...]

    def sheet(self, name: str) -> SheetSpec:
        return next(s for s in self.sheets if s.name == name)

    def choices(self, cell_type: str) -> tuple[Choice, ...]:
        return {"status": self.statuses, "risk_trend": self.risk_trends}[cell_type]


def normalise_header(text: str) -> str:
    return " ".join(str(text).strip().lower().split())


@cache
def load_layout(path: Path = SPEC_PATH) -> ReturnLayout:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = raw["metadata_sheet"]
    return ReturnLayout(
        layout_version=str(raw["layout_version"]),
        supported_versions=tuple(str(v) for v in raw["supported_versions"]),
        statuses=tuple(Choice(**c) for c in raw["statuses"]),
        risk_trends=tuple(Choice(**c) for c in raw["risk_trends"]),
        metadata_sheet=meta["name"],
        metadata_fields=tuple(FieldSpec(**f) for f in meta["fields"]),
        sheets=tuple(
            SheetSpec(
                name=s["name"],
                table=s["table"],
                header_row=int(s["header_row"]),
                key=tuple(s["key"]),
                columns=tuple(
                    ColumnSpec(**{**c, "range": tuple(c["range"]) if "range" in c else None})
                    for c in s["columns"]
                ),
            )
            for s in raw["table_sheets"]
        ),
    )
