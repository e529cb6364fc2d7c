"""Risks, resources and regional priorities through the whole pipeline, against values computed
by hand from the returns below.

Scenario (sample registers, plus the office's own ``regional_priorities.csv``): TTA and CF send
returns for 2025-26-Q1 and 2025-26-Q2; TTA resubmits Q2 two days later, changing risk
R-TTA-02 and the budget spent on D-2526-02. One statistics file gives 2024 values for three
ESA Members and a 2025 value for one. Every cell the marts read is written by the test; the
other cells keep the demo generator's values, which no assertion depends on.

The last test shows that each singular dbt test of these marts passes on the built warehouse
and fails on a copy where one mart row is tampered with.
"""

from __future__ import annotations

import csv
import os
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from dagster_project.cli import main as cli
from demo.generator import build_return
from ingestion.paths import SpfPaths, spf_paths
from ingestion.registers.reader import read_registers
from ingestion.returns.layout import load_layout
from tests.conftest import NO_FLAWS
from tests.warehouse_support import copy_warehouse, pipeline_environment, query, run_dbt

pytestmark = pytest.mark.xdist_group("risk_resources_regions")

Q1, Q2 = "2025-26-Q1", "2025-26-Q2"
RECEIVED = {
    Q1: datetime(2025, 10, 10, 9, 0, tzinfo=UTC),  # deadline 2025-10-15
    Q2: datetime(2026, 1, 10, 9, 0, tzinfo=UTC),  # deadline 2026-01-15
}
RESUBMITTED = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)

# --- Risks sheet: code -> (title, objective, L, I, residual L, residual I, trend) -----------
RISKS = {
    ("TTA", Q1): {
        "R-TTA-01": ("HS 2028 delays", "SO2", 4, 5, 3, 4, "Stable"),
        "R-TTA-02": ("Valuation experts leave", "SO1", 2, 3, 1, 3, "Increasing"),
    },
    ("CF", Q1): {
        "R-CF-01": ("Members disengage from RKC review", "SO3", 4, 5, 2, 5, "Decreasing"),
        "R-CF-02": ("Operation data late", "SO3", 1, 1, 1, 1, "Stable"),
    },
    ("TTA", Q2): {
        "R-TTA-01": ("HS 2028 delays", "SO2", 4, 5, 3, 4, "Stable"),
        "R-TTA-02": ("Valuation experts leave", "SO1", 3, 3, 2, 3, "Increasing"),
    },
    ("CF", Q2): {
        "R-CF-01": ("Members disengage from RKC review", "SO3", 3, 5, 2, 4, "Decreasing"),
        "R-CF-02": ("Operation data late", "SO3", 1, 1, 1, 1, "Stable"),
    },
}
# the resubmission re-rates R-TTA-02: 5 × 3 = 15 before mitigation, 3 × 3 = 9 after
RISKS_RESUBMITTED = {
    **RISKS[("TTA", Q2)],
    "R-TTA-02": ("Valuation experts leave", "SO1", 5, 3, 3, 3, "Increasing"),
}

# --- Resources sheet: deliverable -> allocated (EUR), spent so far per period ---------------
# TTA owns D-2526-01..08, CF D-2526-09..17 (deliverables.csv). Objectives there:
#   SO2: 01, 02, 03, 05, 08 (TTA)   SO1: 04, 06, 07 (TTA), 09, 10, 11, 12 (CF)
#   SO3: 13..17 (CF)
TTA_CODES = [f"D-2526-{n:02d}" for n in range(1, 9)]
CF_CODES = [f"D-2526-{n:02d}" for n in range(9, 18)]
ALLOCATED = {
    "D-2526-01": 100_000,
    "D-2526-02": 50_000,
    **{code: 10_000 for code in TTA_CODES[2:]},
    "D-2526-09": 80_000,
    **{code: 20_000 for code in CF_CODES[1:]},
}
SPENT = {
    Q1: {
        "D-2526-01": 20_000,
        "D-2526-02": 5_000,
        **{code: 1_000 for code in TTA_CODES[2:]},
        "D-2526-09": 10_000,
        **{code: 4_000 for code in CF_CODES[1:]},
    },
    Q2: {
        "D-2526-01": 45_000,
        "D-2526-02": 20_000,
        **{code: 2_500 for code in TTA_CODES[2:]},
        "D-2526-09": 30_000,
        **{code: 9_000 for code in CF_CODES[1:]},
    },
}
SPENT_RESUBMITTED = {**SPENT[Q2], "D-2526-02": 60_000}  # overspent: 60,000 of 50,000

