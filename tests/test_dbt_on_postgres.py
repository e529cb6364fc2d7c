"""The dbt project builds on PostgreSQL and gives there the marts it gives on DuckDB.

The platform's portability promise, tested for real: the demo runs as `make run` runs it
(DuckDB); the raw and reference tables intake wrote are copied into a PostgreSQL 15 server
started by the tests (as an unprivileged user); `dbt build --target postgres` (the target in
dbt/profiles.yml) runs every model, data test and unit test there; and every mart dbt built is
compared row for row with DuckDB's.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import psycopg
import pytest
from psycopg import sql

from publication.marts import postgres_type
from tests.portability_support import (
    INPUT_SCHEMAS,
    assert_same_rows,
    failed_nodes,
    node_statuses,
    tables,
)
from tests.postgres_server import postgres_url  # noqa: F401  (session fixture)
from tests.warehouse_support import restore_environment, run_dbt

# with the Spark build: both start from the same demo warehouse (one per worker)
pytestmark = pytest.mark.xdist_group("dbt_portability")

DATABASE = "spf_dbt"


def _copy_inputs(warehouse: Path, url: str) -> int:
    """Copy the raw and reference schemas of the DuckDB warehouse into PostgreSQL."""
    copied = 0
    source = duckdb.connect(str(warehouse), read_only=True)
    try:
        with psycopg.connect(url, autocommit=True) as pg:
            for schema in INPUT_SCHEMAS:
                pg.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
                for table, columns in tables(source, schema).items():
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
def on_postgres(demo_home, tmp_path_factory: pytest.TempPathFactory, postgres_url: str):  # noqa: F811
    """The demo's inputs copied into PostgreSQL, and the dbt project built there."""
    folder = tmp_path_factory.mktemp("dbt_postgres")
    port = postgres_url.rsplit(":", 1)[1].split("/", 1)[0]
    wanted = {
        "SPF_PG_HOST": "127.0.0.1",
        "SPF_PG_PORT": port,
        "SPF_PG_USER": "spf",
        "SPF_PG_DATABASE": DATABASE,
    }
    saved = {key: os.environ.get(key) for key in wanted}
    os.environ.update(wanted)
    try:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
            admin.execute(f'CREATE DATABASE "{DATABASE}"')
        url = postgres_url.rsplit("/", 1)[0] + "/" + DATABASE
        copied = _copy_inputs(demo_home.warehouse, url)
        results = run_dbt(demo_home.home, folder / "target", "build", "--target", "postgres")
    finally:
        restore_environment(saved)
    return url, copied, results


def test_every_model_and_test_passes_on_postgres(on_postgres):
    _, copied, results = on_postgres
    assert copied > 20  # every raw and reference table
    assert failed_nodes(results) == {}
    statuses = node_statuses(results)
    kinds = {node.split(".", 1)[0] for node in statuses}
    assert {"model", "test", "unit_test"} <= kinds
    assert sum(1 for node in statuses if node.startswith("model.")) >= 58
    assert sum(1 for node in statuses if node.startswith("unit_test.")) >= 11


def test_postgres_gives_the_marts_duckdb_gives(demo_home, on_postgres):
    """Every mart built by dbt, row for row (floating point sums may differ in the last bit)."""
    url, _, _ = on_postgres
    source = duckdb.connect(str(demo_home.warehouse), read_only=True)
    try:
        marts = tables(source, "marts")
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
                expected = source.execute(query).fetchall()
                assert_same_rows(table, expected, pg.execute(query).fetchall())
                compared += 1
    finally:
        source.close()
    assert compared >= 24
