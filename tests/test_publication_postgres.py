"""Publication into a real PostgreSQL server (started from the machine's binaries, once).

Checks what Power BI's and Tableau's PostgreSQL connectors will see: types, rows, checksums,
dbt descriptions as comments, a release that changes in one transaction under a concurrent
reader, BI developers' views that survive every release, and the .pbids file.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import psycopg
import pytest

from publication.checksums import column_checksums
from publication.postgres import PostgresPublicationError
from publication.release import publish_release, read_manifest, rollback
from tests.postgres_server import postgres_url  # noqa: F401  (session fixture)
from tests.publication_support import build_warehouse, settings, warehouse_marts, write_dbt_manifest

pytestmark = pytest.mark.xdist_group("publication")

PG_TYPES = {
    "VARCHAR": "text",
    "DATE": "date",
    "TIMESTAMP": "timestamp without time zone",
    "BOOLEAN": "boolean",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "DOUBLE": "double precision",
}


def _pg_type(duckdb_type: str) -> str:
    if duckdb_type.startswith("DECIMAL("):
        return "numeric" + duckdb_type[7:].replace(" ", "")
    return PG_TYPES[duckdb_type]


@pytest.fixture
def database(postgres_url: str, request: pytest.FixtureRequest):  # noqa: F811
    """A fresh database of the session's server for one test."""
    name = "t_" + request.node.name.lower()[:50]
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}"')
        con.execute(f'CREATE DATABASE "{name}"')
    return postgres_url.rsplit("/", 1)[0] + "/" + name


def _read_schema(url: str, schema: str) -> dict[str, dict]:
    result = {}
    with psycopg.connect(url) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s "
                "AND table_type = 'BASE TABLE' AND table_name <> 'release_info'",
                [schema],
            )
        ]
        for table in tables:
            types = dict(
                con.execute(
                    "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                    "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                    "ORDER BY a.attnum",
                    [f'{schema}."{table}"'],
                ).fetchall()
            )
            rows = con.execute(f'SELECT * FROM {schema}."{table}"').fetchall()
            result[table] = {
                "types": types,
                "rows": len(rows),
                "checksums": column_checksums(list(types), rows),
            }
    return result


def test_postgres_holds_the_marts_with_types_comments_and_pbids(tmp_path, database):
    warehouse = build_warehouse(tmp_path / "wh" / "spf.duckdb")
    manifest = write_dbt_manifest(tmp_path / "manifest.json")
    published = tmp_path / "published"
    release = publish_release(
        warehouse, published, "run-pg", manifest, settings(tmp_path, postgres_url=database)
    )
    expected = warehouse_marts(warehouse)
    actual = _read_schema(database, "marts")
    assert set(actual) == set(expected)
    for mart, want in expected.items():
        assert actual[mart]["types"] == {c: _pg_type(t) for c, t in want["types"].items()}
        assert actual[mart]["rows"] == want["rows"]
        assert actual[mart]["checksums"] == want["checksums"]
    with psycopg.connect(database) as con:
        info = con.execute("SELECT release_id, audience, source_run FROM marts.release_info")
        assert info.fetchall() == [(release.release_id, "internal", "run-pg")]
        comment = con.execute(
            "SELECT col_description('marts.dim_kpi'::regclass, 1), "
            "obj_description('marts.dim_kpi'::regclass, 'pg_class')"
        ).fetchone()
        staging = con.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%staging'")
        assert staging.fetchone()[0] == 0
    assert comment == ("Code of the KPI.", "Key performance indicators, one row per KPI.")
    pbids = json.loads((published / "spf_marts.pbids").read_text(encoding="utf-8"))
    [connection] = pbids["connections"]
    assert connection["details"]["protocol"] == "postgresql"
    assert connection["details"]["address"]["database"] == database.rsplit("/", 1)[1]
    assert connection["details"]["address"]["server"].startswith("127.0.0.1:")
    assert read_manifest(published)["postgres"]["database"] == database.rsplit("/", 1)[1]
    assert "password" not in json.dumps(read_manifest(published)).lower()
    assert not (published / "members" / "spf_marts.pbids").exists()


