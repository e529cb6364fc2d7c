"""The dbt project builds on PostgreSQL and gives there the marts it gives on DuckDB.

The platform's portability promise, tested for real: the demo runs as `make run` runs it
(DuckDB); the raw and reference tables intake wrote are copied into a PostgreSQL 15 server
started by the tests (as an unprivileged user); `dbt build --target postgres` (the target in
dbt/profiles.yml) runs every model, data test and unit test there; and every mart dbt built is
compared row for row with DuckDB's.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import duckdb
import psycopg
import pytest
from psycopg import sql

from dagster_project import cli
from ingestion.paths import spf_paths
from publication.marts import Column, postgres_type
from tests.postgres_server import postgres_url  # noqa: F401  (session fixture)
from tests.warehouse_support import restore_environment, run_dbt

pytestmark = pytest.mark.xdist_group("dbt_postgres")

INPUT_SCHEMAS = ("raw", "reference")
DATABASE = "spf_dbt"
CLEAN = {"success", "pass", "warn"}  # warn: the data rules that only warn (demo flaws)


def _tables(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[Column]]:
    rows = con.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
        "JOIN information_schema.tables t USING (table_catalog, table_schema, table_name) "
        "WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE' "
        "ORDER BY c.table_name, c.ordinal_position",
        [schema],
    ).fetchall()
    tables: dict[str, list[Column]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, []).append(Column(column, data_type))
    return tables


def _copy_inputs(warehouse: Path, url: str) -> int:
    """Copy the raw and reference schemas of the DuckDB warehouse into PostgreSQL."""
    copied = 0
    source = duckdb.connect(str(warehouse), read_only=True)
    try:
        with psycopg.connect(url, autocommit=True) as pg:
            for schema in INPUT_SCHEMAS:
                pg.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
                for table, columns in _tables(source, schema).items():
                    ident = sql.Identifier(schema, table)
                    body = sql.SQL(", ").join(
                        sql.SQL("{} {}").format(
                            sql.Identifier(c.name), sql.SQL(postgres_type(table, c))
                        )
                        for c in columns
                    )
                    pg.execute(sql.SQL("CREATE TABLE {} ({})").format(ident, body))
                    rows = source.execute(f'SELECT * FROM {schema}."{table}"').fetchall()
                    with pg.cursor().copy(sql.SQL("COPY {} FROM STDIN").format(ident)) as copy:
                        for row in rows:
                            copy.write_row(row)
                    copied += 1
    finally:
        source.close()
    return copied


@pytest.fixture(scope="module")
def both_warehouses(tmp_path_factory: pytest.TempPathFactory, postgres_url: str):  # noqa: F811
    """The demo built on DuckDB by `spf run`, then the same dbt project on PostgreSQL."""
    folder = tmp_path_factory.mktemp("dbt_postgres")
    paths = spf_paths(folder / "home")
    port = postgres_url.rsplit(":", 1)[1].split("/", 1)[0]
    wanted = {
        "DAGSTER_HOME": str(paths.dagster_home),
        "SPF_PG_HOST": "127.0.0.1",
        "SPF_PG_PORT": port,
        "SPF_PG_USER": "spf",
        "SPF_PG_DATABASE": DATABASE,
    }
    saved = {key: os.environ.get(key) for key in [*wanted, "SPF_HOME"]}
    os.environ.update(wanted)
    try:
        assert cli.main(["run", "--home", str(paths.home)]) == 0
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
            admin.execute(f'CREATE DATABASE "{DATABASE}"')
        url = postgres_url.rsplit("/", 1)[0] + "/" + DATABASE
        copied = _copy_inputs(paths.warehouse, url)
        results = run_dbt(paths.home, folder / "target", "build", "--target", "postgres")
    finally:
        restore_environment(saved)
    return paths, url, copied, results


def test_every_model_and_test_passes_on_postgres(both_warehouses):
    _, _, copied, results = both_warehouses
    assert copied > 20  # every raw and reference table
    statuses = {
        r["unique_id"]: r["status"]
        for r in results["results"]
        if not r["unique_id"].startswith("exposure.")  # nothing to build: "no-op"
    }
    failed = {node: status for node, status in statuses.items() if status not in CLEAN}
    assert failed == {}
    kinds = {node.split(".", 1)[0] for node in statuses}
    assert {"model", "test", "unit_test"} <= kinds
    assert sum(1 for node in statuses if node.startswith("model.")) >= 58
    assert sum(1 for node in statuses if node.startswith("unit_test.")) >= 11


def _same(left: object, right: object) -> bool:
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9)
    return left == right


def test_postgres_gives_the_marts_duckdb_gives(both_warehouses):
    """Every mart built by dbt, row for row (floating point sums may differ in the last bit)."""
    paths, url, _, _ = both_warehouses
    source = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        marts = _tables(source, "marts")
        compared = 0
        with psycopg.connect(url) as pg:
            built = {
                r[0]
                for r in pg.execute(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'"
                )
            }
            assert set(marts) == built  # dbt's marts (the alerts' register is kept by Python)
            for table, columns in marts.items():
                names = ", ".join(f'"{c.name}"' for c in columns)
                query = f'SELECT {names} FROM marts."{table}"'
                expected = sorted(source.execute(query).fetchall(), key=repr)
                found = sorted(pg.execute(query).fetchall(), key=repr)
                assert len(found) == len(expected), table
                for want, got in zip(expected, found, strict=True):
                    assert all(_same(w, g) for w, g in zip(want, got, strict=True)), (
                        table,
                        want,
                        got,
                    )
                compared += 1
    finally:
        source.close()
    assert compared >= 24