# --- Deliverables sheet: code -> (status, % complete, completion date, comment) ------------
STATUS = {
    Q1: {
        "D-2526-01": ("On track", 20, None, None),
        "D-2526-02": ("At risk", 10, None, "Experts missing"),
        "D-2526-09": ("Not started", 0, None, None),
    },
    Q2: {
        "D-2526-01": ("Completed", 100, date(2025, 11, 20), None),
        "D-2526-02": ("Delayed", 30, None, "Experts still missing"),
        "D-2526-09": ("On track", 40, None, None),
    },
}

# --- KPIs sheet (column C): KPI-05 (SO2, TTA), KPI-08 and KPI-09 (SO3, CF) ------------------
KPI_VALUES = {
    ("TTA", Q1): {"KPI-05": 12},
    ("TTA", Q2): {"KPI-05": 6},
    ("CF", Q1): {"KPI-08": 30, "KPI-09": 4.5},
    ("CF", Q2): {"KPI-08": 10, "KPI-09": 7.5},
}

# The office's own register: one priority with deliverables (codes spaced on purpose), one
# without any.
PRIORITIES = (
    "priority_code,region_code,plan_cycle,priority_rank,name_en,name_fr,objective_codes,"
    "deliverable_codes\n"
    'ESA-T1,ESA,2025-2028,1,Revenue,Recettes,SO2,"D-2526-01; D-2526-02;D-2526-09"\n'
    "WCA-T1,WCA,2025-2028,1,Security,Sécurité,SO3,\n"
)
STATISTICS = (
    "member,year,indicator,value\n"
    "KEN,2024,DECL_IMPORT,1000\n"
    "KEN,2024,AEO_COUNT,10\n"
    "UGA,2024,DECL_IMPORT,800\n"
    "UGA,2024,AEO_COUNT,5\n"
    "TZA,2024,DECL_IMPORT,900\n"
    "KEN,2025,DECL_IMPORT,1100\n"
)


def _rows_by_code(ws) -> dict[str, int]:
    return {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value}


def _write_return(
    frames, folder: Path, directorate: str, period: str, name: str, received: datetime, risks, spent
) -> None:
    path = folder / name
    build_return(frames, directorate, period, NO_FLAWS, load_layout()).save(path)
    wb = load_workbook(path)
    ws = wb["Risks"]
    for row, (code, values) in enumerate(sorted(risks.items()), start=2):
        for col, value in enumerate((code, *values), start=1):
            ws.cell(row, col, value)
    ws = wb["Resources"]
    for code, row in _rows_by_code(ws).items():
        ws.cell(row, 2, ALLOCATED[code])
        ws.cell(row, 3, spent[code])
    ws = wb["Deliverables"]
    rows = _rows_by_code(ws)
    for code, (status, percent, completed, comment) in STATUS[period].items():
        if code in rows:
            for col, value in zip((3, 4, 5, 6), (status, percent, completed, comment), strict=True):
                ws.cell(rows[code], col, value)
    ws = wb["KPIs"]
    rows = _rows_by_code(ws)
    for code, value in KPI_VALUES[(directorate, period)].items():
        ws.cell(rows[code], 3, value)
    wb.save(path)
    os.utime(path, (received.timestamp(), received.timestamp()))


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> SpfPaths:
    with pipeline_environment(spf_paths(tmp_path_factory.mktemp("risk") / "home")) as home:
        (home.reference / "regional_priorities.csv").write_text(PRIORITIES, encoding="utf-8")
        frames = read_registers(home.reference)
        for directorate in ("TTA", "CF"):
            for period in (Q1, Q2):
                _write_return(
                    frames,
                    home.inbox_returns,
                    directorate,
                    period,
                    f"return_{directorate}_{period}.xlsx",
                    RECEIVED[period],
                    RISKS[(directorate, period)],
                    SPENT[period],
                )
        _write_return(
            frames,
            home.inbox_returns,
            "TTA",
            Q2,
            f"return_TTA_{Q2}_v2.xlsx",
            RESUBMITTED,
            RISKS_RESUBMITTED,
            SPENT_RESUBMITTED,
        )
        stats = home.inbox_statistics / "esa_2024.csv"
        stats.write_text(STATISTICS, encoding="utf-8")
        stamp = datetime(2025, 6, 1, tzinfo=UTC).timestamp()
        os.utime(stats, (stamp, stamp))
        assert cli.main(["run", "--home", str(home.home)]) == 0
        yield home


