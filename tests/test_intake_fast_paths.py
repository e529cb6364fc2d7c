"""The fast paths of intake give exactly what the careful paths give.

Column typing in bulk must equal typing cell by cell; the cheap heads of zip members must equal
``ZipFile.open(...).read``; the prefix-free package scans must find what the prefix-tolerant
ones find. Speed itself is measured in ``make bench``, never here.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest

from ingestion.returns import cell_values, column_values
from ingestion.returns.layout import load_layout
from ingestion.returns.parser import layout_sheet_names
from ingestion.xlsx.container import IntakeLimits, _RawReader, check_xlsx_container
from ingestion.xlsx.package import inspect_package

# What calamine hands over for cells typed by hand: "" for an empty cell, floats for numbers,
# dates and datetimes, text in every tolerated or unreadable form.
ODD_VALUES: list[object] = [
    "",
    None,
    "  ",
    "\u00a0",
    " x ",
    "x",
    "D-01",
    " D-01",
    "On track",
    "on track",
    " On track ",
    "ON  TRACK",
    "En bonne voie",
    "Achevé",
    "Nearly done",
    "75 %",
    "75%",
    "75,5",
    "1 234,5",
    "\u00a075\u00a0%",
    "abc",
    "-5",
    "1e3",
    150.0,
    -3.0,
    0.75,
    1.0,
    100.0,
    3,
    3.5,
    "3",
    0,
    True,
    False,
    "2025-09-15",
    "15/09/2025",
    "31/02/2025",
    " 01/13/2025 ",
    date(2030, 1, 1),
    datetime(2025, 8, 1, 10, 30),
    time(10, 30),
    1e12,
    "increasing",
    "Stable",
    "en baisse",
]
CELL_TYPES = ["code", "text", "percent", "number", "int", "date", "status", "risk_trend"]


def _one_by_one(values: list[object], cell_type: str) -> tuple[list[object], dict[int, object]]:
    layout = load_layout()
    convert = {
        "code": cell_values.as_code,
        "text": cell_values.as_text,
        "percent": cell_values.as_percent,
        "number": cell_values.as_number,
        "int": cell_values.as_int,
        "date": cell_values.as_date,
    }.get(cell_type) or (lambda v: cell_values.as_choice(v, layout.choices(cell_type)))
    out, notes = [], {}
    for position, value in enumerate(values):
        typed, note = convert(value)
        out.append(typed)
        if note is not None:
            notes[position] = note
    return out, notes


@pytest.mark.parametrize("cell_type", CELL_TYPES)
def test_typing_a_column_in_bulk_equals_typing_each_cell(cell_type: str) -> None:
    values = ODD_VALUES * 2
    bulk, problems = column_values.convert(values, cell_type, load_layout())
    expected, notes = _one_by_one(values, cell_type)
    assert [(type(v), v) for v in bulk] == [(type(v), v) for v in expected]
    assert problems == notes
    assert any(problems) or cell_type == "text"  # the odd cells did go the tolerant way


def test_filled_rows_are_those_with_any_cell_filled() -> None:
    first = ["A", "", None, "  ", "B", ""]
    second = ["", "x", None, "", 0.0, "\u00a0"]
    assert column_values.filled_rows([first, second]) == [0, 1, 4]
    assert column_values.filled_rows([first]) == [0, 4]


def test_member_heads_equal_what_zipfile_reads(make_return, tmp_path: Path) -> None:
    source = make_return()
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(stored, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), compress_type=zipfile.ZIP_STORED)
    for path in (source, stored):
        with zipfile.ZipFile(path) as archive:
            raw = _RawReader(archive)
            for info in archive.infolist():
                for size in (10, 4096, 1 << 20):
                    with archive.open(info) as part:
                        assert raw.head(info, size) == part.read(size), (path.name, info.filename)


def test_a_damaged_small_member_is_still_refused_as_corrupt(make_return, tmp_path: Path) -> None:
    source = make_return()
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            method = zipfile.ZIP_STORED if info.filename == "docProps/app.xml" else None
            dst.writestr(info.filename, src.read(info), compress_type=method)
    with zipfile.ZipFile(damaged) as archive:
        info = archive.getinfo("docProps/app.xml")
        offset = info.header_offset + 30 + len(info.filename) + len(info.extra) + 60
    data = bytearray(damaged.read_bytes())
    data[offset] ^= 0x20  # one letter's case changed: the checksum no longer matches
    damaged.write_bytes(bytes(data))
    finding = check_xlsx_container(damaged, IntakeLimits())
    assert finding is not None and finding.rule == "corrupt"
    assert "CRC" in finding.message_en


def _with_prefixes(source: Path, target: Path) -> None:
    """The same workbook with every worksheet element written as ``x:name``."""
    tag = re.compile(rb"<(/?)(?!\?)([A-Za-z]\w*)(?=[\s/>])")
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = tag.sub(rb"<\1x:\2", data)
                data = data.replace(b'xmlns="', b'xmlns:x="', 1)
            dst.writestr(info, data)


def test_package_facts_are_the_same_with_namespace_prefixes(make_return, tmp_path: Path) -> None:
    import openpyxl

    path = make_return()
    wb = openpyxl.load_workbook(path)
    wb["Deliverables"]["B3"] = "=1+1"  # a formula openpyxl saves without a cached value
    wb["Risks"].merge_cells("A2:B2")
    wb["KPIs"]["C2"].number_format = "0%"
    wb.save(path)
    prefixed = tmp_path / "prefixed.xlsx"
    _with_prefixes(path, prefixed)
    with zipfile.ZipFile(prefixed) as archive:
        assert b"<x:c " in archive.read("xl/worksheets/sheet2.xml")
    names = layout_sheet_names(load_layout())
    plain, tolerant = inspect_package(path, names), inspect_package(prefixed, names)
    assert plain == tolerant
    assert plain["Deliverables"].formulas_without_value == ["B3"]
    assert plain["Risks"].merged_ranges == ["A2:B2"]
    assert plain["KPIs"].percent_cells == {"C2"}
    assert plain["Deliverables"].cell_count > 10
