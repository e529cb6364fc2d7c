"""The Strategic Plan marts on a small plan, asserted against values computed by hand.

The plan (sample registers, with deliverables, KPIs and targets replaced; IP year 2025-26, whose
quarters end 2025-09-30, 2025-12-31, 2026-03-31 and 2026-06-30):

    deliverable  objective  owner  due         focus areas
    D1           SO1        TTA    2025-26-Q1  FA-TECH
    D2           SO1        TTA    2025-26-Q2  FA-TECH;FA-GREEN
    D3           SO2        CF     2025-26-Q2  -
    D4           SO2        CF     2025-26-Q4  FA-GREEN

    KPI  objective  owner  direction          aggregation  thresholds             target 25-26
    K1   SO1        TTA    higher_is_better   cumulative   90 % / 75 % of target  40 (baseline 8)
    K2   SO2        CF     lower_is_better    average      absolute 20 / 25       18
    K3   SO2        CF     higher_is_better   latest       absolute 60 / 50       70

Returns (two runs of the pipeline): Q1 from TTA and CF; then CF resubmits Q1 (D3 now at risk,
K2 19 instead of 22, K3 62 instead of 55) and TTA sends Q2 (D2 completed late; D1 no longer
listed); CF sends nothing for Q2.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from dagster_project.cli import main as cli
from ingestion.paths import SpfPaths, spf_paths
from ingestion.returns.layout import load_layout
from tests.warehouse_support import (
    copy_warehouse,
    pipeline_environment,
    query,
    query_dicts,
    run_dbt,
)

pytestmark = pytest.mark.xdist_group("plan_marts")

Q1, Q2 = "2025-26-Q1", "2025-26-Q2"

DELIVERABLES = "\n".join(
    [
        "deliverable_code,ip_year,objective_code,title_en,title_fr,focus_areas,"
        "owner_directorate,due_period,target_type",
        "D1,2025-26,SO1,Tariff guide,Guide tarifaire,FA-TECH,TTA,2025-26-Q1,quantitative",
        "D2,2025-26,SO1,Origin study,Étude sur l'origine,FA-TECH;FA-GREEN,TTA,2025-26-Q2,"
        "qualitative",
        "D3,2025-26,SO2,Valuation course,Cours d'évaluation,,CF,2025-26-Q2,quantitative",
        "D4,2025-26,SO2,Green toolkit,Boîte à outils verte,FA-GREEN,CF,2025-26-Q4,quantitative",
        "",
    ]
)
KPIS = "\n".join(
    [
        "kpi_code,name_en,name_fr,objective_code,owner_directorate,unit,direction,baseline,"
        "aggregation,threshold_type,amber_threshold,red_threshold,source,indicator_code",
        "K1,Rulings published,Décisions publiées,SO1,TTA,count,higher_is_better,8,cumulative,"
        "percent_of_target,90,75,return,",
        "K2,Days to answer,Jours pour répondre,SO2,CF,days,lower_is_better,30,average,"
        "absolute,20,25,return,",
        "K3,Members trained (%),Membres formés (%),SO2,CF,percent,higher_is_better,50,latest,"
        "absolute,60,50,return,",
        "",
    ]
)
PRIORITIES = "\n".join(
    [
        "priority_code,region_code,plan_cycle,priority_rank,name_en,name_fr,objective_codes,"
        "deliverable_codes",
        "ESA-P1,ESA,2025-2028,1,Green trade,Commerce vert,SO1,D2;D4",
        "",
    ]
)
KPI_TARGETS = """kpi_code,ip_year,target
K1,2025-26,40
K1,2026-27,48
K2,2025-26,18
K3,2025-26,70
"""


def _write_return(folder: Path, name: str, directorate: str, period: str, deliverables, kpis):
    """A return as a Directorate fills it: English headers and labels of the layout spec."""
    layout = load_layout()
    wb = Workbook()
    meta = wb.active
    meta.title = layout.metadata_sheet
    values = {
        "layout_version": layout.layout_version,
        "directorate_code": directorate,
        "period_code": period,
        "prepared_by": "Focal point",
    }
    for field in layout.metadata_fields:
        meta.append([field.label_en, values[field.name]])
    for sheet_name, rows in (
        ("Deliverables", deliverables),
        ("KPIs", kpis),
        ("Risks", []),
        ("Resources", []),
    ):
        ws = wb.create_sheet(sheet_name)
        ws.append([column.header_en for column in layout.sheet(sheet_name).columns])
        for row in rows:
            ws.append(list(row))
    path = folder / name
    wb.save(path)
    return path


def _drop(home: SpfPaths, path: Path, received: datetime) -> None:
    target = home.inbox_returns / path.name
    shutil.copyfile(path, target)
    os.utime(target, (received.timestamp(), received.timestamp()))


def _received(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC)


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> SpfPaths:
    with pipeline_environment(spf_paths(tmp_path_factory.mktemp("plan") / "home")) as home:
        (home.reference / "deliverables.csv").write_text(DELIVERABLES, encoding="utf-8")
        (home.reference / "kpis.csv").write_text(KPIS, encoding="utf-8")
        (home.reference / "kpi_targets.csv").write_text(KPI_TARGETS, encoding="utf-8")
        # the sample regional priorities name the sample deliverables: one of this plan's instead
        (home.reference / "regional_priorities.csv").write_text(PRIORITIES, encoding="utf-8")
        files = tmp_path_factory.mktemp("plan_returns")
        run = lambda: cli.main(["run", "--home", str(home.home)])  # noqa: E731
        # run 1: the first returns of Q1
        _drop(
            home,
            _write_return(
                files,
                "tta_q1.xlsx",
                "TTA",
                Q1,
                [
                    ("D1", None, "Completed", 100, date(2025, 9, 20), None),
                    ("D2", None, "On track", 40, None, None),
                ],
                [("K1", None, 12, None)],
            ),
            _received("2025-10-10"),
        )
        _drop(
            home,
            _write_return(
                files,
                "cf_q1.xlsx",
                "CF",
                Q1,
                [
                    ("D3", None, "On track", 30, None, None),
                    ("D4", None, "Not started", 0, None, None),
                ],
                [("K2", None, 22, None), ("K3", None, 55, None)],
            ),
            _received("2025-10-08"),
        )
        assert run() == 0
        # run 2: CF corrects Q1; TTA reports Q2 without D1 (completed in Q1)
        _drop(
            home,
            _write_return(
                files,
                "cf_q1_corrected.xlsx",
                "CF",
                Q1,
                [
                    ("D3", None, "At risk", 30, None, "Consultant recruited late"),
                    ("D4", None, "Not started", 0, None, None),
                ],
                [("K2", None, 19, None), ("K3", None, 62, None)],
            ),
            _received("2025-10-14"),
        )
        _drop(
            home,
            _write_return(
                files,
                "tta_q2.xlsx",
                "TTA",
                Q2,
                [("D2", None, "Completed", 100, date(2026, 1, 5), None)],
                [("K1", None, 18, None)],
            ),
            _received("2026-01-12"),
        )
        assert run() == 0
        yield home


def test_deliverable_status_carries_completion_and_uses_the_resubmission(plan):
    rows = {
        (r["deliverable_code"], r["period_code"]): r
        for r in query_dicts(
            plan,
            "SELECT * FROM marts.fct_deliverable_status WHERE period_code IN (?, ?)",
            Q1,
            Q2,
        )
    }
    # Q1: D1 completed 2025-09-20, due 2025-09-30: on time
    assert (rows["D1", Q1]["status"], rows["D1", Q1]["is_on_time"]) == ("completed", True)
    assert rows["D1", Q1]["days_late"] == 0
    # D3 from CF's corrected return (version 2), not yet due
    assert rows["D3", Q1]["status"] == "at_risk"
    assert rows["D3", Q1]["source_revision"] == 2
    assert rows["D3", Q1]["is_on_time"] is None
    # Q2: D1 not listed any more, completed in Q1: carried forward with Q1's values
    d1 = rows["D1", Q2]
    assert (d1["status"], d1["is_carried_forward"], d1["reported_in_period_code"]) == (
        "completed",
        True,
        Q1,
    )
    assert (d1["completion_date"], d1["is_on_time"], d1["percent_complete"]) == (
        date(2025, 9, 20),
        True,
        100.0,
    )
    # D2 completed 2026-01-05, due 2025-12-31: 5 days late
    assert (rows["D2", Q2]["is_on_time"], rows["D2", Q2]["days_late"]) == (False, 5)
    # CF sent nothing for Q2: not reported, and D3 (due 2025-12-31, the last day of Q2) is not
    # completed by the end of its due period: late in Q2 itself, 0 days so far
    assert rows["D3", Q2]["status"] == "not_reported"
    assert rows["D3", Q2]["is_carried_forward"] is False
    assert (rows["D3", Q2]["is_on_time"], rows["D3", Q2]["days_late"]) == (False, 0)
    # every deliverable in every quarter of the IP year
    assert query(plan, "SELECT count(*) FROM marts.fct_deliverable_status")[0][0] == 4 * 4


def test_status_history(plan):
    history = query(
        plan,
        "SELECT deliverable_code, period_code, status, previous_status, is_status_change, "
        "return_version, is_current_return, source_file_name "
        "FROM marts.fct_deliverable_status_history ORDER BY deliverable_code, event_sequence",
    )
    assert history == [
        ("D1", Q1, "completed", None, True, 1, True, "tta_q1.xlsx"),
        ("D2", Q1, "on_track", None, True, 1, True, "tta_q1.xlsx"),
        ("D2", Q2, "completed", "on_track", True, 1, True, "tta_q2.xlsx"),
        ("D3", Q1, "on_track", None, True, 1, False, "cf_q1.xlsx"),
        ("D3", Q1, "at_risk", "on_track", True, 2, True, "cf_q1_corrected.xlsx"),
        ("D4", Q1, "not_started", None, True, 1, False, "cf_q1.xlsx"),
        ("D4", Q1, "not_started", "not_started", False, 2, True, "cf_q1_corrected.xlsx"),
    ]
    # the first status holds until the resubmission arrived
    valid_to = query(
        plan,
        "SELECT valid_to FROM marts.fct_deliverable_status_history "
        "WHERE deliverable_code = 'D3' AND return_version = 1",
    )[0][0]
    assert valid_to == datetime(2025, 10, 14, 9, 0)


def test_scorecard_rag_targets_and_trends(plan):
    card = {
        (r["kpi_code"], r["period_code"]): r
        for r in query_dicts(plan, "SELECT * FROM marts.mart_kpi_scorecard")
    }
    # K1 cumulative, target 40 phased to 10 in Q1 (amber level 9, red 7.5): 12 is green, 120 %
    k1 = card["K1", Q1]
    assert (k1["ytd_value"], k1["period_target"], k1["amber_level"], k1["red_level"]) == (
        12,
        10,
        9,
        7.5,
    )
    assert (k1["rag_status"], k1["pct_of_target"], k1["variance"]) == ("green", 120, 2)
    assert k1["target_ip_year"] == "2025-26"
    # baseline 8 a year, phased to 2 in Q1: 12 is better
    assert (k1["period_baseline"], k1["change_from_baseline"], k1["trend_vs_baseline"]) == (
        2,
        10,
        "improving",
    )
    # Q2: 12 + 18 = 30 against 20 (amber 18): green, 150 %; 18 this quarter after 12: improving
    k1 = card["K1", Q2]
    assert (k1["ytd_value"], k1["period_target"], k1["rag_status"], k1["pct_of_target"]) == (
        30,
        20,
        "green",
        150,
    )
    assert (k1["change_from_previous"], k1["trend_vs_previous"]) == (6, "improving")
    # Q3: no return from TTA: grey, not red, though the year-to-date value stays 30
    assert (card["K1", "2025-26-Q3"]["rag_status"], card["K1", "2025-26-Q3"]["ytd_value"]) == (
        "grey",
        30,
    )
    # K2 lower is better, absolute 20/25: the corrected 19 is green (the first return's 22
    # would have been amber); K3 62 >= 60 is green (55 would have been amber), 62/70 of target
    assert (card["K2", Q1]["actual_value"], card["K2", Q1]["rag_status"]) == (19, "green")
    assert (card["K3", Q1]["actual_value"], card["K3", Q1]["rag_status"]) == (62, "green")
    # 62 / 70 = 88.571...%, rounded to the 2 decimals declared for percent
    assert card["K3", Q1]["pct_of_target"] == 88.57
    # K2 baseline 30 days, lower is better: 19 is an improvement of -11
    assert (card["K2", Q1]["change_from_baseline"], card["K2", Q1]["trend_vs_baseline"]) == (
        -11,
        "improving",
    )
    # Q2: CF sent nothing: grey
    assert (card["K2", Q2]["rag_status"], card["K3", Q2]["rag_status"]) == ("grey", "grey")


def test_kpi_measurements_match_the_scorecard(plan):
    rows = query(
        plan,
        "SELECT m.kpi_code, m.period_code, m.actual_value, m.ytd_value, s.ytd_value "
        "FROM marts.fct_kpi_measurement AS m LEFT JOIN marts.mart_kpi_scorecard AS s "
        "USING (kpi_code, period_code) WHERE m.scope_type = 'overall' AND m.ip_year = '2025-26' "
        "ORDER BY 1, 2",
    )
    assert len(rows) == 3 * 4
    assert [r for r in rows if r[3] != r[4] and not (r[3] is None and r[4] is None)] == []
    k2 = {r[1]: r[2:4] for r in rows if r[0] == "K2"}
    # average of the reported quarters: Q2 unreported, so the year to date stays 19
    assert k2[Q1] == (19, 19) and k2[Q2] == (None, 19)


def test_plan_progress(plan):
    progress = {
        (r["grouping_type"], r["group_code"], r["period_code"]): r
        for r in query_dicts(plan, "SELECT * FROM marts.mart_plan_progress")
    }
    q1 = progress["plan", "2025-2028", Q1]
    # Q1: D1 completed, D2 on track, D3 at risk, D4 not started; D1 judged on time
    assert (
        q1["deliverable_count"],
        q1["completed_count"],
        q1["on_track_count"],
        q1["at_risk_count"],
        q1["not_started_count"],
    ) == (4, 1, 1, 1, 1)
    assert (q1["pct_completed"], q1["on_time_count"], q1["late_count"], q1["pct_on_time"]) == (
        25.0,
        1,
        0,
        100.0,
    )
    assert (q1["kpi_count"], q1["kpi_green_count"]) == (3, 3)
    q2 = progress["plan", "2025-2028", Q2]
    # Q2: D1 (carried) and D2 completed, D3 and D4 not reported; D1 on time, D2 late, and D3
    # (due in Q2, not completed by its end) late in Q2 itself: 1 / 3 on time, to 2 decimals
    assert (q2["completed_count"], q2["not_reported_count"], q2["pct_completed"]) == (2, 2, 50.0)
    assert (q2["on_time_count"], q2["late_count"], q2["pct_on_time"]) == (1, 2, 33.33)
    assert (q2["kpi_green_count"], q2["kpi_grey_count"]) == (1, 2)
    so1, so2 = progress["objective", "SO1", Q2], progress["objective", "SO2", Q2]
    assert (so1["pct_completed"], so1["pct_on_time"], so1["kpi_green_count"]) == (100.0, 50.0, 1)
    assert (so2["pct_completed"], so2["pct_on_time"], so2["kpi_grey_count"]) == (0.0, 0.0, 2)
    # focus areas: FA-GREEN has D2 (completed) and D4 (not reported); FA-GOV has none
    green = progress["focus_area", "FA-GREEN", Q2]
    assert (green["deliverable_count"], green["pct_completed"], green["kpi_count"]) == (
        2,
        50.0,
        None,
    )
    assert progress["focus_area", "FA-GOV", Q2]["deliverable_count"] == 0
    assert progress["focus_area", "FA-GOV", Q2]["pct_completed"] is None
    assert progress["directorate", "CF", Q1]["kpi_green_count"] == 2
    # the goal adds up its objectives (SO3, SO4 empty)
    assert progress["goal", "SG1", Q2]["completed_count"] == 2


def test_dimensions(plan):
    elements = query(
        plan,
        "SELECT element_type, count(*) FROM marts.dim_plan_element "
        "WHERE ip_year = '2025-26' GROUP BY 1 ORDER BY 1",
    )
    assert elements == [("deliverable", 4), ("goal", 1), ("objective", 4)]
    parent = query(
        plan,
        "SELECT parent_element_key, goal_code, owner_directorate_code, valid_from, valid_to "
        "FROM marts.dim_plan_element WHERE plan_element_key = 'deliverable|D2|2025-26'",
    )
    assert parent == [("objective|SO1|2025-26", "SG1", "TTA", date(2025, 7, 1), date(2026, 6, 30))]
    bridge = query(
        plan,
        "SELECT deliverable_code, focus_area_code, allocation_weight "
        "FROM marts.dim_deliverable_focus_area ORDER BY 1, 2",
    )
    assert bridge == [
        ("D1", "FA-TECH", 1.0),
        ("D2", "FA-GREEN", 0.5),
        ("D2", "FA-TECH", 0.5),
        ("D4", "FA-GREEN", 1.0),
    ]
    q2 = query(
        plan,
        "SELECT label_en, label_fr, previous_period_code, financial_year, day_count "
        "FROM marts.dim_period WHERE period_code = ?",
        Q2,
    )
    assert q2 == [("Q2 2025-26", "T2 2025-26", Q1, "2025/2026", 92)]


# ---------------------------------------------------------------- business-rule tests fail

RULE_BREAKERS = {
    # a goal that no longer adds up its objectives
    "assert_plan_progress_rolls_up": (
        "UPDATE marts.mart_plan_progress SET completed_count = completed_count + 1 "
        "WHERE grouping_type = 'objective' AND group_code = 'SO1' AND period_code = '2025-26-Q2'"
    ),
    # K1 rated against its 2026-27 target in a 2025-26 quarter
    "assert_kpi_scored_against_own_year_target": (
        "UPDATE marts.mart_kpi_scorecard SET annual_target = 48, target_ip_year = '2026-27' "
        "WHERE kpi_code = 'K1' AND period_code = '2025-26-Q1'"
    ),
    # D4 missing from one quarter
    "assert_every_deliverable_in_every_period": (
        "DELETE FROM marts.fct_deliverable_status "
        "WHERE deliverable_code = 'D4' AND period_code = '2025-26-Q3'"
    ),
    # the history disagrees with the status of the current return
    "assert_status_history_agrees_with_status": (
        "UPDATE marts.fct_deliverable_status_history SET status = 'delayed' "
        "WHERE deliverable_code = 'D3' AND is_current_return"
    ),
}


def test_business_rule_tests_pass_on_good_data_and_fail_when_broken(plan, tmp_path):
    select = ["--select", *RULE_BREAKERS]
    good = copy_warehouse(plan, tmp_path / "good")
    results = run_dbt(good, tmp_path / "target_good", "test", *select)["results"]
    assert {r["unique_id"].split(".")[2]: r["status"] for r in results} == dict.fromkeys(
        RULE_BREAKERS, "pass"
    )

    broken = copy_warehouse(plan, tmp_path / "broken")
    con = duckdb.connect(str(broken / "warehouse" / "spf.duckdb"))
    for statement in RULE_BREAKERS.values():
        con.execute(statement)
    con.close()
    results = run_dbt(broken, tmp_path / "target_broken", "test", *select)["results"]
    outcome = {r["unique_id"].split(".")[2]: (r["status"], r["failures"]) for r in results}
    assert {name: status for name, (status, _) in outcome.items()} == dict.fromkeys(
        RULE_BREAKERS, "fail"
    )
    assert all(failures >= 1 for _, failures in outcome.values())


def test_source_freshness_warns_when_returns_stop_arriving(plan, tmp_path):
    fresh = copy_warehouse(plan, tmp_path / "fresh")
    sources = run_dbt(fresh, tmp_path / "target_fresh", "source", "freshness")["results"]
    assert {s["unique_id"].split(".")[-1]: s["status"] for s in sources}["return_files"] == "pass"

    stale = copy_warehouse(plan, tmp_path / "stale")
    con = duckdb.connect(str(stale / "warehouse" / "spf.duckdb"))
    con.execute("UPDATE raw.return_files SET loaded_at = loaded_at - INTERVAL 200 DAY")
    con.close()
    sources = run_dbt(stale, tmp_path / "target_stale", "source", "freshness")["results"]
    status = {s["unique_id"].split(".")[-1]: s["status"] for s in sources}
    assert status["return_files"] == "warn"
    assert status["return_deliverables"] == "pass"


def test_dbt_unit_tests_pass(plan, tmp_path):
    """The RAG, trend, on-time and resubmission unit tests (not run on every refresh)."""
    copy = copy_warehouse(plan, tmp_path / "unit")
    results = run_dbt(copy, tmp_path / "target_unit", "test", "--select", "test_type:unit")
    outcome = {r["unique_id"].split(".")[-1]: r["status"] for r in results["results"]}
    assert len(outcome) >= 10
    assert {name for name, status in outcome.items() if status != "pass"} == set()
    assert "test_mart_kpi_scorecard_rag_lower_is_better_absolute" in outcome
