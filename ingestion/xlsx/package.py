"""What calamine does not tell: a direct look inside the .xlsx package (a zip of XML parts).

python-calamine gives cell values fast but no cell metadata. This module reads each worksheet's
XML once, as bytes, and finds with regular expressions only what intake needs:

* formulas without a cached value (the sender's Excel never computed them: the value is unknown);
* merged ranges (a merged cell over data hides values from every reader);
* cells formatted as percentages (0.75 shown as 75 % is a percentage typed as 75);
* hidden rows and columns (what a person hid is what they meant to withdraw, not to send);
* the number of cells, refused above a configurable limit before anything is parsed.

Worksheet sizes are bounded beforehand by ``file_checks`` (uncompressed size limit).

Speed: a worksheet of 50,000 rows is 15 MB of XML, so each look is one C-speed scan. Almost
every writer uses the default namespace (``<c>``, not ``<x:c>``); one quick scan for ``:c`` or
``:f`` says whether a cell or formula element might carry a prefix, and only then are the
slower prefix-tolerant patterns used. Cells are
visited one by one only where a finding is possible: cells with a percentage style, and cells of
a sheet that has formulas.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

_P = rb"(?:\w+:)?"  # an optional namespace prefix, as some writers use (x:c, x:f)
_SHEET = re.compile(rb"<" + _P + rb'sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(rb"<" + _P + rb"Relationship\b([^>]*)/?>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
_CELL = re.compile(rb"<" + _P + rb"c\b([^>]*?)(?:/>|>(.*?)</" + _P + rb"c>)", re.S)
_FORMULA = re.compile(rb"<" + _P + rb"f\b")
_VALUE = re.compile(rb"<" + _P + rb"v>([^<]+)</" + _P + rb"v>")
_MERGE = re.compile(rb"<" + _P + rb'mergeCell\b[^>]*ref="([^"]+)"')
_XF_BLOCK = re.compile(rb"<" + _P + rb"cellXfs\b.*?</" + _P + rb"cellXfs>", re.S)
_XF = re.compile(rb"<" + _P + rb'xf\b[^>]*?numFmtId="(\d+)"')
_NUMFMT = re.compile(rb"<" + _P + rb'numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_CELL_OPEN = re.compile(rb"<" + _P + rb"c\b")
# A prefixed cell or formula element (<x:c, <x:f) has ":c" or ":f" as a whole word; without any,
# the prefix-free patterns find exactly what the prefix-tolerant ones would.
_PREFIXED = re.compile(rb":[cf]\b")
# Without prefixes: patterns that start with a literal, which re searches for at C speed.
_PLAIN_CELL_OPEN = re.compile(rb"<c\b")
_PLAIN_FORMULA = re.compile(rb"<f\b")
BUILTIN_PERCENT_FORMATS = {9, 10}
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_ROW = re.compile(rb"<" + _P + rb"row\b([^>]*)>")
_COL = re.compile(rb"<" + _P + rb"col\b([^>]*)/?>")


@dataclass
class SheetFacts:
    cell_count: int = 0
    formulas_without_value: list[str] = field(default_factory=list)
    merged_ranges: list[str] = field(default_factory=list)
    percent_cells: set[str] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)  # 1-based row numbers
    hidden_columns: set[int] = field(default_factory=set)  # 0-based column indexes


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return dict(_ATTR.findall(raw))


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name inside the zip."""
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for raw in _REL.findall(rels):
        attrs = _attrs(raw)
        target = attrs.get(b"Target", b"").decode()
        targets[attrs.get(b"Id", b"").decode()] = (
            target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        )
    return {
        name.decode("utf-8"): targets[rid.decode()]
        for name, rid in _SHEET.findall(workbook)
        if rid.decode() in targets
    }


def _percent_styles(archive: zipfile.ZipFile) -> set[bytes]:
    """Indexes (as bytes) of cell styles whose number format shows a percentage."""
    try:
        styles = archive.read("xl/styles.xml")
    except KeyError:
        return set()
    custom = {int(i) for i, code in _NUMFMT.findall(styles) if b"%" in code}
    block = _XF_BLOCK.search(styles)
    if not block:
        return set()
    return {
        str(index).encode()
        for index, fmt in enumerate(_XF.findall(block.group(0)))
        if int(fmt) in BUILTIN_PERCENT_FORMATS | custom
    }


def _styled_cells(data: bytes, styles: set[bytes], prefixed: bool) -> set[str]:
    """References of the cells whose style is one of ``styles`` (``s="N"``)."""
    alternatives = b"|".join(re.escape(style) for style in sorted(styles))
    tag = re.compile(
        (rb"<" + _P if prefixed else rb"<") + rb'c\b([^>]*?\bs="(?:' + alternatives + rb')"[^>]*)>'
    )
    cells = set()
    for raw_attrs in tag.findall(data):
        attrs = _attrs(raw_attrs)
        if attrs.get(b"s") in styles:
            cells.add(attrs.get(b"r", b"").decode())
    return cells


def _sheet_facts(data: bytes, percent_styles: set[bytes]) -> SheetFacts:
    prefixed = _PREFIXED.search(data) is not None
    cell_open, formula = (_CELL_OPEN, _FORMULA) if prefixed else (_PLAIN_CELL_OPEN, _PLAIN_FORMULA)
    sheet = SheetFacts(cell_count=len(cell_open.findall(data)))
    if b"mergeCell" in data:
        sheet.merged_ranges = [r.decode() for r in _MERGE.findall(data)]
    if percent_styles:
        sheet.percent_cells = _styled_cells(data, percent_styles, prefixed)
    if _HIDDEN.search(data) is not None:
        _hidden_rows_and_columns(data, sheet)
    if formula.search(data) is not None:
        for raw_attrs, body in _CELL.findall(data):
            if body and _FORMULA.search(body) and not _VALUE.search(body):
                sheet.formulas_without_value.append(_attrs(raw_attrs).get(b"r", b"").decode())
    return sheet


def _hidden_rows_and_columns(data: bytes, sheet: SheetFacts) -> None:
    """Rows (``<row hidden="1">``) and columns (``<col min max hidden="1">``) marked hidden."""
    for raw_attrs in _ROW.findall(data):
        if _HIDDEN.search(raw_attrs):
            number = _attrs(raw_attrs).get(b"r", b"")
            if number.isdigit():
                sheet.hidden_rows.add(int(number))
    for raw_attrs in _COL.findall(data):
        if _HIDDEN.search(raw_attrs):
            attrs = _attrs(raw_attrs)
            low, high = attrs.get(b"min", b""), attrs.get(b"max", b"")
            if low.isdigit() and high.isdigit():
                sheet.hidden_columns.update(range(int(low) - 1, min(int(high), 16384)))


def inspect_package(
    path: Path, sheet_names: list[str], archive: zipfile.ZipFile | None = None
) -> dict[str, SheetFacts]:
    """Facts about the named sheets (a sheet missing from the package is simply absent).

    ``archive``: the package already open (by the container checks), to avoid opening it again.
    """
    if archive is None:
        with zipfile.ZipFile(path) as opened:
            return inspect_package(path, sheet_names, opened)
    facts: dict[str, SheetFacts] = {}
    parts = _sheet_parts(archive)
    percent_styles = _percent_styles(archive)
    members = set(archive.namelist())
    for name in sheet_names:
        part = parts.get(name)
        if part is None or part not in members:
            continue
        facts[name] = _sheet_facts(archive.read(part), percent_styles)
    return facts
