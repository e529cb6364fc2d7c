"""Open-data downloads taken as downloaded: World Bank, WITS, UN Comtrade and WTO Stats layouts.

The office downloads country time series from public sites for the Environmental Scan. Each
site has its own layout, recognised from its header row (below any title lines) as the bulk
layouts are:

- World Bank DataBank / WDI: ``Country Name, Country Code, Series Name, Series Code`` then one
  column per year (``2019 [YR2019]``), or the bulk WDI file's ``Indicator Name, Indicator Code``;
- WITS country time series: ``Country Name, Indicator Name`` then years (optionally ``Table``,
  ``Partner Name``, ``Product Group``);
- UN Comtrade, legacy export (``Reporter ISO, Partner, Commodity Code, Trade Flow, Year, Trade
  Value (US$)``) and current one (``reporterISO, partnerDesc, cmdCode, flowDesc, refYear,
  primaryValue``);
- WTO Stats: an ``Indicator`` title line, then ``Reporting Economy, Product/Sector, Partner
  Economy`` and years (or ``Period`` and ``Value``).

A download holds many series the office does not want (a WDI download may carry 1,400). The
source-series register (``reference/external_series.csv``) says which series feed which
indicator, in which unit, and which rows hold the total (Comtrade partner World, commodity
TOTAL, flow Import). Rows of other series are skipped with one note per series; a file with no
usable row at all is rejected with the series it holds and how to register one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ingestion.findings import CRITICAL, WARNING, Finding, column_letter, make_finding
from ingestion.statistics.layouts import (
    _YEAR_HEADER,
    HEADER_SEARCH_ROWS,
    LONG_COLUMNS,
    LayoutProblem,
    LongCells,
    _text,
)
from ingestion.statistics.members import normalise_name
from ingestion.statistics.readers import Grid

WORLD_BANK = "world_bank"
WITS = "wits"
COMTRADE = "comtrade"
WTO = "wto"
SOURCES = (WORLD_BANK, WITS, COMTRADE, WTO)
SHOWN_SERIES = 20  # series listed in a rejection
# The first year of Members' statistics (expectations.statistics_suites.MIN_YEAR, not imported
# here: that module loads Great Expectations). A WDI download runs from 1960: the earlier years
# are skipped with one note instead of rejecting the file.
FIRST_YEAR = 1990


@dataclass(frozen=True)
class SourceLayout:
    """How one site's download is laid out; header names are folded (``normalise_name``)."""

    source: str
    shape: str  # stored as source_layout
    signature: frozenset[str]  # headers that must all be present
    member: tuple[str, ...]  # candidates, best first (a code before a name)
    series: tuple[str, ...]  # columns naming the series (any may match the register)
    dims: dict[str, tuple[str, ...]] = field(default_factory=dict)  # filter name -> columns
    year: tuple[str, ...] = ()  # long layouts: the year column; empty: one column per year
    value: tuple[str, ...] = ()  # long layouts: the value column
    excludes: frozenset[str] = frozenset()  # headers that mean another layout


LAYOUTS: tuple[SourceLayout, ...] = (
    SourceLayout(
        WORLD_BANK, "world_bank_databank", frozenset({"country code", "series code"}),
        member=("country code", "country name"), series=("series code", "series name"),
    ),
    SourceLayout(
        WORLD_BANK, "world_bank_wdi", frozenset({"country code", "indicator code"}),
        member=("country code", "country name"), series=("indicator code", "indicator name"),
    ),
    SourceLayout(
        WITS, "wits", frozenset({"country name", "indicator name"}),
        member=("country name",), series=("indicator name",),
        dims={"partner": ("partner name",), "product": ("product group",)},
        excludes=frozenset({"country code", "indicator code", "series code"}),
    ),
    SourceLayout(
        COMTRADE, "comtrade_legacy", frozenset({"reporter iso", "trade value us"}),
        member=("reporter iso", "reporter"), series=("commodity code",),
        dims={"partner": ("partner", "partner iso"), "flow": ("trade flow",)},
        year=("year",), value=("trade value us",),
    ),
    SourceLayout(
        COMTRADE, "comtrade", frozenset({"reporteriso", "primaryvalue"}),
        member=("reporteriso", "reporterdesc"), series=("cmdcode",),
        dims={"partner": ("partnerdesc", "partneriso"), "flow": ("flowdesc",)},
        year=("refyear", "period"), value=("primaryvalue",),
    ),
    SourceLayout(
        WTO, "wto_stats", frozenset({"reporting economy", "partner economy"}),
        member=("reporting economy code", "reporting economy"), series=("indicator",),
        dims={"partner": ("partner economy",), "product": ("product sector",)},
    ),
)  # fmt: skip


@dataclass(frozen=True)
class RegisteredSeries:
    indicator_code: str
    unit: str
    filters: tuple[tuple[str, str], ...]  # (dimension, folded wanted value)


