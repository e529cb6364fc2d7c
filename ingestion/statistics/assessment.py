"""Judge one Members' statistics file: every problem found, located, and the values if acceptable.

A file is read (``statistics_readers``: dialect and encoding detected), its layout recognised
(``statistics_layout``: questionnaire, long, wide by indicator, wide by year), and each value
cell turned into a row Member × year × indicator in base units:

- names and codes resolve to Members (``member_resolution``); aggregates ("World") and economies
  that are not Members are skipped with a note; an unknown name rejects the file, with the
  closest Members suggested;
- numbers are read in any locale, scale words ("in millions") applied, the original kept;
- currency values carry their currency (written, else the Member's currency that year), so dbt
  can convert them to US dollars with the exchange-rate register;
- the same Member, year and indicator twice: identical values load once with a warning,
  different values reject the file;
- values outside the indicator's range, negative counts and percentages over 100 are loaded
  and reported as warnings (year-on-year jumps need history: they are checked in dbt).

The whole file is accepted or rejected; intake does the rest (archive, quarantine, registry).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ingestion.findings import CRITICAL, WARNING, Finding, make_finding
from ingestion.messages import Text
from ingestion.registers.context import RegisterContext
from ingestion.statistics.layouts import (
    LayoutProblem,
    LongCells,
    is_questionnaire,
    load_questionnaire_spec,
    read_bulk,
    read_questionnaire,
)
from ingestion.statistics.members import (
    AGGREGATE,
    MEMBER,
    NON_MEMBER,
    OUT_OF_PERIOD,
    SEVERAL_MEMBERS,
    SKIPPED_STATUSES,
    MemberResolver,
    normalise_name,
)
from ingestion.statistics.readers import (
    CSV_SUFFIXES,
    XLSX_SUFFIXES,
    Grid,
    UnreadableFile,
    read_text_grid,
    read_workbook_grids,
)
from ingestion.statistics.sources import SeriesRegister, read_source
from ingestion.statistics.values import (
    HOURS_PER_UNIT,
    decimal_comma_file,
    parse_numbers,
    parse_unit,
    plain_numbers,
)

# What is loaded into raw.statistics_values, besides the lineage columns.
OUTPUT_COLUMNS = (
    "member_code",
    "year",
    "indicator_code",
    "value",
    "unit",
    "value_as_reported",
    "scale_factor",
    "currency_code",
    "footnote",
    "member_as_reported",
    "source_cell",
    "source_layout",
)
KEY = ["member_code", "year", "indicator_code"]
SKIPPED_WHAT = {
    AGGREGATE: Text(
        "an aggregate of economies, not a WCO Member",
        "un agrégat d'économies, pas un Membre de l'OMD",
    ),
    NON_MEMBER: Text("an economy that is not a WCO Member", "une économie non membre de l'OMD"),
    SEVERAL_MEMBERS: Text(
        "a former or combined economy covering several WCO Members (never attributed to one)",
        "une économie ancienne ou composée couvrant plusieurs Membres de l'OMD (jamais "
        "attribuée à l'un d'eux)",
    ),
}


@dataclass
class StatisticsAssessment:
    findings: list[Finding] = field(default_factory=list)
    frame: pd.DataFrame | None = None
    shape: str | None = None
    dialect: str | None = None

    @property
    def accepted(self) -> bool:
        return not any(f.severity == CRITICAL for f in self.findings)


@dataclass(frozen=True)
class StatisticsContext:
    """What the registers say about statistics, in the shape the reader needs it."""

    resolver: MemberResolver
    indicators: pd.DataFrame  # indexed by indicator_code: unit, min_value, max_value, ...
    indicator_names: dict[str, str]  # folded code / EN name / FR name -> code
    currencies: frozenset[str]
    member_currencies: pd.DataFrame  # member_code, currency_code, valid_from_year, valid_to_year
    external_series: SeriesRegister = field(default_factory=lambda: SeriesRegister({}))

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> StatisticsContext:
        indicators = frames["indicators"].set_index("indicator_code")
        names: dict[str, str] = {}
        for code, row in indicators.iterrows():
            for text in (code, row["name_en"], row["name_fr"]):
                names.setdefault(normalise_name(str(text)), str(code))
            names.setdefault(str(code).lower(), str(code))
        member_currencies = frames.get(
            "member_currencies",
            pd.DataFrame(columns=["member_code", "currency_code", "valid_from_year"]),
        )
        rates = frames.get("exchange_rates", pd.DataFrame(columns=["currency_code"]))
        currencies = frozenset(
            {"USD", *member_currencies["currency_code"], *rates["currency_code"]}
        )
        return cls(
            MemberResolver.from_frames(frames),
            indicators,
            names,
            currencies,
            member_currencies,
            SeriesRegister.from_frame(frames.get("external_series")),
        )


def _register_stamp(reference_dir: Path) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in reference_dir.glob("*.csv")))


@cache
def _cached_context(reference_dir: Path, stamp: tuple[tuple[str, int], ...]) -> StatisticsContext:
    from ingestion.registers.reader import read_registers

    return StatisticsContext.from_frames(read_registers(reference_dir))


def statistics_context(reference_dir: Path | None = None) -> StatisticsContext:
    """The context for the registers in ``reference_dir`` (default: the current data home's),
    rebuilt only when a register file changes."""
    if reference_dir is None:
        from ingestion.paths import spf_paths

        reference_dir = spf_paths(os.environ.get("SPF_HOME")).reference
    return _cached_context(reference_dir, _register_stamp(reference_dir))


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _read_bulk_or_source(grid: Grid, sctx: StatisticsContext) -> LongCells:
    """An open-data site's download (``sources``) if the header says so, else a bulk extract."""
    found = read_source(grid, sctx.external_series, sctx.indicator_names)
    return found if found is not None else read_bulk(grid, sctx.indicator_names)


def _read_cells(path: Path, sctx: StatisticsContext, limits: Any | None) -> tuple[LongCells, Grid]:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        grid = read_text_grid(path)
        return _read_bulk_or_source(grid, sctx), grid
    if suffix not in XLSX_SUFFIXES:
        raise LayoutProblem("statistics_file_type", value=suffix or path.name)
    if limits is not None:
        from ingestion.xlsx.container import check_xlsx_container

        problem = check_xlsx_container(path, limits)
        if problem is not None:
            raise _FindingError(problem)
    grids = read_workbook_grids(path)
    spec = load_questionnaire_spec()
    for grid in grids:
        if is_questionnaire(grid, spec):
            return read_questionnaire(grid, spec), grid
    first_problem: LayoutProblem | None = None
    for grid in grids:
        try:
            return _read_bulk_or_source(grid, sctx), grid
        except LayoutProblem as problem:
            first_problem = first_problem or problem
    raise first_problem or LayoutProblem("statistics_layout", detail="an empty workbook")


class _FindingError(Exception):
    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(finding.message_en)


# --------------------------------------------------------------------------------------------
# Judging
# --------------------------------------------------------------------------------------------


def map_distinct(values: pd.Series, mapping: Any, dtype: Any = object) -> pd.Series:
    """``values.map(mapping)`` computed once per distinct value (factorize is C code), because
    mapping a column of strings row by row costs seconds on a bulk extract."""
    positions, distinct = pd.factorize(values)
    get = mapping.get if isinstance(mapping, dict | pd.Series) else mapping
    missing = np.nan if dtype is float else None
    results = [get(v) for v in distinct] + [missing]
    if dtype is object and all(r is None or isinstance(r, str) for r in results):
        # text: taken from a small Arrow array (position -1 is the last, missing, entry), so
        # pandas never converts hundreds of thousands of Python strings
        return pd.Series(pd.array(results, dtype="str")[positions], index=values.index)
    mapped = np.array(results, dtype=dtype)
    return pd.Series(mapped[positions], index=values.index, dtype=dtype)


_YEAR = re.compile(r"^\s*\D{0,2}((?:19|20)\d{2})(?:\.0+)?\b")


def _as_year(text: str) -> float:
    """2019, "2019", "2019.0", "2019 [YR2019]", "FY2019" -> 2019.0; anything else NaN."""
    found = _YEAR.match(str(text))
    return float(found.group(1)) if found else np.nan


def _text_series(values: pd.Series) -> pd.Series:
    if pd.api.types.is_string_dtype(values) and not pd.api.types.is_object_dtype(values):
        return values.fillna("").str.strip()
    out = values.map(lambda v: "" if v is None or v != v else v)
    if out.dtype == object:
        floats = out.map(type).eq(float)
        if floats.any():
            out[floats] = out[floats].map(lambda v: str(int(v)) if v.is_integer() else str(v))
        return out.astype(str).str.strip()
    return out.astype(str)


def _grouped(
    findings: list[Finding],
    rule: str,
    cells: pd.DataFrame,
    mask: pd.Series,
    column: str,
    severity: str,
    sheet: str,
    **params: Any,
) -> None:
    """One finding per distinct written value of ``column`` among the ``mask`` rows."""
    if not mask.any():
        return
    bad = cells.loc[mask, [column, "source_cell"]]
    for value, group in bad.groupby(column, sort=False):
        extra = {k: (v(value) if callable(v) else v) for k, v in params.items()}
        findings.append(
            make_finding(
                rule,
                severity,
                sheet=sheet,
                cell=str(group["source_cell"].iloc[0]),
                value=value,
                count=len(group),
                first=f"{sheet}!{group['source_cell'].iloc[0]}",
                **extra,
            )
        )


def assess_statistics(
    path: Path,
    ctx: RegisterContext | None,
    max_year: int,
    limits: Any | None = None,
    reference_dir: Path | None = None,
    context: StatisticsContext | None = None,
) -> StatisticsAssessment:
    """Judge ``path``; ``ctx`` is kept for intake's interface (the registers it summarises are
    read again, fuller, through ``statistics_context``)."""
    del ctx
    sctx = context or statistics_context(reference_dir)
    result = StatisticsAssessment()
    try:
        long, grid = _read_cells(path, sctx, limits)
    except UnreadableFile as exc:
        result.findings.append(make_finding("read_failed", sheet=path.name, detail=exc.reason))
        return result
    except _FindingError as exc:
        result.findings.append(exc.finding)
        return result
    except LayoutProblem as problem:
        params = {"detail": "a table", **problem.params}
        result.findings.append(make_finding(problem.rule, **params))
        return result
    result.shape, result.dialect = long.shape, grid.dialect
    result.findings.extend(long.notes)  # series of an open-data download not registered
    judge_cells(long, grid, sctx, max_year, result)
    return result


def judge_cells(
    long: LongCells,
    grid: Grid,
    sctx: StatisticsContext,
    max_year: int,
    result: StatisticsAssessment,
) -> None:
    from expectations.statistics_suites import validate_statistics

    findings = result.findings
    sheet = long.sheet
    cells = long.cells
    # --- numbers: missing cells carry no data and are skipped before anything else
    plain = plain_numbers(cells["value_raw"])
    decimal_comma = decimal_comma_file(cells["value_raw"], grid.delimiter, plain)
    numbers = parse_numbers(cells["value_raw"], decimal_comma, plain)
    keep = ~numbers.missing.to_numpy()
    cells = cells[keep].reset_index(drop=True)
    number = numbers.value[keep].reset_index(drop=True)
    cell_scale = numbers.scale[keep].reset_index(drop=True)
    footnote = numbers.footnote[keep].reset_index(drop=True)
    unreadable = numbers.unreadable[keep].reset_index(drop=True)
    # --- Members: aggregates and non-Members are notes; their rows are dropped. The year is
    # read first: some names stand for a Member in some years only.
    cells["member_raw"] = _text_series(cells["member_raw"])
    year_text = _text_series(cells["year_raw"])
    year = map_distinct(year_text, _as_year, float)
    members, resolutions = sctx.resolver.resolve_many(cells["member_raw"], year)
    for status in (AGGREGATE, NON_MEMBER, SEVERAL_MEMBERS):
        _grouped(
            findings,
            "row_skipped",
            cells,
            members["member_status"].eq(status),
            "member_raw",
            WARNING,
            sheet,
            what=SKIPPED_WHAT[status],
        )
    _grouped(
        findings,
        "row_outside_name_period",
        cells,
        members["member_status"].eq(OUT_OF_PERIOD),
        "member_raw",
        WARNING,
        sheet,
        member=lambda v: sctx.resolver.dated_meaning(v)[0],
        period=lambda v: sctx.resolver.dated_meaning(v)[1],
    )
    skipped = members["member_status"].isin(SKIPPED_STATUSES).to_numpy()
    cells, members = (
        cells[~skipped].reset_index(drop=True),
        members[~skipped].reset_index(drop=True),
    )
    year_text = year_text[~skipped].reset_index(drop=True)
    year = year[~skipped].reset_index(drop=True)
    number = number[~skipped].reset_index(drop=True)
    cell_scale = cell_scale[~skipped].reset_index(drop=True)
    footnote = footnote[~skipped].reset_index(drop=True)
    unreadable = unreadable[~skipped].reset_index(drop=True)
    # --- indicators, years
    cells["indicator_raw"] = _text_series(cells["indicator_raw"])
    indicator_code = map_distinct(
        cells["indicator_raw"],
        lambda v: sctx.indicator_names.get(
            normalise_name(v), sctx.indicator_names.get(str(v).lower())
        ),
    )
    checked = pd.DataFrame(
        {
            "year": year.astype("float64"),
            "member_known": members["member_status"].eq(MEMBER),
            "indicator_known": indicator_code.notna(),
            "value_is_number": ~unreadable,
        }
    )
    combination, distinct = _distinct_rows(checked)
    for failure in validate_statistics(distinct, max_year):
        mask = pd.Series(np.isin(combination, failure.rows), index=cells.index)
        rule = failure.rule.rule
        if rule == "unresolved_member":
            _grouped(
                findings,
                rule,
                cells,
                mask,
                "member_raw",
                CRITICAL,
                sheet,
                suggestions=lambda v: ", ".join(resolutions[v].suggestions) or "-",
            )
        elif rule == "statistics_unknown_indicator":
            _grouped(
                findings,
                rule,
                cells,
                mask,
                "indicator_raw",
                CRITICAL,
                sheet,
                expected=", ".join(sorted(sctx.indicators.index)),
            )
        elif rule == "not_a_year":
            cells["year_text"] = year_text
            _grouped(
                findings,
                rule,
                cells,
                mask,
                "year_text",
                CRITICAL,
                sheet,
                expected=f"1990–{max_year}",
            )
        elif rule == "not_a_number":
            cells["value_text"] = _text_series(cells["value_raw"])
            for row in cells[mask].itertuples():
                findings.append(
                    make_finding(
                        rule,
                        CRITICAL,
                        sheet=sheet,
                        cell=row.source_cell,
                        value=row.value_text,
                        column="value",
                    )
                )
    if any(f.severity == CRITICAL for f in findings):
        return
    # --- units, scale and currency (parsed once per distinct unit text)
    unit_raw = _text_series(cells["unit_raw"])
    header_unit = _text_series(cells["header_unit"])
    # distinct (unit cell, header unit) pairs through integer codes: a few, however many rows
    unit_position, unit_texts = pd.factorize(unit_raw)
    header_position, header_texts = pd.factorize(header_unit)
    pair_position, pair_codes = pd.factorize(unit_position * len(header_texts) + header_position)
    pairs = [
        (unit_texts[c // len(header_texts)], header_texts[c % len(header_texts)])
        for c in pair_codes
    ]
    parsed_units = {
        (u, h): (parse_unit(u, sctx.currencies), parse_unit(h, sctx.currencies)) for u, h in pairs
    }
    declared = parse_unit(long.metadata.get("currency") or "", sctx.currencies).currency
    resolved_units = {
        # a unit written in the row wins over the column header's
        pair: (
            (cell_unit.scale, cell_unit.currency or head_unit.currency or declared)
            if pair[0]
            else (head_unit.scale, head_unit.currency or declared),
            cell_unit.hours if cell_unit.hours is not None else head_unit.hours,
        )
        for pair, (cell_unit, head_unit) in parsed_units.items()
    }
    per_pair = [resolved_units[pair] for pair in pairs]
    scale = (
        pd.Series(np.array([u[0][0] for u in per_pair], dtype=float)[pair_position]) * cell_scale
    )
    currency_written = pd.Series(
        pd.array([u[0][1] for u in per_pair], dtype="str")[pair_position], index=cells.index
    )
    hours_written = pd.Series(
        np.array([np.nan if u[1] is None else u[1] for u in per_pair], dtype=float)[pair_position],
        index=cells.index,
    )
    # the register's rules for each row's indicator: one lookup per distinct indicator
    indicator_position, distinct_indicators = pd.factorize(indicator_code)
    rules = _indicator_rules(distinct_indicators, sctx)
    per_hour = rules["per_hour"].to_numpy()[indicator_position]
    # 2 days for an indicator in hours: 2 x 24 hours; 36 hours for one in days: 36 / 24 days
    duration = np.nan_to_num(hours_written.to_numpy(dtype="float64") * per_hour, nan=1.0)
    scale = scale * duration
    frame = pd.DataFrame(
        {
            "member_code": members["member_code"],
            "year": year.astype("int64"),
            "indicator_code": indicator_code,
            "value": number * scale,
            "unit": unit_raw.where(unit_raw.ne(""), header_unit),
            "value_as_reported": _text_series(cells["value_raw"]),
            "scale_factor": scale.astype("float64"),
            "member_as_reported": cells["member_raw"],
            "footnote": footnote,
            "source_cell": cells["source_cell"],
            "source_layout": long.shape,
            "source_row": cells["source_row"].astype("int64"),
            "indicator_position": indicator_position,
        }
    )
    frame["unit"] = frame["unit"].replace("", None)
    is_currency = rules["unit"].eq("currency").to_numpy()[indicator_position]
    frame["currency_code"] = _currencies(frame, is_currency, currency_written, sctx)
    frame = _deduplicate(frame, findings, sheet)
    if any(f.severity == CRITICAL for f in findings):
        return
    _plausibility(frame, rules, findings, sheet)
    result.frame = frame.set_index("source_row")[list(OUTPUT_COLUMNS)]
    result.frame.index.name = None


def _distinct_rows(checked: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's combination number, and the distinct combinations (RangeIndex).

    The suite's verdict on a row depends only on the row's values, so it is asked once per
    distinct combination (a few dozen) instead of once per row (hundreds of thousands): Great
    Expectations still decides which fail; a failing combination fails every row that has it.
    """
    year = checked["year"].to_numpy(dtype="float64", na_value=np.nan)
    key = np.nan_to_num(year, nan=-1).astype("int64") * 8
    for bit, column in enumerate(("member_known", "indicator_known", "value_is_number")):
        key += checked[column].to_numpy(dtype=bool).astype("int64") << bit
    combination, _ = pd.factorize(key)
    first = np.flatnonzero(~pd.Series(combination).duplicated().to_numpy())  # in code order
    return combination, checked.iloc[first].reset_index(drop=True)


def _indicator_rules(codes: pd.Index, sctx: StatisticsContext) -> pd.DataFrame:
    """The register's unit, range and sign rule of each of ``codes`` (positional), and
    ``per_hour``: indicator units per hour of a duration indicator (1 for hours, 1/24 for days,
    NaN for indicators that are not durations)."""
    register = sctx.indicators.reindex(codes)
    unit = register["unit"].astype(object)
    return pd.DataFrame(
        {
            "unit": unit.to_numpy(dtype=object),
            "min_value": pd.to_numeric(register["min_value"]).to_numpy(dtype=float),
            "max_value": pd.to_numeric(register["max_value"]).to_numpy(dtype=float),
            "may_be_negative": register["may_be_negative"].fillna(False).to_numpy(dtype=bool),
            "per_hour": [1 / HOURS_PER_UNIT.get(u, np.nan) for u in unit],
        }
    )


def _currencies(
    frame: pd.DataFrame, is_currency: np.ndarray, written: pd.Series, sctx: StatisticsContext
) -> pd.Series:
    """Currency of each currency value: as written, else the Member's currency that year."""
    is_currency = pd.Series(is_currency, index=frame.index)
    out = written.astype("str").where(is_currency)  # missing = NA, never the text "nan"
    if not is_currency.any():
        return out
    todo = is_currency & out.isna()
    if todo.any():
        spans = sctx.member_currencies
        wanted = frame.loc[todo, ["member_code", "year"]].reset_index()
        joined = wanted.merge(spans, on="member_code", how="left")
        to_year = pd.to_numeric(joined["valid_to_year"], errors="coerce").fillna(9999)
        in_span = (joined["year"] >= pd.to_numeric(joined["valid_from_year"])) & (
            joined["year"] <= to_year
        )
        found = joined[in_span].drop_duplicates("index").set_index("index")["currency_code"]
        out[found.index] = found
    return out.astype("str")  # missing = NA, never the text "nan"


def _deduplicate(frame: pd.DataFrame, findings: list[Finding], sheet: str) -> pd.DataFrame:
    """Identical repeats load once (warning); different values for one key reject the file."""
    member_position = pd.factorize(frame["member_code"])[0].astype("int64")
    identity = (member_position * 10_000 + frame["year"].to_numpy("int64")) * 100_000 + frame[
        "indicator_position"
    ].to_numpy("int64")
    repeated = pd.Series(identity, index=frame.index).duplicated(keep=False)
    if not repeated.any():
        return frame
    for key, group in frame[repeated].groupby(KEY, sort=False):
        label = " / ".join(str(k) for k in key)
        cells = ", ".join(group["source_cell"])
        if group["value"].nunique(dropna=False) == 1:
            findings.append(
                make_finding(
                    "identical_duplicate",
                    WARNING,
                    sheet=sheet,
                    cell=str(group["source_cell"].iloc[-1]),
                    value=label,
                    detail=cells,
                )
            )
        else:
            detail = "; ".join(
                f"{v:g} ({c})" for v, c in zip(group["value"], group["source_cell"], strict=True)
            )
            findings.append(
                make_finding(
                    "conflicting_values",
                    CRITICAL,
                    sheet=sheet,
                    cell=str(group["source_cell"].iloc[0]),
                    value=label,
                    detail=detail,
                )
            )
    return frame[~pd.Series(identity, index=frame.index).duplicated(keep="first")]


def _plausibility(
    frame: pd.DataFrame, rules: pd.DataFrame, findings: list[Finding], sheet: str
) -> None:
    """Warnings (never rejections) for values a person should look at before publication.
    ``rules`` holds the register's rules per distinct indicator (``_indicator_rules``)."""
    position = frame["indicator_position"].to_numpy()
    value = frame["value"].to_numpy()
    low = rules["min_value"].to_numpy(float)[position]
    high = rules["max_value"].to_numpy(float)[position]
    negative_count = (rules["unit"].eq("count") & ~rules["may_be_negative"]).to_numpy()[position]
    percent = rules["unit"].eq("percent").to_numpy()[position]
    checks = [
        (
            (value < 0) & negative_count,
            Text("is a negative count", "est un nombre négatif d'unités"),
        ),
        (
            percent & (value > 100),
            Text("is a percentage over 100", "est un pourcentage supérieur à 100"),
        ),
    ]
    flagged = np.zeros(len(frame), dtype=bool)
    for mask, detail in checks:
        _plausibility_findings(frame, mask & ~flagged, detail, findings, sheet)
        flagged |= mask
    outside = ((value < low) | (value > high)) & ~flagged
    if outside.any():
        rows = frame[outside]
        for row, lo, hi in zip(rows.itertuples(), low[outside], high[outside], strict=True):
            bounds = f"{'' if np.isnan(lo) else f'{lo:g}'}–{'' if np.isnan(hi) else f'{hi:g}'}"
            findings.append(
                _implausible(
                    row,
                    Text(
                        f"is outside the expected range {bounds}",
                        f"est hors de l'intervalle attendu {bounds}",
                    ),
                    sheet,
                )
            )


def _plausibility_findings(
    frame: pd.DataFrame, mask: Any, detail: Text, findings: list[Finding], sheet: str
) -> None:
    for row in frame[mask].itertuples():
        findings.append(_implausible(row, detail, sheet))


def _implausible(row: Any, detail: Text, sheet: str) -> Finding:
    return make_finding(
        "implausible_value",
        WARNING,
        sheet=sheet,
        cell=row.source_cell,
        value=f"{row.value:g}",
        member=row.member_code,
        year=row.year,
        indicator=row.indicator_code,
        detail=detail,
    )
