"""The six standard scorecard visuals of the README, run on the demo's published DuckDB file.

Each SQL block of the README section "Standard scorecard visuals" is run as written; it must use
only joins, flag filters, GROUP BY and SUM/COUNT (no CASE, no window function), and its result is
compared with values worked out by hand from the demo's returns and registers (the arithmetic is
in the comments) or, for the longer tables, with the facts they summarise.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.xdist_group("dbt_portability")

SECTION = "### Standard scorecard visuals"


def _visuals() -> list[str]:
    text = Path("README.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    section = section[: section.index("\n## ")]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.DOTALL)


def test_the_readme_gives_six_plain_visuals():
    visuals = _visuals()
    assert len(visuals) == 6
    for sql in visuals:
        upper = sql.upper()
        assert "CASE" not in upper
        assert " OVER" not in upper and "OVER(" not in upper
        assert set(re.findall(r"\b(SUM|COUNT|AVG|MIN|MAX)\(", upper)) <= {"SUM", "COUNT"}


@pytest.fixture(scope="module")
def results(demo_home) -> list[list[tuple]]:
    con = duckdb.connect(str(demo_home.published / "spf_marts.duckdb"), read_only=True)
    try:
        return [con.execute(sql).fetchall() for sql in _visuals()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def published(demo_home):
    con = duckdb.connect(str(demo_home.published / "spf_marts.duckdb"), read_only=True)
    yield con
    con.close()


def test_rag_table_for_the_latest_quarter(results):
    rows = {r[1]: r for r in results[0]}
    assert len(rows) == 14
    # KPI-06 (cumulative, target 1,300,000, amber 90 %, red 75 %), Q3's return rejected:
    # Q1 + Q2 + Q4 = 243,393 + 246,139 + 311,602 = 801,134 against 1,300,000 × 3 / 4 = 975,000;
    # amber level 877,500, red level 731,250: amber (on the whole year so far it would be red)
    assert rows["KPI-06"] == ("SO2", "KPI-06", 801134.0, 975000.0, "amber")


def test_plan_progress_by_directorate(results, published):
    assert results[1] == [
        ("ADM", 4, 4, 4, 0),
        ("CB", 7, 5, 5, 2),
        ("CF", 9, 6, 6, 3),
        ("RCP", 4, 3, 3, 1),
        ("SPF", 4, 1, 1, 3),
        ("TTA", 8, 6, 6, 2),
    ]
    # the Directorates' deliverables are all the deliverables of the latest quarter
    total = published.execute(
        "SELECT count(*) FROM marts.fct_deliverable_status WHERE period_code = '2025-26-Q4'"
    ).fetchone()[0]
    assert sum(r[1] for r in results[1]) == total == 36


def test_kpi_trend(results):
    # KPI-06 quarter by quarter; targets 1,300,000 / 4 per quarter reported
    assert results[2] == [
        ("Q1 2025-26", 243393.0, 243393.0, 325000.0, "red"),  # below 243,750 (75 %)
        ("Q2 2025-26", 246139.0, 489532.0, 650000.0, "amber"),  # 489,532 >= 487,500
        ("Q3 2025-26", None, 489532.0, 650000.0, "grey"),  # return rejected: not rated
        ("Q4 2025-26", 311602.0, 801134.0, 975000.0, "amber"),
        ("Q1 2026-27", None, None, 0.0, "grey"),  # current quarter, nothing reported yet
    ]


def test_residual_heat_map(results, published):
    cells = results[3]
    assert cells == [
        (1, 1, 1),
        (1, 2, 1),
        (1, 4, 1),
        (1, 5, 1),
        (2, 3, 1),
        (3, 3, 1),
        (4, 2, 1),
        (4, 3, 2),
        (5, 1, 1),
        (5, 3, 1),
        (5, 4, 1),
    ]
    risks = published.execute(
        "SELECT count(*) FROM marts.fct_risk_assessment WHERE period_code = '2025-26-Q4'"
    ).fetchone()[0]
    assert sum(c[2] for c in cells) == risks == 12


def test_budget_execution_by_objective(results, published):
    assert results[4] == [
        ("SO1", Decimal("1515000.00"), Decimal("1235020.70")),
        ("SO2", Decimal("1055000.00"), Decimal("879806.76")),
        ("SO3", Decimal("555000.00"), Decimal("383349.95")),
        ("SO4", Decimal("1745000.00"), Decimal("1564528.65")),
    ]
    lines = published.execute(
        "SELECT objective_code, sum(budget_allocated_eur), sum(budget_spent_eur) "
        "FROM marts.fct_resource_execution WHERE period_code = '2025-26-Q4' "
        "GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert lines == results[4]


def test_statistics_coverage_by_region(results):
    # 12 indicators Members report (not open data) × the region's country Members in 2024
    # (AMC 32, AP 35, ESA 24, EUR 52, MENA 18, WCA 24) values expected
    expected = {"AMC": 32, "AP": 35, "ESA": 24, "EUR": 52, "MENA": 18, "WCA": 24}
    assert {r[0]: r[2] for r in results[5]} == {k: 12 * v for k, v in expected.items()}
    assert {r[0]: r[1] for r in results[5]} == {
        "AMC": 352,
        "AP": 392,
        "ESA": 274,
        "EUR": 594,
        "MENA": 199,
        "WCA": 272,
    }