def test_all_returns_accepted(scenario):
    outcomes = query(
        scenario,
        "SELECT original_name, outcome FROM raw.file_registry ORDER BY original_name",
    )
    assert outcomes == [
        ("esa_2024.csv", "accepted"),
        ("return_CF_2025-26-Q1.xlsx", "accepted"),
        ("return_CF_2025-26-Q2.xlsx", "accepted"),
        ("return_TTA_2025-26-Q1.xlsx", "accepted"),
        ("return_TTA_2025-26-Q2.xlsx", "accepted"),
        ("return_TTA_2025-26-Q2_v2.xlsx", "accepted"),
    ]


def test_risk_scores_and_bands_come_from_the_current_return(scenario):
    """Bands: low 1-4, medium 5-9, high 10-14, critical 15-25 (score = likelihood × impact)."""
    rows = query(
        scenario,
        "SELECT r.risk_assessment_key, r.objective_code, r.likelihood, r.impact, "
        "r.inherent_score, r.inherent_rating, r.residual_likelihood, r.residual_impact, "
        "r.residual_score, r.residual_rating, r.score_reduction, r.trend, f.original_name "
        "FROM marts.fct_risk_assessment AS r "
        "JOIN raw.return_files AS f ON r.source_file_id = f.file_id ORDER BY 1",
    )
    assert rows == [
        # CF Q1: 4×5=20 critical -> 2×5=10 high; 1×1=1 low -> 1 low
        ("CF|2025-26-Q1|R-CF-01", "SO3", 4, 5, 20, "critical", 2, 5, 10, "high", 10,
         "decreasing", "return_CF_2025-26-Q1.xlsx"),
        ("CF|2025-26-Q1|R-CF-02", "SO3", 1, 1, 1, "low", 1, 1, 1, "low", 0,
         "stable", "return_CF_2025-26-Q1.xlsx"),
        # CF Q2: 3×5=15 critical -> 2×4=8 medium
        ("CF|2025-26-Q2|R-CF-01", "SO3", 3, 5, 15, "critical", 2, 4, 8, "medium", 7,
         "decreasing", "return_CF_2025-26-Q2.xlsx"),
        ("CF|2025-26-Q2|R-CF-02", "SO3", 1, 1, 1, "low", 1, 1, 1, "low", 0,
         "stable", "return_CF_2025-26-Q2.xlsx"),
        # TTA Q1: 4×5=20 critical -> 3×4=12 high; 2×3=6 medium -> 1×3=3 low
        ("TTA|2025-26-Q1|R-TTA-01", "SO2", 4, 5, 20, "critical", 3, 4, 12, "high", 8,
         "stable", "return_TTA_2025-26-Q1.xlsx"),
        ("TTA|2025-26-Q1|R-TTA-02", "SO1", 2, 3, 6, "medium", 1, 3, 3, "low", 3,
         "increasing", "return_TTA_2025-26-Q1.xlsx"),
        # TTA Q2 from the resubmission: R-TTA-02 re-rated 5×3=15 critical -> 3×3=9 medium
        ("TTA|2025-26-Q2|R-TTA-01", "SO2", 4, 5, 20, "critical", 3, 4, 12, "high", 8,
         "stable", "return_TTA_2025-26-Q2_v2.xlsx"),
        ("TTA|2025-26-Q2|R-TTA-02", "SO1", 5, 3, 15, "critical", 3, 3, 9, "medium", 6,
         "increasing", "return_TTA_2025-26-Q2_v2.xlsx"),
    ]  # fmt: skip


