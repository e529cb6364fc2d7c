"""Two builds of the same archive publish identical figures (issue 18, rule 6 and item 9).

The demo is built twice from the same inbox, by the real pipeline (Dagster job, dbt with the
profile's 4 threads, publication). Every published Parquet file, with its rows put in one order
(ORDER BY ALL: the primary key and the rest), is rewritten by DuckDB and compared byte for byte:
a double that differs in its last digit because a parallel sum added the values in another
order would show. Only the columns listed in LOAD_TIME_COLUMNS (when the alerting step saw an
issue; the release's id, time and run) are set aside. Both builds state
the same data-as-of moment (derived from the archive, not from the clock), and release_info
records it.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import yaml

from dagster_project.cli import main as cli
from ingestion.paths import SpfPaths, spf_paths
from tests.warehouse_support import restore_environment

# shares the session's demo build with the other tests that start from it
pytestmark = pytest.mark.xdist_group("dbt_portability")

# published columns that record when a build ran rather than what it read: when the alerting
# step first and last saw a data-quality issue (the wall clock of the run, by design)
LOAD_TIME_COLUMNS: dict[str, set[str]] = {
    "fct_data_quality_issue": {"first_seen_at", "last_seen_at"},
    # which release, published when, by which run (data_as_of and audience must agree)
    "release_info": {"release_id", "published_at", "source_run"},
}
# the latest accepted file of the demo was received then (the default data as of)
DEMO_DATA_AS_OF = datetime(2026, 7, 14, 15, 0)


@pytest.fixture(scope="module")
def second_demo(tmp_path_factory: pytest.TempPathFactory) -> SpfPaths:
    """The demo built a second time, in a home of its own."""
    paths = spf_paths(tmp_path_factory.mktemp("demo_again") / "home")
    saved = {key: os.environ.get(key) for key in ("SPF_HOME", "DAGSTER_HOME")}
    os.environ["DAGSTER_HOME"] = str(paths.dagster_home)
    try:
        assert cli.main(["run", "--home", str(paths.home)]) == 0
    finally:
        restore_environment(saved)
    return paths


def _normalised(parquet: Path, out: Path) -> bytes:
    """The file's rows in one total order, minus load-time columns, rewritten by DuckDB."""
    skip = LOAD_TIME_COLUMNS.get(parquet.stem, set())
    con = duckdb.connect()
    try:
        source = str(parquet).replace("'", "''")
        exclude = f" EXCLUDE ({', '.join(sorted(skip))})" if skip else ""
        con.execute(
            f"COPY (SELECT *{exclude} FROM read_parquet('{source}') ORDER BY ALL) "
            f"TO '{str(out).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)"
        )
    finally:
        con.close()
    return out.read_bytes()


def test_dbt_builds_with_four_threads():
    profiles = yaml.safe_load(Path("dbt/profiles.yml").read_text(encoding="utf-8"))
    assert profiles["spf_warehouse"]["outputs"]["duckdb"]["threads"] == 4


def test_two_builds_publish_identical_parquet(demo_home, second_demo, tmp_path):
    first = sorted((demo_home.published / "parquet").glob("*.parquet"))
    second = sorted((second_demo.published / "parquet").glob("*.parquet"))
    assert [p.name for p in first] == [p.name for p in second]
    assert len(first) > 20
    different = [
        a.name
        for a, b in zip(first, second, strict=True)
        if _normalised(a, tmp_path / f"a_{a.name}") != _normalised(b, tmp_path / f"b_{b.name}")
    ]
    assert different == []


def test_release_info_records_the_builds_data_as_of(demo_home, second_demo):
    stated = []
    for home in (demo_home, second_demo):
        con = duckdb.connect(str(home.published / "spf_marts.duckdb"), read_only=True)
        try:
            release = con.execute("SELECT data_as_of FROM marts.release_info").fetchone()[0]
            periods = con.execute("SELECT DISTINCT data_as_of FROM marts.dim_period").fetchall()
        finally:
            con.close()
        assert periods == [(release,)]
        stated.append(release)
    assert stated == [DEMO_DATA_AS_OF, DEMO_DATA_AS_OF]
