"""The dbt project builds on a local Spark and gives there the marts it gives on DuckDB.

The second half of the portability promise (PostgreSQL is the first): the demo's raw and
reference tables, exported from DuckDB as Parquet, are loaded into Spark; `dbt build --target
spark` (dbt-spark's session method, the target in dbt/profiles.yml) runs every model, data test
and unit test there; every mart is read back and compared row for row with DuckDB's. Spark runs
in a child process (tests/spark_build.py), so its JVM ends with the build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.portability_support import (
    assert_same_rows,
    export_inputs,
    failed_nodes,
    node_statuses,
    tables,
)

# with the PostgreSQL build: both start from the same demo warehouse (one per worker). Without
# Java the child fails and says so (README, Prerequisites; .ci/run installs it).
pytestmark = pytest.mark.xdist_group("dbt_portability")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def on_spark(demo_home, tmp_path_factory: pytest.TempPathFactory):
    """The demo's inputs loaded into Spark, the dbt project built there, its marts as Parquet."""
    folder = tmp_path_factory.mktemp("dbt_spark")
    inputs, target, marts = folder / "inputs", folder / "target", folder / "marts"
    exported = export_inputs(demo_home.warehouse, inputs)
    child = subprocess.run(
        [sys.executable, "-m", "tests.spark_build", str(inputs), str(target), str(marts)],
        cwd=REPO,
        env={**os.environ, "SPF_HOME": str(folder / "home"), "DAGSTER_HOME": str(folder)},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert child.returncode == 0, child.stdout[-4000:] + child.stderr[-4000:]
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    return exported, results, marts, child.stdout


def test_every_model_and_test_passes_on_spark(on_spark):
    exported, results, _, output = on_spark
    assert exported > 20  # every raw and reference table
    assert f"loaded {exported} input tables" in output
    assert failed_nodes(results) == {}
    statuses = node_statuses(results)
    assert sum(1 for node in statuses if node.startswith("model.")) >= 58
    assert sum(1 for node in statuses if node.startswith("test.")) >= 400
    assert sum(1 for node in statuses if node.startswith("unit_test.")) >= 11


def test_spark_gives_the_marts_duckdb_gives(demo_home, on_spark):
    """Every mart: the same columns in the same order with the same (contract) types, as
    DuckDB reads them back from Spark's Parquet, and the same rows."""
    _, _, marts, _ = on_spark
    source = duckdb.connect(str(demo_home.warehouse), read_only=True)
    try:
        expected_marts = tables(source, "marts")
        assert {p.name for p in marts.iterdir()} == set(expected_marts)
        for table, columns in expected_marts.items():
            files = f"read_parquet('{marts / table}/*.parquet')"
            found_columns = [
                (name, kind)
                for name, kind, *_ in source.execute(f"DESCRIBE SELECT * FROM {files}").fetchall()
            ]
            assert found_columns == [(c.name, c.type) for c in columns], table
            names = ", ".join(f'"{c.name}"' for c in columns)
            expected = source.execute(f'SELECT {names} FROM marts."{table}"').fetchall()
            found = source.execute(f"SELECT {names} FROM {files}").fetchall()
            assert_same_rows(table, expected, found)
    finally:
        source.close()
    assert len(expected_marts) >= 24
