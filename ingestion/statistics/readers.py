"""Read a statistics file (CSV in any common dialect, or a workbook) into a grid of cells.

Members and statistics producers send text files saved by many tools: comma or semicolon
separated, UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"), Latin-1
(older Windows exports), with title lines above the header. The dialect is detected from the
bytes, never asked of the sender, and stated in the findings so a steward can see how a file was
read. Parsing is done on the whole file in one call, never cell by cell: by Arrow's multi-threaded
CSV reader when the rows are regular (every row as wide as the header, no blank line: what tools
export), else by pandas' C reader, which also takes ragged rows and blank lines. Both give the
same text cells and the same row numbers, so a bulk extract of hundreds of thousands of rows
reads in a few hundredths of a second.

The grid keeps every cell as written (text, or the workbook's number); what the cells mean is
decided in ``statistics_layout``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx",)
DELIMITERS = (",", ";", "\t", "|")
SNIFF_LINES = 40


class UnreadableFile(Exception):
    """The file cannot be read as a table; ``reason`` says why in plain words."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass
class Grid:
    """The cells of one sheet (or text file): all columns positional, index = source row (1-based).

    ``dialect`` describes how the bytes were read (encoding, separator) for reports.
    """

    cells: pd.DataFrame
    sheet: str
    dialect: str
    delimiter: str | None = None


def detect_encoding(head: bytes, data: bytes) -> tuple[str, str]:
    """(Python codec, name shown to people) from the byte-order mark or, failing that, content.

    UTF-8 is tried strictly first: Latin-1 decodes any bytes, so it can only be the fallback.
    """
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "UTF-8 with BOM"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "UTF-16"
    sample = head[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: ASCII characters have a zero byte before or after them.
        even_zeros = sample[0::2].count(0)
        return ("utf-16-be", "UTF-16") if even_zeros > len(sample) // 4 else ("utf-16-le", "UTF-16")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252" if _is_cp1252(data) else "latin-1", "Latin-1 (Windows)"
    return "utf-8", "UTF-8"


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def detect_delimiter(lines: list[str]) -> str:
    """The separator that splits the sample lines most consistently into the most fields.

    Counted with the csv module (quotes respected), so "1,5" inside quotes in a semicolon file
    does not vote for the comma.
    """
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        widths = [
            len(r) for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)
        ]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common) if common > 1 else 0, common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_text_grid(path: Path) -> Grid:
    data = path.read_bytes()
    if not data or data.isspace():  # isspace stops at the first character; strip would copy
        raise UnreadableFile("the file is empty")
    codec, shown = detect_encoding(data[:4], data)
    utf8 = codec.startswith("utf-8")  # already validated whole by detect_encoding
    try:
        text = data[: 1 << 16].decode(codec, errors="ignore") if utf8 else data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"the text cannot be decoded as {shown} ({exc.reason})") from None
    text = text.lstrip("\ufeff")
    head_lines = text[: 1 << 16].splitlines()[:SNIFF_LINES]
    delimiter = detect_delimiter(head_lines)
    width = max(len(r) for r in csv.reader(head_lines, delimiter=delimiter)) if head_lines else 1
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
    dialect = f"{shown}, {names[delimiter]} separated"
    body = data[3:] if codec == "utf-8-sig" else data if utf8 else None
    regular = _read_regular(body, head_lines, delimiter, width)
    if regular is not None:
        return Grid(regular, path.name, dialect, delimiter)
    # UTF-8 bytes go to the C parser as they are (it decodes faster than a Python string copy)
    source: io.IOBase = (
        io.BytesIO(data[3:] if codec == "utf-8-sig" else data) if utf8 else io.StringIO(text)
    )
    try:
        cells = pd.read_csv(
            source,
            sep=delimiter,
            header=None,
            names=range(width),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            quotechar='"',
            encoding="utf-8",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise UnreadableFile(f"the rows do not split into columns consistently ({exc})") from None
    cells.index = pd.RangeIndex(1, len(cells) + 1)
    return Grid(cells, path.name, dialect, delimiter)


def _read_regular(
    body: bytes | None, head_lines: list[str], delimiter: str, width: int
) -> pd.DataFrame | None:
    """The cells of a UTF-8 file whose rows, from the first full-width one, all have ``width``
    fields, read by Arrow's CSV reader; None if the file is not like that (then pandas reads it).

    Lines above the first full-width row (titles) are left out of the grid; the grid's index
    still gives every row its number in the file, so findings point at the same rows.
    """
    if body is None or width < 2:
        return None
    records = list(csv.reader(head_lines, delimiter=delimiter))
    if len(records) != len(head_lines):  # a quoted value spans lines in the first rows
        return None
    skip = next((n for n, r in enumerate(records) if len(r) == width), None)
    if skip is None or any(len(r) != width for r in records[skip:]):
        return None
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    columns = [f"c{n}" for n in range(width)]
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(body),
            read_options=pa_csv.ReadOptions(skip_rows=skip, column_names=columns),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter, quote_char='"', double_quote=True, ignore_empty_lines=False
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):  # a ragged row, a blank line, bad quoting
        return None
    cells = table.to_pandas()
    cells.columns = range(width)
    cells.index = pd.RangeIndex(skip + 1, skip + 1 + len(cells))
    return cells


def read_workbook_grids(path: Path) -> list[Grid]:
    """Every visible worksheet of a workbook, values as calamine reads them."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged packages
        raise UnreadableFile(f"the workbook cannot be opened ({exc})") from None
    grids = []
    for meta in workbook.sheets_metadata:
        if str(getattr(meta, "visible", "visible")).lower().endswith("hidden"):
            continue
        rows = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        if not rows:
            continue
        cells = pd.DataFrame(rows, dtype=object)
        cells.index = pd.RangeIndex(1, len(cells) + 1)
        grids.append(Grid(cells, meta.name, "Excel workbook"))
    return grids
