"""What calamine does not tell: a direct look inside the .xlsx package (a zip of XML parts).

python-calamine gives cell values fast but no cell metadata. This module reads each worksheet's
XML once, as bytes, and finds with regular expressions only what intake needs:

* formulas without a cached value (the sender's Excel never computed them: the value is unknown);
* merged ranges (a merged cell over data hides values from every reader);
* cells formatted as percentages (0.75 shown as 75 % is a percentage typed as 75);
* the number of cells, refused above a configurable limit before anything is parsed.

Worksheet sizes are bounded beforehand by ``file_checks`` (uncompressed size limit).
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
BUILTIN_PERCENT_FORMATS = {9, 10}


@dataclass
class SheetFacts:
    cell_count: int = 0
    formulas_without_value: list[str] = field(default_factory=list)
    merged_ranges: list[str] = field(default_factory=list)
    percent_cells: set[str] = field(default_factory=set)


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


def inspect_package(path: Path, sheet_names: list[str]) -> dict[str, SheetFacts]:
    """Facts about the named sheets (a sheet missing from the package is simply absent)."""
    facts: dict[str, SheetFacts] = {}
    with zipfile.ZipFile(path) as archive:
        parts = _sheet_parts(archive)
        percent_styles = _percent_styles(archive)
        for name in sheet_names:
            part = parts.get(name)
            if part is None or part not in archive.namelist():
                continue
            data = archive.read(part)
            sheet = SheetFacts(cell_count=len(_CELL_OPEN.findall(data)))
            sheet.merged_ranges = [r.decode() for r in _MERGE.findall(data)]
            has_formula = _FORMULA.search(data) is not None
            if has_formula or percent_styles:
                for raw_attrs, body in _CELL.findall(data):
                    attrs = _attrs(raw_attrs)
                    ref = attrs.get(b"r", b"").decode()
                    if attrs.get(b"s") in percent_styles:
                        sheet.percent_cells.add(ref)
                    if has_formula and body and _FORMULA.search(body) and not _VALUE.search(body):
                        sheet.formulas_without_value.append(ref)
            facts[name] = sheet
    return facts
