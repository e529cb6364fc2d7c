"""Read and validate the reference registers (``$SPF_HOME/reference/*.csv``).

Registers are the office's own files; the platform ships samples and seeds them on first use.
A broken register stops the run with every problem located (file, row, column) and nothing is
half-loaded: all registers are validated first, then replaced in one transaction.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from demo import SAMPLE_REGISTERS
from ingestion.findings import Finding, RegisterError, make_finding
from ingestion.registers.spec import RegisterColumn, RegisterSpec, load_register_specs


def seed_reference(reference_dir: Path) -> list[str]:
    """Copy sample registers that are missing; never overwrite the office's files.

    Returns the names of the files added (a newer version may introduce a register).
    """
    reference_dir.mkdir(parents=True, exist_ok=True)
    added = []
    for spec in load_register_specs():
        target = reference_dir / spec.file_name
        if not target.exists():
            shutil.copyfile(SAMPLE_REGISTERS / spec.file_name, target)
            added.append(spec.file_name)
    return added


@dataclass
class _Problem:
    file: str
    row: int
    column: str
    detail: str

    def finding(self) -> Finding:
        if self.row == 0:
            return make_finding(
                "register_file_invalid", sheet=self.file, file=self.file, detail=self.detail
            )
        return make_finding(
            "register_invalid",
            sheet=self.file,
            cell=f"row {self.row}",
            file=self.file,
            row=self.row,
            column=self.column,
            detail=self.detail,
        )


def _convert(column: RegisterColumn, text: str) -> Any:
    """Typed value of one CSV field, or raise ValueError with a reason a person can act on."""
    kind = column.type
    if kind in ("text", "code_list"):
        return text
    if kind == "code":
        if " " in text:
            raise ValueError(f"code '{text}' must not contain spaces")
        return text
    if kind == "enum":
        if text not in column.values:
            raise ValueError(f"'{text}' is not one of {', '.join(column.values)}")
        return text
    if kind == "int":
        try:
            value = int(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a whole number") from None
        if column.min is not None and value < column.min:
            raise ValueError(f"{value} is below the minimum {column.min:g}")
        if column.max is not None and value > column.max:
            raise ValueError(f"{value} is above the maximum {column.max:g}")
        return value
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
    if kind == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD") from None
    if kind == "datetime":
        try:
            return datetime.strptime(text, "%Y-%m-%d %H:%M")
        except ValueError:
            raise ValueError(
                f"'{text}' is not a date and time in the form YYYY-MM-DD HH:MM"
            ) from None
    if kind == "time":
        try:
            return datetime.strptime(text, "%H:%M").time()
        except ValueError:
            raise ValueError(f"'{text}' is not a time in the form HH:MM (00:00 to 23:59)") from None
    if kind == "bool":
        lowered = text.lower()
        if lowered not in ("true", "false"):
            raise ValueError(f"'{text}' is not true or false")
        return lowered == "true"
    raise ValueError(f"unknown column type {kind}")


def _default(column: RegisterColumn) -> Any:
    """The value an empty field stands for (the spec's ``default``, else empty)."""
    return None if column.default is None else _convert(column, str(column.default))


def _check_together(
    spec: RegisterSpec, fields: dict[str, str], file: str, line_no: int, problems: list[_Problem]
) -> None:
    """Columns that only make sense as a group (quiet hours start and end) are all or none."""
    for group in spec.together:
        filled = [name for name in group if fields.get(name, "")]
        if filled and len(filled) < len(group):
            empty = [name for name in group if name not in filled]
            problems.append(
                _Problem(
                    file,
                    line_no,
                    ", ".join(empty),
                    f"fill {' and '.join(group)} together, or leave them all empty",
                )
            )


def _read_one(spec: RegisterSpec, path: Path, problems: list[_Problem]) -> list[dict[str, Any]]:
    if not path.exists():
        problems.append(_Problem(path.name, 0, "", "the file is missing"))
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        problems.append(_Problem(path.name, 0, "", f"the file is not UTF-8 text ({exc.reason})"))
        return []
    if not rows:
        problems.append(_Problem(path.name, 1, "", "the file is empty (a header row is needed)"))
        return []
    header = [h.strip() for h in rows[0]]
    # A column added in a later version may be absent from an older file: read as empty.
    missing = [c.name for c in spec.columns if c.name not in header and not c.may_be_absent]
    for name in missing:
        problems.append(_Problem(path.name, 1, name, "the column is missing from the header row"))
    if missing:
        return []
    records: list[dict[str, Any]] = []
    seen_keys: dict[tuple[Any, ...], int] = {}
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        fields = dict(zip(header, (cell.strip() for cell in row), strict=False))
        record: dict[str, Any] = {}
        for column in spec.columns:
            text = fields.get(column.name, "")
            if text == "":
                if column.required:
                    problems.append(
                        _Problem(path.name, line_no, column.name, "a value is required")
                    )
                record[column.name] = _default(column)
                continue
            try:
                record[column.name] = _convert(column, text)
            except ValueError as exc:
                problems.append(_Problem(path.name, line_no, column.name, str(exc)))
                record[column.name] = None
        _check_together(spec, fields, path.name, line_no, problems)
        key = tuple(record[k] for k in spec.key)
        if key in seen_keys:
            problems.append(
                _Problem(
                    path.name,
                    line_no,
                    ", ".join(spec.key),
                    f"duplicate key {key} (first at row {seen_keys[key]})",
                )
            )
        else:
            seen_keys[key] = line_no
        record["__row"] = line_no
        records.append(record)
    return records


def _check_references(
    specs: tuple[RegisterSpec, ...],
    data: dict[str, list[dict[str, Any]]],
    problems: list[_Problem],
) -> None:
    for spec in specs:
        for column in spec.columns:
            if not column.references:
                continue
            target_register, target_column = column.references.split(".")
            known = {r[target_column] for r in data.get(target_register, [])}
            for record in data.get(spec.name, []):
                value = record.get(column.name)
                if value is None:
                    continue
                codes = value.split(";") if column.type == "code_list" else [value]
                for code in (c.strip() for c in codes):
                    if code and code not in known:
                        problems.append(
                            _Problem(
                                spec.file_name,
                                record["__row"],
                                column.name,
                                f"'{code}' is not in {target_register}.csv ({target_column})",
                            )
                        )


def read_registers(reference_dir: Path) -> dict[str, pd.DataFrame]:
    """Validate every register; return one typed frame per register or raise RegisterError."""
    specs = load_register_specs()
    problems: list[_Problem] = []
    data = {spec.name: _read_one(spec, reference_dir / spec.file_name, problems) for spec in specs}
    _check_references(specs, data, problems)
    if problems:
        raise RegisterError([p.finding() for p in problems])
    frames = {}
    for spec in specs:
        columns = [c.name for c in spec.columns]
        frames[spec.name] = pd.DataFrame(
            [{k: r[k] for k in columns} for r in data[spec.name]], columns=columns
        ).astype(object)
    return frames