@dataclass(frozen=True)
class SeriesRegister:
    """``external_series.csv`` by source and folded series code or name."""

    entries: dict[tuple[str, str], tuple[RegisteredSeries, ...]]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame | None) -> SeriesRegister:
        entries: dict[tuple[str, str], list[RegisteredSeries]] = {}
        if frame is not None:
            for row in frame.to_dict("records"):
                filters = []
                for part in str(row.get("filter") or "").split(";"):
                    if "=" in part:
                        name, wanted = part.split("=", 1)
                        filters.append((name.strip().lower(), normalise_name(wanted)))
                unit = row.get("unit")
                key = (str(row["source"]), normalise_name(str(row["series"])))
                entries.setdefault(key, []).append(
                    RegisteredSeries(
                        str(row["indicator_code"]),
                        "" if unit is None or unit != unit else str(unit),
                        tuple(filters),
                    )
                )
        return cls({k: tuple(v) for k, v in entries.items()})


def _same(written: str, wanted: str) -> bool:
    """A filter value matches ignoring case, punctuation and a plural ("Imports" = "Import")."""
    return written == wanted or written.rstrip("s") == wanted.rstrip("s")


def _find_header(grid: Grid) -> tuple[int, SourceLayout, list[str]] | None:
    for row_no in grid.cells.index[:HEADER_SEARCH_ROWS]:
        folded = [normalise_name(_text(v)) for v in grid.cells.loc[row_no]]
        present = set(folded)
        for layout in LAYOUTS:
            if layout.signature <= present and not (layout.excludes & present):
                return int(row_no), layout, folded
    return None


def _title_indicator(grid: Grid, header_row: int) -> str:
    """WTO Stats' title line: ``Indicator,<name>`` or ``Indicator: <name>`` above the header."""
    for row_no in grid.cells.index:
        if row_no >= header_row:
            break
        texts = [_text(v) for v in grid.cells.loc[row_no] if _text(v)]
        if not texts:
            continue
        head = normalise_name(texts[0])
        if head == "indicator" and len(texts) > 1:
            return texts[1]
        if head.startswith("indicator ") and ":" in texts[0]:
            return texts[0].split(":", 1)[1].strip()
    return ""


def read_source(
    grid: Grid, register: SeriesRegister, indicator_names: dict[str, str]
) -> LongCells | None:
    """The cells of an open-data download whose series are registered, or None if ``grid`` is
    not one of the known sites' layouts. Notes for skipped series are in ``LongCells.notes``.

    A file in a site's layout whose series are all indicators of the office's own register
    (``indicator_names``: folded codes and names) is the office's own extract: None, so the bulk
    reader takes it as before.
    """
    found = _find_header(grid)
    if found is None:
        return None
    header_row, layout, folded = found
    labels = [_text(v) for v in grid.cells.loc[header_row]]
    body = grid.cells.loc[header_row + 1 :]
    # a row with one cell at most is a note, a source line or a footnote, not data
    body = body[body.map(_text).ne("").sum(axis=1) > 1]

    def column(candidates: tuple[str, ...]) -> int | None:
        return next((folded.index(c) for c in candidates if c in folded), None)

    member_at = column(layout.member)
    series_at = [folded.index(c) for c in layout.series if c in folded]
    title = _title_indicator(grid, header_row) if not series_at else ""
    if not series_at and not title:
        raise LayoutProblem(
            "missing_column", sheet=grid.sheet, cell=f"row {header_row}", column="indicator",
            row=header_row,
        )  # fmt: skip
    series_texts = (
        [body[p].map(_text) for p in series_at]
        if series_at
        else [pd.Series(title, index=body.index)]
    )
    # blank series: the footnotes and source lines downloads carry below the data
    has_series = pd.concat(series_texts, axis=1).ne("").any(axis=1)
    body = body[has_series]
    series_texts = [s[has_series] for s in series_texts]
    dims = {
        name: body[at].map(lambda v: normalise_name(_text(v)))
        for name, candidates in layout.dims.items()
        if (at := column(candidates)) is not None
    }
    indicator, unit, status = _match(layout.source, series_texts, dims, register)
    series_shown = series_texts[0]
    notes = _notes(grid.sheet, layout, series_shown, status, series_at, body.index)
    usable = status.eq("ok")
    if not usable.any():
        own = series_shown.map(
            lambda t: normalise_name(t) in indicator_names or t.lower() in indicator_names
        )
        if len(own) and own.all():
            return None  # the office's own extract in a site's layout: the bulk reader's
        found_series = sorted(set(series_shown))
        shown = ", ".join(found_series[:SHOWN_SERIES])
        if len(found_series) > SHOWN_SERIES:
            shown += f", … ({len(found_series)} in all)"
        raise LayoutProblem(
            "external_series_none_registered",
            sheet=grid.sheet,
            cell=f"row {header_row}",
            source=layout.source,
            detail=shown or "-",
        )
    body, indicator, unit = body[usable], indicator[usable], unit[usable]
    if layout.year:
        value_columns = {column(layout.value): None}
        year_at = column(layout.year)
    else:
        value_columns = {
            p: m.group(1)
            for p, label in enumerate(labels)
            if (m := _YEAR_HEADER.match(label)) and p != member_at
        }
        year_at = None
        early = sorted({y for y in value_columns.values() if int(y) < FIRST_YEAR})
        if early:
            value_columns = {p: y for p, y in value_columns.items() if int(y) >= FIRST_YEAR}
            notes.append(
                make_finding(
                    "external_years_before_period",
                    WARNING,
                    sheet=grid.sheet,
                    cell=f"row {header_row}",
                    source=layout.source,
                    detail=f"{early[0]}–{early[-1]}",
                    count=len(early) * len(body),
                    first_year=FIRST_YEAR,
                )
            )
        if not value_columns and column(("value",)) is not None:
            # the same site's long form: a period (year) column and a value column
            value_columns = {column(("value",)): None}
            year_at = column(("year", "period"))
        if not value_columns or (None in value_columns.values() and year_at is None):
            raise LayoutProblem(
                "missing_column", sheet=grid.sheet, cell=f"row {header_row}", column="year",
                row=header_row,
            )  # fmt: skip
    pieces = []
    for position, year in value_columns.items():
        pieces.append(
            pd.DataFrame(
                {
                    "member_raw": body[member_at],
                    "year_raw": body[year_at] if year is None else year,
                    "indicator_raw": indicator,
                    "value_raw": body[position],
                    "unit_raw": "",
                    "header_unit": unit,
                    "source_row": body.index.astype("int64"),
                    "source_cell": column_letter(position),
                }
            )
        )
    frame = pd.concat(pieces, ignore_index=True)
    frame["source_cell"] = frame["source_cell"] + frame["source_row"].astype(str)
    return LongCells(layout.shape, frame[LONG_COLUMNS], grid.sheet, notes=notes)


