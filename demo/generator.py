"""Deterministic demo data: a year of Directorate returns and five years of Members' statistics.

Everything comes from a fixed seed and the registers, so two runs write identical bytes (and
intake recognises them as the same files). The demo carries realistic flaws so the platform
shows what it does with them:

* one return with a status nobody defined ("Nearly done"): rejected;
* one return with a KPI left empty: accepted with a warning;
* one return received three days after its deadline: accepted with a warning.

Members' statistics come as a bulk extract (long CSV, 2020-2024), annual questionnaires for the
latest year from a few Members (one in French; revenue in millions and release time in days,
converted to base units at intake) and, received later, a revision of some 2023 values that
supersedes the extract's.

Files get a modification time a few days before the deadline (the late one, after it), which
intake takes as the time of receipt.
"""

from __future__ import annotations

import csv
import os
import random
import zlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from ingestion.registers.context import BRUSSELS, UTC
from ingestion.returns.layout import ReturnLayout, load_layout
from ingestion.xlsx.writer import save_deterministic

SEED = 20250701
DEMO_IP_YEAR = "2025-26"
STATISTICS_YEARS = range(2020, 2025)
FILE_STAMP = datetime(2025, 7, 1, 9, 0, 0)
INVALID_STATUS = "Nearly done"
DELAY_COMMENT = "Depends on Member consultations; recovery plan agreed with the Policy Commission."


@dataclass(frozen=True)
class DemoFlaws:
    """Which return carries which flaw (chosen from the registers, deterministically)."""

    rejected: tuple[str, str]  # (directorate, period): invalid status
    missing_kpi: tuple[str, str]  # KPI value left empty
    late: tuple[str, str]  # received after the deadline


def _rng(*parts: object) -> random.Random:
    return random.Random(SEED + zlib.crc32("|".join(map(str, parts)).encode()))


def choose_flaws(frames: dict[str, pd.DataFrame]) -> DemoFlaws:
    directorates = sorted(frames["directorates"]["directorate_code"])
    kpis = frames["kpis"]
    with_kpis = sorted(set(kpis.loc[kpis["source"] == "return", "owner_directorate"]))
    periods = _periods(frames)
    rejected_dir = directorates[1 % len(directorates)]
    missing_dir = next(d for d in with_kpis if d != rejected_dir)
    late_dir = next(d for d in directorates if d not in (rejected_dir, missing_dir))
    return DemoFlaws(
        rejected=(rejected_dir, periods[2]),
        missing_kpi=(missing_dir, periods[1]),
        late=(late_dir, periods[1]),
    )


def _periods(frames: dict[str, pd.DataFrame]) -> list[str]:
    calendar = frames["reporting_calendar"]
    return sorted(calendar.loc[calendar["ip_year"] == DEMO_IP_YEAR, "period_code"])


def _progress(code: str, quarter: int, due_quarter: int) -> tuple[str, float, int | None]:
    """Status, % complete and (if completed) the day offset of completion within the quarter."""
    rng = _rng("progress", code)
    speed = rng.uniform(0.7, 1.4)  # >1: ahead of plan
    planned = min(100.0, 100.0 * quarter / max(due_quarter, 1))
    percent = min(100.0, round(planned * speed / 5) * 5)
    trouble = rng.random() < 0.25
    if percent >= 100:
        return "completed", 100.0, rng.randint(5, 80)
    if quarter == 1 and percent < 10:
        return "not_started", 0.0, None
    if trouble and quarter >= due_quarter - 1:
        return ("delayed" if quarter >= due_quarter else "at_risk"), percent, None
    return "on_track", percent, None


def _label(layout: ReturnLayout, code: str, language: str) -> str:
    choice = next(c for c in layout.statuses if c.code == code)
    return choice.label_fr if language == "fr" else choice.label_en