def test_heatmap_counts_every_cell(scenario):
    # Two periods with current returns, each 2 assessments × 25 cells = 100 rows.
    assert query(
        scenario,
        "SELECT period_code, assessment, count(*), sum(risk_count), max(period_risk_count), "
        "max(directorates_reporting) FROM marts.mart_risk_heatmap GROUP BY ALL ORDER BY ALL",
    ) == [
        (Q1, "inherent", 25, 4, 4, 2),
        (Q1, "residual", 25, 4, 4, 2),
        (Q2, "inherent", 25, 4, 4, 2),
        (Q2, "residual", 25, 4, 4, 2),
    ]
    non_empty = query(
        scenario,
        "SELECT period_code, assessment, likelihood, impact, risk_count, directorate_count, "
        "risk_share_pct, cell_score, cell_rating FROM marts.mart_risk_heatmap "
        "WHERE risk_count > 0 ORDER BY ALL",
    )
    assert non_empty == [
        # Q1 inherent: R-CF-02 (1,1); R-TTA-02 (2,3); R-TTA-01 and R-CF-01 both (4,5)
        (Q1, "inherent", 1, 1, 1, 1, 25.0, 1, "low"),
        (Q1, "inherent", 2, 3, 1, 1, 25.0, 6, "medium"),
        (Q1, "inherent", 4, 5, 2, 2, 50.0, 20, "critical"),
        # Q1 residual: R-CF-02 (1,1); R-TTA-02 (1,3); R-CF-01 (2,5); R-TTA-01 (3,4)
        (Q1, "residual", 1, 1, 1, 1, 25.0, 1, "low"),
        (Q1, "residual", 1, 3, 1, 1, 25.0, 3, "low"),
        (Q1, "residual", 2, 5, 1, 1, 25.0, 10, "high"),
        (Q1, "residual", 3, 4, 1, 1, 25.0, 12, "high"),
        # Q2 inherent: R-CF-02 (1,1); R-CF-01 (3,5); R-TTA-01 (4,5); R-TTA-02 re-rated (5,3);
        # the superseded first Q2 return's (3,3) is not counted
        (Q2, "inherent", 1, 1, 1, 1, 25.0, 1, "low"),
        (Q2, "inherent", 3, 5, 1, 1, 25.0, 15, "critical"),
        (Q2, "inherent", 4, 5, 1, 1, 25.0, 20, "critical"),
        (Q2, "inherent", 5, 3, 1, 1, 25.0, 15, "critical"),
        # Q2 residual: R-CF-02 (1,1); R-CF-01 (2,4); R-TTA-02 (3,3); R-TTA-01 (3,4)
        (Q2, "residual", 1, 1, 1, 1, 25.0, 1, "low"),
        (Q2, "residual", 2, 4, 1, 1, 25.0, 8, "medium"),
        (Q2, "residual", 3, 3, 1, 1, 25.0, 9, "medium"),
        (Q2, "residual", 3, 4, 1, 1, 25.0, 12, "high"),
    ]
    # an empty cell is a row with zero, not a missing row
    assert query(
        scenario,
        "SELECT risk_count, directorate_count, risk_share_pct FROM marts.mart_risk_heatmap "
        "WHERE heatmap_cell_key = '2025-26-Q2|inherent|3|3'",
    ) == [(0, 0, 0.0)]