def test_readers_see_one_release_or_the_other_and_bi_views_survive(tmp_path, database):
    manifest = write_dbt_manifest(tmp_path / "manifest.json")
    small = build_warehouse(tmp_path / "small" / "spf.duckdb")
    large = build_warehouse(tmp_path / "large" / "spf.duckdb", extra_rows=3000)
    published = tmp_path / "published"
    config = settings(tmp_path, postgres_url=database)
    counts = {}
    first = publish_release(small, published, "run-0", manifest, config)
    counts[first.release_id] = first.row_counts["internal"]
    with psycopg.connect(database, autocommit=True) as con:
        con.execute("CREATE SCHEMA bi")
        con.execute(
            "CREATE VIEW bi.typed_flags AS SELECT row_key, flag FROM marts.mart_typed WHERE flag"
        )

    seen: list[tuple[str, dict[str, int]]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            with psycopg.connect(database) as con:
                con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                while not stop.is_set():
                    with con.transaction():
                        release_id = con.execute(
                            "SELECT release_id FROM marts.release_info"
                        ).fetchone()[0]
                        tables = {
                            t: con.execute(f'SELECT count(*) FROM marts."{t}"').fetchone()[0]
                            for t in counts[first.release_id]
                        }
                    seen.append((release_id, tables))
                    stop.wait(0.01)  # a BI refresh, not a busy loop competing for the GIL
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for run, warehouse in enumerate([large, small, large, small], start=1):
            release = publish_release(warehouse, published, f"run-{run}", manifest, config)
            counts[release.release_id] = release.row_counts["internal"]
    finally:
        stop.set()
        thread.join(60)
    assert not errors, errors
    assert len({release_id for release_id, _ in seen}) >= 2, "the reader saw only one release"
    for release_id, tables in seen:
        assert tables == counts[release_id], f"mixed releases under {release_id}"
    with psycopg.connect(database) as con:
        view_rows = con.execute("SELECT count(*) FROM bi.typed_flags").fetchone()[0]
        table_rows = con.execute("SELECT count(*) FROM marts.mart_typed WHERE flag").fetchone()[0]
    assert view_rows == table_rows > 0


def test_a_swap_that_would_break_a_bi_view_or_wait_on_a_lock_changes_nothing(
    tmp_path, database, monkeypatch
):
    warehouse = build_warehouse(tmp_path / "wh" / "spf.duckdb")
    manifest = write_dbt_manifest(tmp_path / "manifest.json")
    published = tmp_path / "published"
    config = settings(tmp_path, postgres_url=database, postgres_lock_timeout_ms=300)
    first = publish_release(warehouse, published, "run-1", manifest, config)
    with psycopg.connect(database, autocommit=True) as con:
        con.execute("CREATE SCHEMA bi")
        con.execute("CREATE VIEW bi.labels AS SELECT row_key, label FROM marts.mart_typed")

    # a lock held by a BI session: the swap gives up after the lock timeout
    with psycopg.connect(database) as holder:
        holder.execute("LOCK TABLE marts.mart_typed IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(PostgresPublicationError, match="lock"):
            publish_release(warehouse, published, "run-2", manifest, config)
        holder.rollback()

    # an acknowledged column removal that a BI view depends on: refused, view kept
    import duckdb

    con = duckdb.connect(str(warehouse))
    con.execute("ALTER TABLE marts.mart_typed DROP COLUMN label")
    con.close()
    monkeypatch.setenv("SPF_PUBLISH_ACKNOWLEDGE", "mart_typed.label")
    with pytest.raises(PostgresPublicationError, match=r"bi\.labels"):
        publish_release(warehouse, published, "run-3", manifest, config)

    assert read_manifest(published)["release_id"] == first.release_id
    with psycopg.connect(database) as pg:
        assert pg.execute("SELECT release_id FROM marts.release_info").fetchone()[0] == (
            first.release_id
        )
        assert pg.execute("SELECT count(*) FROM bi.labels").fetchone()[0] > 0
    assert [p.name for p in (published / "releases").iterdir()] == [first.release_id]


def test_rollback_reloads_postgres(tmp_path, database):
    manifest = write_dbt_manifest(tmp_path / "manifest.json")
    published = tmp_path / "published"
    config = settings(tmp_path, postgres_url=database)
    old = publish_release(
        build_warehouse(tmp_path / "a" / "spf.duckdb"), published, "run-a", manifest, config
    )
    new = publish_release(
        build_warehouse(tmp_path / "b" / "spf.duckdb", extra_rows=10),
        published,
        "run-b",
        manifest,
        config,
    )
    assert rollback(published, settings=config) == old.release_id
    with psycopg.connect(database) as con:
        assert con.execute("SELECT release_id FROM marts.release_info").fetchone()[0] == (
            old.release_id
        )
        rows = con.execute("SELECT count(*) FROM marts.mart_typed").fetchone()[0]
    assert (
        rows == old.row_counts["internal"]["mart_typed"] != new.row_counts["internal"]["mart_typed"]
    )
    assert Path(published / "spf_marts.pbids").exists()