def build_return(
    frames: dict[str, pd.DataFrame],
    directorate: str,
    period_code: str,
    flaws: DemoFlaws,
    layout: ReturnLayout,
) -> Workbook:
    calendar = frames["reporting_calendar"].set_index("period_code")
    period = calendar.loc[period_code]
    quarter = int(period["quarter"])
    language = (
        frames["directorates"].set_index("directorate_code").loc[directorate]["preferred_language"]
    )
    key = (directorate, period_code)
    wb = Workbook()
    meta = wb.active
    meta.title = layout.metadata_sheet
    values = {
        "layout_version": layout.layout_version,
        "directorate_code": directorate,
        "period_code": period_code,
        "prepared_by": f"{directorate} focal point",
    }
    for field in layout.metadata_fields:
        meta.append([field.label_fr if language == "fr" else field.label_en, values[field.name]])

    def sheet(name: str):
        spec = layout.sheet(name)
        ws = wb.create_sheet(name)
        ws.append([c.header_fr if language == "fr" else c.header_en for c in spec.columns])
        return ws

    deliverables = frames["deliverables"]
    own = deliverables[
        (deliverables["owner_directorate"] == directorate)
        & (deliverables["ip_year"] == period["ip_year"])
    ].sort_values("deliverable_code")
    ws = sheet("Deliverables")
    for index, row in enumerate(own.itertuples(index=False)):
        due_quarter = int(calendar.loc[row.due_period]["quarter"])
        status, percent, day = _progress(row.deliverable_code, quarter, due_quarter)
        completion = None
        if day is not None:
            first = _first_completed_quarter(row.deliverable_code, due_quarter)
            completion = calendar.loc[_period_of(calendar, period["ip_year"], first)][
                "start_date"
            ] + timedelta(days=_rng("completion", row.deliverable_code).randint(5, 80))
        comment = None
        if status in ("at_risk", "delayed"):
            comment = DELAY_COMMENT
        label = _label(layout, status, language)
        if key == flaws.rejected and index == 0:
            label = INVALID_STATUS
        title = row.title_fr if language == "fr" else row.title_en
        ws.append([row.deliverable_code, title, label, percent, completion, comment])

    kpis = frames["kpis"]
    targets = frames["kpi_targets"].set_index(["kpi_code", "ip_year"])["target"]
    ws = sheet("KPIs")
    own_kpis = kpis[(kpis["owner_directorate"] == directorate) & (kpis["source"] == "return")]
    for index, row in enumerate(own_kpis.sort_values("kpi_code").itertuples(index=False)):
        target = float(targets.loc[(row.kpi_code, period["ip_year"])])
        rng = _rng("kpi", row.kpi_code, period_code)
        factor = (
            rng.uniform(0.7, 1.15)
            if row.direction == "higher_is_better"
            else rng.uniform(0.85, 1.3)
        )
        value = target / 4 * factor if row.aggregation == "cumulative" else target * factor
        value = round(value, 1 if row.unit in ("percent", "score", "days", "hours") else 0)
        if key == flaws.missing_kpi and index == 0:
            value = None
        name = row.name_fr if language == "fr" else row.name_en
        ws.append([row.kpi_code, name, value, None])

    ws = sheet("Risks")
    objectives = sorted(frames["objectives"]["objective_code"])
    for number in (1, 2):
        rng = _rng("risk", directorate, number, period_code)
        likelihood, impact = rng.randint(2, 5), rng.randint(2, 5)
        ws.append(
            [
                f"R-{directorate}-{number:02d}",
                f"{directorate} delivery risk {number}: staff turnover and Member engagement",
                objectives[zlib.crc32(f"{directorate}{number}".encode()) % len(objectives)],
                likelihood,
                impact,
                max(1, likelihood - rng.randint(0, 2)),
                max(1, impact - rng.randint(0, 1)),
                rng.choice([c.label_en for c in layout.risk_trends]),
                "Mitigation measures in the Directorate work plan.",
            ]
        )

    ws = sheet("Resources")
    for row in own.itertuples(index=False):
        rng = _rng("budget", row.deliverable_code)
        allocated = rng.randrange(20_000, 250_000, 5_000)
        spent = round(allocated * min(1.0, quarter / 4 * rng.uniform(0.6, 1.1)), 2)
        ws.append([row.deliverable_code, allocated, spent, None])
    return wb


def _period_of(calendar: pd.DataFrame, ip_year: str, quarter: int) -> str:
    return f"{ip_year}-Q{quarter}"


def _first_completed_quarter(code: str, due_quarter: int) -> int:
    for quarter in range(1, 5):
        if _progress(code, quarter, due_quarter)[0] == "completed":
            return quarter
    return 4


def received_at(
    frames: dict[str, pd.DataFrame], directorate: str, period_code: str, flaws: DemoFlaws
) -> datetime:
    deadline = (
        frames["reporting_calendar"].set_index("period_code").loc[period_code]["return_deadline"]
    )
    local = deadline.replace(tzinfo=BRUSSELS)
    if (directorate, period_code) == flaws.late:
        local = local + timedelta(days=3)
    else:
        local = local - timedelta(days=_rng("received", directorate, period_code).randint(1, 9))
    return local.astimezone(UTC)