def test_resource_execution_per_deliverable(scenario):
    rows = query(
        scenario,
        "SELECT resource_execution_key, directorate_code, objective_code, "
        "budget_allocated_eur, budget_spent_eur, budget_remaining_eur, execution_rate_pct, "
        "year_elapsed_pct, is_overspent FROM marts.fct_resource_execution "
        "WHERE deliverable_code IN ('D-2526-01', 'D-2526-02', 'D-2526-09') ORDER BY 1",
    )
    assert [(r[0], r[1], r[2], float(r[3]), float(r[4]), float(r[5]), *r[6:]) for r in rows] == [
        # 20,000 / 100,000 = 20 %; Q1 is a quarter of the year
        ("D-2526-01|2025-26-Q1", "TTA", "SO2", 100_000.0, 20_000.0, 80_000.0, 20.0, 25.0, False),
        ("D-2526-01|2025-26-Q2", "TTA", "SO2", 100_000.0, 45_000.0, 55_000.0, 45.0, 50.0, False),
        ("D-2526-02|2025-26-Q1", "TTA", "SO2", 50_000.0, 5_000.0, 45_000.0, 10.0, 25.0, False),
        # the resubmission's 60,000 of 50,000, not the first Q2 return's 20,000
        ("D-2526-02|2025-26-Q2", "TTA", "SO2", 50_000.0, 60_000.0, -10_000.0, 120.0, 50.0, True),
        ("D-2526-09|2025-26-Q1", "CF", "SO1", 80_000.0, 10_000.0, 70_000.0, 12.5, 25.0, False),
        ("D-2526-09|2025-26-Q2", "CF", "SO1", 80_000.0, 30_000.0, 50_000.0, 37.5, 50.0, False),
    ]
    # every budget line of both Directorates in both periods, once: (8 + 9) × 2
    assert query(scenario, "SELECT count(*) FROM marts.fct_resource_execution") == [(34,)]


def test_resource_rollup_by_objective(scenario):
    rows = query(
        scenario,
        "SELECT objective_execution_key, budget_line_count, directorate_count, "
        "overspent_line_count, budget_allocated_eur, budget_spent_eur, budget_remaining_eur, "
        "execution_rate_pct FROM marts.mart_resource_execution_by_objective ORDER BY 1",
    )
    got = [(*r[:4], float(r[4]), float(r[5]), float(r[6]), round(r[7], 6)) for r in rows]
    assert got == [
        # SO1 Q1: TTA 04, 06, 07 (3 × 10,000; spent 3 × 1,000) + CF 09 (80,000; 10,000) and
        # 10, 11, 12 (3 × 20,000; 3 × 4,000): 170,000 allocated, 25,000 spent = 14.705882 %
        ("SO1|2025-26-Q1", 7, 2, 0, 170_000.0, 25_000.0, 145_000.0, 14.705882),
        # SO1 Q2: spent 3 × 2,500 + 30,000 + 3 × 9,000 = 64,500 -> 37.941176 %
        ("SO1|2025-26-Q2", 7, 2, 0, 170_000.0, 64_500.0, 105_500.0, 37.941176),
        # SO2 Q1: TTA 01, 02, 03, 05, 08: 100,000 + 50,000 + 3 × 10,000 = 180,000;
        # spent 20,000 + 5,000 + 3 × 1,000 = 28,000 -> 15.555556 %
        ("SO2|2025-26-Q1", 5, 1, 0, 180_000.0, 28_000.0, 152_000.0, 15.555556),
        # SO2 Q2 (resubmission): 45,000 + 60,000 + 3 × 2,500 = 112,500 -> 62.5 %; one overspent
        ("SO2|2025-26-Q2", 5, 1, 1, 180_000.0, 112_500.0, 67_500.0, 62.5),
        # SO3: CF 13..17, 5 × 20,000 = 100,000; spent 5 × 4,000 = 20,000 then 5 × 9,000
        ("SO3|2025-26-Q1", 5, 1, 0, 100_000.0, 20_000.0, 80_000.0, 20.0),
        ("SO3|2025-26-Q2", 5, 1, 0, 100_000.0, 45_000.0, 55_000.0, 45.0),
    ]


