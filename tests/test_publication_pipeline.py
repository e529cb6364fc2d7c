"""Publication through the real `refresh_all` job (`spf run`), with PostgreSQL configured.

A BI reader keeps the published DuckDB file open (in another process, as Power BI would)
while a full refresh publishes the next release; a refresh whose `dbt build` fails (run with a
profile target that does not exist) leaves the
release untouched, in the files and in PostgreSQL; `spf publish --rollback` brings the
previous release back.
"""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import psycopg
import pytest

from dagster_project.cli import main as cli
from dagster_project.defs.assets.dbt import mart_asset_keys
from ingestion.paths import spf_paths
from publication import cli as publication_cli
from publication.release import read_manifest
from tests.postgres_server import postgres_url  # noqa: F401  (session fixture)
from tests.publication_support import read_duckdb_marts, warehouse_marts
from tests.warehouse_support import restore_environment

pytestmark = pytest.mark.xdist_group("publication")

READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
def show():
    release = con.execute("SELECT release_id FROM marts.release_info").fetchone()[0]
    rows = con.execute("SELECT count(*) FROM marts.fct_deliverable_status").fetchone()[0]
    print(release, rows, flush=True)
show()
sys.stdin.readline()
show()
"""


def _pg_release(url: str) -> str:
    with psycopg.connect(url) as con:
        return con.execute("SELECT release_id FROM marts.release_info").fetchone()[0]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory, postgres_url: str):  # noqa: F811
    import dagster_project.definitions as definitions

    tmp = tmp_path_factory.mktemp("publication_pipeline")
    paths = spf_paths(tmp / "home")
    url = postgres_url.rsplit("/", 1)[0] + "/pipeline"
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute("DROP DATABASE IF EXISTS pipeline")
        con.execute("CREATE DATABASE pipeline")
    saved = {k: os.environ.get(k) for k in ("SPF_HOME", "DAGSTER_HOME", "SPF_PUBLISH_POSTGRES_URL")}
    os.environ["DAGSTER_HOME"] = str(paths.dagster_home)
    os.environ["SPF_PUBLISH_POSTGRES_URL"] = url
    published = paths.published / "spf_marts.duckdb"
    facts: dict[str, object] = {}
    try:
        facts["first"] = cli.main(["run", "--home", str(paths.home)])
        facts["first_release"] = read_manifest(paths.published)["release_id"]
        facts["first_marts"] = warehouse_marts(paths.warehouse)

        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(published)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        facts["reader_before"] = reader.stdout.readline().split()
        facts["second"] = cli.main(["run", "--home", str(paths.home)])
        reader.stdin.write("\n")
        reader.stdin.flush()
        facts["reader_after"] = reader.stdout.readline().split()
        reader.wait(30)
        facts["second_release"] = read_manifest(paths.published)["release_id"]

        original = definitions.default_resources

        def broken_resources(home=None):
            # dbt itself fails: its profile has no such target (`dbt build --target …`)
            from dagster_dbt import DbtCliResource

            resources = original(home)
            dbt = resources["dbt"]
            resources["dbt"] = DbtCliResource(
                project_dir=dbt.project_dir,
                dbt_executable=dbt.dbt_executable,
                target="no_such_target",
            )
            return resources

        definitions.default_resources = broken_resources
        try:
            facts["broken"] = cli.main(["run", "--home", str(paths.home)])
        finally:
            definitions.default_resources = original
        facts["after_broken_release"] = read_manifest(paths.published)["release_id"]
        facts["after_broken_pg"] = _pg_release(url)
        facts["rollback"] = publication_cli.main(["--rollback", "--home", str(paths.home)])
        facts["rolled_back_release"] = read_manifest(paths.published)["release_id"]
        facts["rolled_back_pg"] = _pg_release(url)
        yield paths, url, facts
    finally:
        restore_environment(saved)


def test_refresh_publishes_while_a_reader_holds_the_previous_file_open(pipeline):
    _, _, facts = pipeline
    assert facts["first"] == 0 and facts["second"] == 0
    assert facts["second_release"] != facts["first_release"]
    # the reader's open connection still reads the release it opened, whole
    assert facts["reader_before"] == facts["reader_after"]
    assert facts["reader_before"][0] == facts["first_release"]


def test_the_published_demo_marts_match_the_warehouse(pipeline):
    paths, _, facts = pipeline
    expected = facts["first_marts"]
    release_dir = paths.published / "releases" / facts["first_release"]
    con = duckdb.connect(str(release_dir / "spf_marts.duckdb"), read_only=True)
    try:
        actual = read_duckdb_marts(con, "marts")
    finally:
        con.close()
    # every dbt mart is published as built (tables that other assets write into `marts` after
    # dbt may change after publication, so only dbt's are compared here)
    dbt_marts = {key.path[-1] for key in mart_asset_keys()}
    assert len(dbt_marts) >= 4 and dbt_marts <= set(actual) <= set(expected)
    manifest = read_manifest(release_dir)
    for mart in dbt_marts:
        want = expected[mart]
        assert (actual[mart]["types"], actual[mart]["checksums"]) == (
            want["types"],
            want["checksums"],
        )
        assert manifest["marts"][mart]["rows"] == want["rows"]
        assert manifest["marts"][mart]["checksums"] == want["checksums"]
    assert manifest["postgres"]["schemas"] == ["marts"]
    # the real dbt docs reach the dictionary
    page = (release_dir / "data_dictionary.html").read_text(encoding="utf-8")
    assert "One row per KPI" in page or "kpi_code" in page


def test_a_failed_dbt_build_leaves_the_release_untouched(pipeline):
    paths, _, facts = pipeline
    assert facts["broken"] == 1
    assert facts["after_broken_release"] == facts["second_release"]
    assert facts["after_broken_pg"] == facts["second_release"]
    assert not list((paths.published / "releases").glob(".*"))


def test_rollback_brings_the_previous_release_back(pipeline):
    paths, _, facts = pipeline
    assert facts["rollback"] == 0
    assert facts["rolled_back_release"] == facts["first_release"]
    assert facts["rolled_back_pg"] == facts["first_release"]
    con = duckdb.connect(str(paths.published / "spf_marts.duckdb"), read_only=True)
    try:
        release = con.execute("SELECT release_id FROM marts.release_info").fetchone()[0]
    finally:
        con.close()
    assert release == facts["first_release"]