def write_demo_returns(frames: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    layout = load_layout()
    flaws = choose_flaws(frames)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for directorate in sorted(frames["directorates"]["directorate_code"]):
        for period_code in _periods(frames):
            wb = build_return(frames, directorate, period_code, flaws, layout)
            path = folder / f"return_{directorate}_{period_code}.xlsx"
            save_deterministic(wb, path, FILE_STAMP)
            stamp = received_at(frames, directorate, period_code, flaws).timestamp()
            os.utime(path, (stamp, stamp))
            written.append(path)
    return written


INDICATOR_SCALE = {
    # indicator unit -> (base value for a mid-sized Member, yearly growth)
    "count": (50_000.0, 0.04),
    "currency": (2.0e9, 0.05),
    "hours": (48.0, -0.05),
    "days": (5.0, 0.02),
    "percent": (70.0, 0.03),
}


def statistics_rows(frames: dict[str, pd.DataFrame]) -> list[list[object]]:
    indicators = frames["indicators"].sort_values("indicator_code")
    if "source_type" in indicators:  # open-data indicators come from downloads, not Members
        indicators = indicators[indicators["source_type"].fillna("member").ne("external")]
    members = frames["members"]
    members = members[members["is_country"]].sort_values("member_code")
    rows: list[list[object]] = []
    for member in members["member_code"]:
        size = _rng("size", member).lognormvariate(0, 1.0)
        for indicator in indicators.itertuples(index=False):
            base, growth = INDICATOR_SCALE[indicator.unit]
            for year in STATISTICS_YEARS:
                rng = _rng("stat", member, indicator.indicator_code, year)
                if rng.random() < 0.06:  # not reported that year
                    continue
                trend = (1 + growth) ** (year - STATISTICS_YEARS.start)
                if indicator.unit in ("percent", "hours", "days"):
                    value = base * trend * rng.uniform(0.6, 1.3)
                    if indicator.max_value is not None and not pd.isna(indicator.max_value):
                        value = min(value, float(indicator.max_value))
                    value = round(value, 1)
                else:
                    value = round(base * size * trend * rng.uniform(0.9, 1.1))
                rows.append([member, year, indicator.indicator_code, value, indicator.unit])
    return rows


# Members that send the annual questionnaire for the latest year instead of appearing in the
# extract for it: (member code, language of the questionnaire).
QUESTIONNAIRE_MEMBERS = (("BRA", "en"), ("KEN", "en"), ("SEN", "fr"))
REVISED_YEAR = STATISTICS_YEARS.stop - 2  # 2023: revised after the extract was received
REVISED_INDICATOR = "DECL_IMPORT"
REVISED_MEMBERS = ("DEU", "IND", "MEX")
EXTRACT_RECEIVED = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
QUESTIONNAIRES_RECEIVED = datetime(2025, 5, 15, 9, 0, tzinfo=UTC)
REVISION_RECEIVED = datetime(2025, 9, 15, 9, 0, tzinfo=UTC)


def _received(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def _as_reported(value: float, unit: str) -> tuple[float | int, str]:
    """The value as a Member fills the questionnaire: revenue in millions, times in days."""
    if unit == "currency":
        return round(value / 1e6, 3), "millions"
    if unit == "hours":
        return round(value / 24, 3), "days"
    if unit == "percent":
        return value, "%"
    return (int(value) if value.is_integer() else value), ""


def write_demo_statistics(frames: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """The extract, the questionnaires and the revision; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = statistics_rows(frames)
    latest = STATISTICS_YEARS.stop - 1
    by_questionnaire = {code for code, _ in QUESTIONNAIRE_MEMBERS}
    extract = [r for r in rows if not (r[0] in by_questionnaire and r[1] == latest)]
    path = folder / f"customs_statistics_{STATISTICS_YEARS.start}_{latest}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["member_code", "year", "indicator_code", "value", "unit"])
        writer.writerows(extract)
    _received(path, EXTRACT_RECEIVED)
    written = [path]
    from ingestion.statistics.layouts import build_questionnaire

    members = frames["members"].drop_duplicates("member_code").set_index("member_code")
    for code, language in QUESTIONNAIRE_MEMBERS:
        values = [
            (indicator, *_as_reported(float(value), unit))
            for member, year, indicator, value, unit in rows
            if member == code and year == latest
        ]
        name = members.loc[code, "name_fr" if language == "fr" else "name_en"]
        workbook = build_questionnaire(str(name), latest, values, language=language)
        path = folder / f"questionnaire_{code}_{latest}.xlsx"
        save_deterministic(workbook, path, FILE_STAMP)
        _received(path, QUESTIONNAIRES_RECEIVED)
        written.append(path)
    revised = [
        [member, year, indicator, round(float(value) * 1.05), unit]
        for member, year, indicator, value, unit in extract
        if year == REVISED_YEAR and indicator == REVISED_INDICATOR and member in REVISED_MEMBERS
    ]
    path = folder / f"customs_statistics_{REVISED_YEAR}_revised.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["member_code", "year", "indicator_code", "value", "unit"])
        writer.writerows(revised)
    _received(path, REVISION_RECEIVED)
    written.append(path)
    return written


def today_for_demo() -> date:
    return date.today()
