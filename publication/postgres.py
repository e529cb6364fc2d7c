"""PostgreSQL for BI connectors: load into a staging schema, then swap in one short transaction.

Power BI's and Tableau's PostgreSQL connectors query the live schema while we publish, so:

* every mart is first loaded into ``<schema>_staging`` (slow part, outside any lock);
* one transaction, under ``lock_timeout``, moves the new content into ``<schema>``: a new mart's
  table is moved over (``SET SCHEMA``); an existing one is emptied and refilled (``DELETE`` +
  ``INSERT … SELECT``) *in place*, so that views BI developers built on it in their own schemas
  keep working and are never dropped (no ``CASCADE`` anywhere). A reader's snapshot sees the old
  release or the new one, never a mix. Acknowledged breaking changes (a column dropped or
  retyped) are applied with plain ``ALTER TABLE``; if a BI view depends on the column,
  PostgreSQL refuses, nothing changes, and the message names the views.
* column and table comments come from the dbt descriptions, so BI tools show them as tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import psycopg
from psycopg import sql

from publication.marts import (
    MARTS_SCHEMA,
    RELEASE_INFO_TABLE,
    Column,
    MartSchema,
    postgres_type,
    quote,
    read_marts,
)

POSTGRES_URL_ENV = "SPF_PUBLISH_POSTGRES_URL"
STAGING_SUFFIX = "_staging"
_RELEASE_INFO = MartSchema(
    RELEASE_INFO_TABLE,
    (
        Column("release_id", "VARCHAR"),
        Column("audience", "VARCHAR"),
        Column("data_as_of", "TIMESTAMP"),
        Column("published_at", "TIMESTAMP"),
        Column("source_run", "VARCHAR"),
    ),
)


class PostgresPublicationError(RuntimeError):
    """The swap was refused (lock timeout, dependent BI views…); the live schema is unchanged."""


@dataclass(frozen=True)
class PostgresTarget:
    schema: str  # live schema BI reads, e.g. marts
    serving_file: Path  # the audience's serving DuckDB file of the release


# mart -> (table description, {column: description})
Descriptions = dict[str, tuple[str, dict[str, str]]]


def safe_location(url: str) -> dict[str, str]:
    """Host, port and database of a connection URL, never the user's password."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    return {
        "host": str(info.get("host") or "localhost"),
        "port": str(info.get("port") or "5432"),
        "database": str(info.get("dbname") or info.get("user") or "postgres"),
    }


def _columns(cur: psycopg.Cursor, schema: str, table: str) -> dict[str, str]:
    cur.execute(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relname = %s AND c.relkind = 'r' AND a.attnum > 0 "
        "AND NOT a.attisdropped ORDER BY a.attnum",
        [schema, table],
    )
    return dict(cur.fetchall())


def _tables(cur: psycopg.Cursor, schema: str) -> list[str]:
    cur.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind = 'r' ORDER BY 1",
        [schema],
    )
    return [row[0] for row in cur.fetchall()]


def _load_staging(conn: psycopg.Connection, target: PostgresTarget) -> list[MartSchema]:
    staging = target.schema + STAGING_SUFFIX
    source = duckdb.connect(str(target.serving_file), read_only=True)
    try:
        marts = [*read_marts(source, source.execute("SELECT current_database()").fetchone()[0])]
        tables = [*marts, _RELEASE_INFO]
        with conn.cursor() as cur:
            # The staging schema belongs to publication: nothing else may live there.
            cur.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(staging)))
            cur.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(staging)))
            for table in tables:
                columns = sql.SQL(", ").join(
                    sql.SQL("{} {}").format(
                        sql.Identifier(c.name), sql.SQL(postgres_type(table.name, c))
                    )
                    for c in table.columns
                )
                ident = sql.Identifier(staging, table.name)
                cur.execute(sql.SQL("CREATE TABLE {} ({})").format(ident, columns))
                result = source.execute(f"SELECT * FROM {MARTS_SCHEMA}.{quote(table.name)}")
                with cur.copy(sql.SQL("COPY {} FROM STDIN").format(ident)) as copy:
                    while batch := result.fetchmany(10_000):
                        for row in batch:
                            copy.write_row(row)
    finally:
        source.close()
    return marts