def _country_members(reference: Path, region: str, year: int) -> int:
    """Country Members of a region in force in a year, counted from the register itself."""
    with (reference / "members.csv").open(encoding="utf-8") as handle:
        return sum(
            1
            for m in csv.DictReader(handle)
            if m["region_code"] == region
            and m["is_country"] == "true"
            and int(m["valid_from"][:4]) <= year
            and (not m["valid_to"] or int(m["valid_to"][:4]) >= year)
        )


def test_regional_priority_progress(scenario):
    esa_2024 = _country_members(scenario.reference, "ESA", 2024)
    esa_2025 = _country_members(scenario.reference, "ESA", 2025)
    wca_2024 = _country_members(scenario.reference, "WCA", 2024)
    assert esa_2024 == esa_2025 == 24  # the sample register's ESA
    rows = query(
        scenario,
        "SELECT regional_priority_key, deliverable_count, deliverables_not_started, "
        "deliverables_on_track, deliverables_at_risk, deliverables_delayed, "
        "deliverables_completed, deliverables_not_reported, deliverables_on_time, "
        "pct_completed, kpi_count, kpis_green, kpis_amber, kpis_red, kpis_grey, "
        "statistics_year, members_eligible, members_reporting, statistics_coverage_pct, "
        "statistics_completeness_pct FROM marts.mart_regional_priorities "
        "WHERE priority_code = 'ESA-T1' ORDER BY period_code",
    )
    assert [r[0] for r in rows] == [
        f"ESA-T1|{ip}-Q{q}" for ip in ("2025-26", "2026-27") for q in (1, 2, 3, 4)
    ]
    by_key = {r[0]: r[1:] for r in rows}
    # 2024: KEN, UGA, TZA of 24 report -> 12.5 %; 5 values of 24 × 12 indicators expected
    stats_2024 = (2024, 24, 3, 12.5, pytest.approx(100 * 5 / 288))
    # 2025 (periods ending in 2026): KEN alone -> 1/24; 1 value of 288
    stats_2025 = (2025, 24, 1, pytest.approx(100 / 24), pytest.approx(100 / 288))
    # Q1: D-01 on track, D-02 at risk, D-09 not started; KPI-05 (cumulative, target 45,
    # amber 90 % / red 75 % of the phased target): 12 >= 0.9 × 45/4 = 10.125 -> green;
    # KPI-06 (CB) and KPI-07 (RCP) have no return -> grey
    assert by_key["ESA-T1|2025-26-Q1"] == (3, 1, 1, 1, 0, 0, 0, 0, 0.0, 3, 1, 0, 0, 2, *stats_2024)
    # Q2: D-01 completed on 2025-11-20 (due 2025-26-Q4: on time), D-02 delayed, D-09 on
    # track -> 1 of 3 = 33.33 %; KPI-05 year to date 12 + 6 = 18 against 45/2 = 22.5:
    # amber level 20.25, red level 16.875 -> amber
    assert by_key["ESA-T1|2025-26-Q2"] == (
        3, 0, 1, 0, 1, 1, 0, 1, pytest.approx(100 / 3), 3, 0, 1, 0, 2, *stats_2024
    )  # fmt: skip
    # Q3, Q4: no return -> D-01 stays completed (carried forward from Q2, still on time), the
    # other two not reported, every KPI grey; statistics of 2025
    for quarter in ("Q3", "Q4"):
        assert by_key[f"ESA-T1|2025-26-{quarter}"] == (
            3, 0, 0, 0, 0, 1, 2, 1, pytest.approx(100 / 3), 3, 0, 0, 0, 3, *stats_2025
        )  # fmt: skip
    # 2026-27: the linked deliverables are not in that year's plan -> none, % completed null
    assert by_key["ESA-T1|2026-27-Q1"][:9] == (0, 0, 0, 0, 0, 0, 0, 0, None)

    # WCA-T1 links no deliverable; its SO3 KPIs: KPI-08 (CF, cumulative, target 100):
    # Q1 30 >= 22.5 green, Q2 ytd 40 < 45 but >= 37.5 amber; KPI-09 (CF, average, absolute,
    # lower is better, amber 5 / red 6): Q1 4.5 green, Q2 (4.5 + 7.5) / 2 = 6.0, exactly at
    # the red threshold -> the better status, amber; KPI-10 (CB) grey. No WCA statistics.
    wca = query(
        scenario,
        "SELECT period_code, deliverable_count, pct_completed, kpi_count, kpis_green, "
        "kpis_amber, kpis_red, kpis_grey, members_eligible, members_reporting, "
        "statistics_coverage_pct FROM marts.mart_regional_priorities "
        "WHERE priority_code = 'WCA-T1' AND period_code IN (?, ?) ORDER BY 1",
        Q1,
        Q2,
    )
    assert wca == [
        (Q1, 0, None, 3, 2, 0, 0, 1, wca_2024, 0, 0.0),
        (Q2, 0, None, 3, 0, 2, 0, 1, wca_2024, 0, 0.0),
    ]


