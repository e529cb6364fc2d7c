"""The warehouse side of foresight on a real DuckDB file holding the marts it reads (built here
with the marts' column names, so the test needs no dbt run): every KPI gets an outlook for every
quarter with data, backtests have finite MASE, two runs give equal tables, the tables land in
the `foresight` schema, and the early-warning list catches what it should."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from foresight.warehouse import FORESIGHT_SCHEMA, TABLES, compute_outlook, write_outlook

YEARS = ("2023-24", "2024-25", "2025-26")


def _warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """Three KPIs (cumulative, latest, statistics) over three IP years, the last one at
    quarter 2, and eight deliverables."""
    con = duckdb.connect(str(path))
    con.execute("create schema marts; create schema intermediate")
    con.execute(
        """
        create table marts.dim_kpi as select * from (values
            ('C', 'cumulative', 'higher_is_better', 'return', 'percent_of_target', 90.0, 75.0,
             null),
            ('L', 'latest', 'lower_is_better', 'return', 'absolute', 60.0, 72.0, null),
            ('S', 'latest', 'higher_is_better', 'statistics', 'absolute', 75.0, 65.0, 'IND')
        ) as t(kpi_code, aggregation, direction, source, threshold_type, amber_threshold,
               red_threshold, indicator_code)
        """
    )
    rng = np.random.default_rng(3)
    measurements, scorecard = [], []
    for y, ip_year in enumerate(YEARS):
        last = 2 if ip_year == "2025-26" else 4
        for quarter in range(1, 5):
            # C: about 50 a quarter in past years, 30 this year (behind a target of 200)
            c = (
                (30.0 if ip_year == "2025-26" else 50.0 + rng.normal(0, 2))
                if quarter <= last
                else None
            )
            lvl = 58.0 - y * 4 - quarter + rng.normal(0, 0.5) if quarter <= last else None
            s = 70.0 + 2 * (y + 2021 - 2020) if quarter <= last else None
            measurements += [("C", ip_year, quarter, c), ("L", ip_year, quarter, lvl)]
            measurements += [("S", ip_year, quarter, s)]
            for code in ("C", "L", "S"):
                scorecard.append((code, ip_year, quarter, 200.0 if code == "C" else 55.0, "green"))
    con.execute(
        "create table marts.fct_kpi_measurement (kpi_code varchar, ip_year varchar,"
        " quarter bigint, scope_type varchar, actual_value double)"
    )
    con.executemany(
        "insert into marts.fct_kpi_measurement values (?, ?, ?, 'overall', ?)", measurements
    )
    con.execute(
        "create table marts.mart_kpi_scorecard (kpi_code varchar, ip_year varchar,"
        " quarter bigint, annual_target double, rag_status varchar)"
    )
    con.executemany("insert into marts.mart_kpi_scorecard values (?, ?, ?, ?, ?)", scorecard)
    con.execute(
        "create table intermediate.int_statistics__aggregates_by_scope (scope_type varchar,"
        " indicator_code varchar, statistics_year bigint, aggregate_value double)"
    )
    con.executemany(
        "insert into intermediate.int_statistics__aggregates_by_scope values"
        " ('overall', 'IND', ?, ?)",
        [(year, 60.0 + 2 * (year - 2012) + rng.normal(0, 0.3)) for year in range(2012, 2025)],
    )
    statuses = {
        # due at Q3 of 2025-26; at_risk deliverables of earlier years went on to be delayed
        "A": ("2024-25", "2024-25-Q3", ["on_track", "at_risk", "delayed", "completed"]),
        "B": ("2024-25", "2024-25-Q3", ["on_track", "at_risk", "delayed", "delayed"]),
        "C": ("2024-25", "2024-25-Q4", ["on_track", "on_track", "completed", "completed"]),
        "D": ("2024-25", "2024-25-Q4", ["on_track", "on_track", "on_track", "completed"]),
        "E": ("2025-26", "2025-26-Q3", ["on_track", "at_risk"]),
        "F": ("2025-26", "2025-26-Q4", ["on_track", "on_track"]),
        "G": ("2025-26", "2025-26-Q2", ["on_track", "completed"]),
        "H": ("2025-26", "2025-26-Q4", ["on_track", "cancelled"]),
    }
    con.execute(
        "create table marts.fct_deliverable_status (deliverable_code varchar, ip_year varchar,"
        " quarter bigint, status varchar, due_period_code varchar, is_on_time boolean)"
    )
    for code, (ip_year, due, sequence) in statuses.items():
        for quarter, status in enumerate(sequence, start=1):
            on_time = True if status == "completed" else None
            con.execute(
                "insert into marts.fct_deliverable_status values (?, ?, ?, ?, ?, ?)",
                [code, ip_year, quarter, status, due, on_time],
            )
    return con


@pytest.fixture
def warehouse(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = _warehouse(tmp_path / "spf.duckdb")
    yield con
    con.close()


def test_outlook_covers_every_quarter_with_data_and_is_deterministic(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    frames = compute_outlook(warehouse)
    assert set(frames) == set(TABLES)
    for name, frame in frames.items():
        assert list(frame.columns) == list(TABLES[name]), name
        assert frame.iloc[:, 0].is_unique, name  # the first column is the key

    outlook = frames["kpi_outlook"]
    with_data = warehouse.sql(
        "select kpi_code || '|' || ip_year || '-Q' || quarter as k"
        " from marts.fct_kpi_measurement where actual_value is not null order by k"
    ).fetchall()
    assert sorted(outlook["kpi_outlook_key"]) == [k for (k,) in with_data]

    backtest = frames["forecast_backtest"]
    assert np.isfinite(backtest["mase"].astype(float)).all()
    assert backtest.groupby("kpi_code")["is_chosen"].sum().eq(1).all()
    # the statistics KPI has 13 annual values: exponential smoothing competes for real
    stats = backtest[backtest["kpi_code"] == "S"].set_index("projection_method")
    assert stats.loc["ets", "n_forecasts"] == 12

    again = compute_outlook(warehouse)
    for name in TABLES:
        pd.testing.assert_frame_equal(frames[name], again[name])


def test_cumulative_kpi_behind_target_is_an_early_warning(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """C is rated green now but, 60 done at quarter 2 against 200, is projected at about 120:
    red at year end (below 75 % of target), with almost no chance of the target. E is at risk
    one quarter before its due period, and at_risk deliverables were then delayed."""
    frames = compute_outlook(warehouse)
    latest_c = frames["kpi_outlook"].set_index("kpi_outlook_key").loc["C|2025-26-Q2"]
    assert latest_c["projected_value"] == pytest.approx(120, rel=0.05)
    assert latest_c["projected_rag"] == "red"
    assert latest_c["probability_meeting_target"] < 0.01
    warnings = frames["early_warning"]
    keys = set(warnings["early_warning_key"])
    assert {"kpi|C|kpi_projected_red", "deliverable|E|deliverable_unlikely_on_time"} <= keys
    # L and S are on course; completed and cancelled deliverables are never warned about
    assert not {"kpi|L|kpi_projected_red", "kpi|S|kpi_projected_red"} & keys
    assert not any(key.startswith(("deliverable|G|", "deliverable|H|")) for key in keys)
    summary = frames["deliverable_late_summary"].set_index("period_code")
    q2 = summary.loc["2025-26-Q2"]
    assert q2["late_lower_80"] <= q2["expected_late"] <= q2["late_upper_80"]


def test_write_outlook_replaces_the_foresight_tables(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    frames = compute_outlook(warehouse)
    write_outlook(warehouse, frames)
    write_outlook(warehouse, frames)  # a rebuild replaces, never appends
    for name, frame in frames.items():
        count = warehouse.sql(f"select count(*) from {FORESIGHT_SCHEMA}.{name}").fetchone()
        assert count == (len(frame),)
    columns = warehouse.sql(
        "select column_name, data_type from information_schema.columns"
        f" where table_schema = '{FORESIGHT_SCHEMA}' and table_name = 'kpi_outlook'"
        " order by ordinal_position"
    ).fetchall()
    assert [c for c, _ in columns] == list(TABLES["kpi_outlook"])
    assert dict(columns)["probability_meeting_target"] == "DOUBLE"
    assert dict(columns)["quarter"] == "BIGINT"


def test_dbt_builds_the_outlook_marts_from_the_foresight_tables(tmp_path: Path) -> None:
    """The real dbt project, foresight models switched on, over the tables the step wrote:
    staging views and contracted marts build, their tests pass, and the marts hold the step's
    rows (deliverable rows with their year's late count). Only the foresight models are
    selected; the marts they reference (dim_kpi, dim_period) are the test's own tables."""
    home = tmp_path / "home"
    (home / "warehouse").mkdir(parents=True)
    con = _warehouse(home / "warehouse" / "spf.duckdb")
    periods = [f"{y}-Q{q}" for y in YEARS for q in range(1, 5)]
    con.execute("create table marts.dim_period (period_code varchar)")
    con.executemany("insert into marts.dim_period values (?)", [(p,) for p in periods])
    frames = compute_outlook(con)
    write_outlook(con, frames)
    con.close()

    dbt = Path(sys.executable).with_name("dbt")
    project = Path(__file__).resolve().parents[1] / "dbt"
    result = subprocess.run(
        [
            str(dbt),
            "build",
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
            "--vars",
            "{spf_foresight: true}",
            "--select",
            "staging.foresight+",
        ],
        env={**os.environ, "SPF_HOME": str(home), "DO_NOT_TRACK": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]

    con = duckdb.connect(str(home / "warehouse" / "spf.duckdb"), read_only=True)
    try:
        outlook = con.sql("select * from marts.mart_kpi_outlook order by kpi_outlook_key").df()
        assert list(outlook.columns) == list(TABLES["kpi_outlook"])
        assert len(outlook) == len(frames["kpi_outlook"])
        backtests = con.sql("select count(*) from marts.mart_forecast_backtest").fetchone()
        assert backtests == (len(frames["forecast_backtest"]),)
        warnings = con.sql("select early_warning_key from marts.mart_early_warning").fetchall()
        assert sorted(k for (k,) in warnings) == sorted(
            frames["early_warning"]["early_warning_key"]
        )
        late = con.sql(
            "select deliverable_outlook_key, expected_late_in_year, late_upper_80"
            " from marts.fct_deliverable_outlook where period_code = '2025-26-Q2'"
            " order by deliverable_outlook_key"
        ).fetchall()
    finally:
        con.close()
    summary = frames["deliverable_late_summary"].set_index("period_code").loc["2025-26-Q2"]
    assert late and {row[1] for row in late} == {summary["expected_late"]}
    assert {row[2] for row in late} == {summary["late_upper_80"]}