def _swap_table(cur: psycopg.Cursor, schema: str, table: str, existing: set[str]) -> None:
    staging = schema + STAGING_SUFFIX
    live = sql.Identifier(schema, table)
    if table not in existing:
        cur.execute(
            sql.SQL("ALTER TABLE {} SET SCHEMA {}").format(
                sql.Identifier(staging, table), sql.Identifier(schema)
            )
        )
        return
    new = _columns(cur, staging, table)
    old = _columns(cur, schema, table)
    cur.execute(sql.SQL("DELETE FROM {}").format(live))
    for name in old.keys() - new.keys():
        cur.execute(sql.SQL("ALTER TABLE {} DROP COLUMN {}").format(live, sql.Identifier(name)))
    for name, pg_type in new.items():
        if name not in old:
            cur.execute(
                sql.SQL("ALTER TABLE {} ADD COLUMN {} {}").format(
                    live, sql.Identifier(name), sql.SQL(pg_type)
                )
            )
        elif old[name] != pg_type:
            cur.execute(
                sql.SQL("ALTER TABLE {} ALTER COLUMN {} TYPE {} USING NULL").format(
                    live, sql.Identifier(name), sql.SQL(pg_type)
                )
            )
    names = sql.SQL(", ").join(sql.Identifier(n) for n in new)
    cur.execute(
        sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}").format(
            live, names, names, sql.Identifier(staging, table)
        )
    )


def _comment(cur: psycopg.Cursor, schema: str, mart: MartSchema, docs: Descriptions) -> None:
    table_doc, column_docs = docs.get(mart.name, ("", {}))
    live = sql.Identifier(schema, mart.name)
    cur.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(live, table_doc.strip() or None))
    for column in mart.columns:
        text = column_docs.get(column.name, "").strip() or None
        cur.execute(
            sql.SQL("COMMENT ON COLUMN {}.{} IS {}").format(live, sql.Identifier(column.name), text)
        )


def _dependents(cur: psycopg.Cursor, schema: str) -> list[str]:
    cur.execute(
        "SELECT DISTINCT vn.nspname || '.' || v.relname FROM pg_depend d "
        "JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class "
        "JOIN pg_namespace vn ON vn.oid = v.relnamespace "
        "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace "
        "WHERE tn.nspname = %s AND v.oid <> t.oid ORDER BY 1",
        [schema],
    )
    return [row[0] for row in cur.fetchall()]


def publish_to_postgres(
    url: str,
    targets: list[PostgresTarget],
    docs: Descriptions,
    lock_timeout_ms: int = 5000,
    reader_role: str | None = None,
) -> dict[str, object]:
    """Load every target into its staging schema, then swap all of them in one transaction."""
    with psycopg.connect(url, autocommit=True) as conn:
        loaded = {t.schema: _load_staging(conn, t) for t in targets}
        try:
            with conn.transaction(), conn.cursor() as cur:
                cur.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(f"{lock_timeout_ms}ms"))
                for target in targets:
                    schema, marts = target.schema, loaded[target.schema]
                    cur.execute(
                        sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema))
                    )
                    existing = set(_tables(cur, schema))
                    wanted = {m.name for m in marts} | {RELEASE_INFO_TABLE}
                    for mart in [*marts, _RELEASE_INFO]:
                        _swap_table(cur, schema, mart.name, existing)
                    for mart in marts:
                        _comment(cur, schema, mart, docs)
                    for gone in sorted(existing - wanted):
                        # RESTRICT: a BI view on a mart that is no longer published stops us
                        cur.execute(sql.SQL("DROP TABLE {}").format(sql.Identifier(schema, gone)))
                    if reader_role:
                        role = sql.Identifier(reader_role)
                        cur.execute(
                            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
                                sql.Identifier(schema), role
                            )
                        )
                        cur.execute(
                            sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(
                                sql.Identifier(schema), role
                            )
                        )
        except psycopg.errors.LockNotAvailable as exc:
            raise PostgresPublicationError(
                f"PostgreSQL: a session held a lock on the published marts for more than "
                f"{lock_timeout_ms} ms, so the new release was not swapped in; the previous "
                f"release is unchanged. Run the publication again. ({exc})"
            ) from exc
        except psycopg.errors.DependentObjectsStillExist as exc:
            with conn.cursor() as cur:
                views = ", ".join(
                    dependent for t in targets for dependent in _dependents(cur, t.schema)
                )
            raise PostgresPublicationError(
                "PostgreSQL: the new release removes or retypes a column or a mart that views "
                f"depend on ({views or 'see below'}). Publication never drops BI developers' "
                "objects: change or drop those views first, then publish again. The previous "
                f"release is unchanged. ({exc})"
            ) from exc
        with conn.cursor() as cur:
            for target in targets:
                cur.execute(
                    sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                        sql.Identifier(target.schema + STAGING_SUFFIX)
                    )
                )
                for table in _tables(cur, target.schema):
                    cur.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(target.schema, table)))
    return {**safe_location(url), "schemas": [t.schema for t in targets]}


def pbids(url: str, bi_server: str | None = None) -> dict[str, object]:
    """A Power BI Desktop data source file (.pbids) for the PostgreSQL database; no credentials."""
    location = safe_location(url)
    server = bi_server or f"{location['host']}:{location['port']}"
    return {
        "version": "0.1",
        "connections": [
            {
                "details": {
                    "protocol": "postgresql",
                    "address": {"server": server, "database": location["database"]},
                },
                "options": {},
                "mode": "Import",
            }
        ],
    }