def test_risks_and_budgets_stay_out_of_the_members_release(scenario):
    internal = {p.stem for p in (scenario.published / "parquet").glob("*.parquet")}
    members = {p.stem for p in (scenario.published / "members" / "parquet").glob("*.parquet")}
    new_marts = {
        "fct_risk_assessment",
        "mart_risk_heatmap",
        "fct_resource_execution",
        "mart_resource_execution_by_objective",
        "mart_regional_priorities",
    }
    assert new_marts <= internal
    assert new_marts & members == {"mart_regional_priorities"}


# --- singular tests: pass on the warehouse, fail on a tampered copy -------------------------

TAMPER = {
    "assert_resource_rollup_matches_deliverables": (
        "UPDATE marts.mart_resource_execution_by_objective "
        "SET budget_spent_eur = budget_spent_eur + 1 "
        "WHERE objective_execution_key = 'SO2|2025-26-Q2'"
    ),
    "assert_risk_heatmap_counts_match_risks": (
        "UPDATE marts.mart_risk_heatmap SET risk_count = 1 "
        "WHERE heatmap_cell_key = '2025-26-Q2|inherent|3|3'"
    ),
    "assert_regional_priority_counts_add_up": (
        "UPDATE marts.mart_regional_priorities SET deliverables_completed = 2 "
        "WHERE regional_priority_key = 'ESA-T1|2025-26-Q2'"
    ),
}


def _dbt_test(home: Path, target: Path, select: list[str]) -> dict[str, str]:
    """Run `dbt test --select ...` on the warehouse of ``home``; test name -> status."""
    results = run_dbt(home, target, "test", "--select", *select)
    return {r["unique_id"].split(".")[2]: r["status"] for r in results["results"]}


def test_singular_tests_pass_on_the_warehouse_and_fail_when_broken(scenario, tmp_path):
    good = copy_warehouse(scenario, tmp_path / "good")
    assert _dbt_test(good, tmp_path / "good" / "target", list(TAMPER)) == dict.fromkeys(
        TAMPER, "pass"
    )
    for name, sql in TAMPER.items():
        broken = copy_warehouse(scenario, tmp_path / name)
        con = duckdb.connect(str(broken / "warehouse" / "spf.duckdb"))
        try:
            assert con.execute(sql).fetchall() == [(1,)]  # one row changed
        finally:
            con.close()
        assert _dbt_test(broken, tmp_path / name / "target", [name]) == {name: "fail"}, name