def _match(
    source: str,
    series_texts: list[pd.Series],
    dims: dict[str, pd.Series],
    register: SeriesRegister,
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per row: the indicator, the unit as registered, and ``ok`` / ``unregistered`` /
    ``outside_filter``, decided once per distinct (series, dimensions) combination."""
    keys = pd.concat([s.map(normalise_name) for s in series_texts] + list(dims.values()), axis=1)
    keys.columns = [f"s{i}" for i in range(len(series_texts))] + list(dims)
    positions, combos = pd.factorize(pd.MultiIndex.from_frame(keys))
    answers: list[tuple[str | None, str, str]] = []
    for combo in combos:
        values = dict(zip(keys.columns, combo, strict=True))
        candidates = [
            entry
            for i in range(len(series_texts))
            for entry in register.entries.get((source, values[f"s{i}"]), ())
        ]
        if not candidates:
            answers.append((None, "", "unregistered"))
            continue
        chosen = next(
            (
                e
                for e in candidates
                if all(_same(values.get(dim, wanted), wanted) for dim, wanted in e.filters)
            ),
            None,
        )
        if chosen is None:
            answers.append((None, "", "outside_filter"))
        else:
            answers.append((chosen.indicator_code, chosen.unit, "ok"))
    index = series_texts[0].index
    return (
        pd.Series([answers[p][0] for p in positions], index=index, dtype=object),
        pd.Series([answers[p][1] for p in positions], index=index, dtype=object),
        pd.Series([answers[p][2] for p in positions], index=index, dtype=object),
    )


def _notes(
    sheet: str,
    layout: SourceLayout,
    series: pd.Series,
    status: pd.Series,
    series_at: list[int],
    rows: pd.Index,
) -> list[Finding]:
    """One note per series skipped (not registered), one per registered series whose other rows
    (partners, flows, products) are not the registered selection."""
    letter = column_letter(series_at[0]) if series_at else "A"
    notes: list[Finding] = []
    for rule, wanted in (
        ("external_series_skipped", "unregistered"),
        ("external_rows_outside_selection", "outside_filter"),
    ):
        mask = status.eq(wanted)
        if not mask.any():
            continue
        frame = pd.DataFrame({"series": series[mask], "row": rows[mask.to_numpy()]})
        for name, group in frame.groupby("series", sort=False):
            first = f"{letter}{int(group['row'].iloc[0])}"
            notes.append(
                make_finding(
                    rule,
                    WARNING,
                    sheet=sheet,
                    cell=first,
                    value=name,
                    count=len(group),
                    first=f"{sheet}!{first}",
                    source=layout.source,
                )
            )
    return notes


def rejection(problem: LayoutProblem) -> Finding:
    """A located critical finding for a layout problem raised here."""
    params: dict[str, Any] = {"detail": "a table", **problem.params}
    return make_finding(problem.rule, CRITICAL, **params)
