"""DDL of the warehouse's input schemas: ``reference`` (registers) and ``raw`` (files).

Tables are derived from the specs, so the layout and the warehouse cannot drift apart. Every raw
row carries its lineage: file id, content sha256, sheet, source row number and load time.
"""

from __future__ import annotations

import duckdb

from ingestion.file_kind import Columns
from ingestion.kinds import all_kinds
from ingestion.registers.spec import load_register_specs

REGISTER_SQL_TYPES = {
    "text": "VARCHAR",
    "code": "VARCHAR",
    "enum": "VARCHAR",
    "code_list": "VARCHAR",
    "int": "BIGINT",
    "number": "DOUBLE",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "bool": "BOOLEAN",
    "time": "TIME",
}
FILE_REGISTRY_COLUMNS = (
    ("file_id", "VARCHAR"),
    ("file_sha256", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("original_name", "VARCHAR"),
    ("first_seen_at", "TIMESTAMP"),
    ("received_at", "TIMESTAMP"),
    ("outcome", "VARCHAR"),
    ("stored_path", "VARCHAR"),
    ("report_path", "VARCHAR"),
    ("directorate_code", "VARCHAR"),
    ("period_code", "VARCHAR"),
    ("error_count", "BIGINT"),
    ("warning_count", "BIGINT"),
    ("message_en", "VARCHAR"),
    ("message_fr", "VARCHAR"),
)
# The steward's decisions, kept in the state database and mirrored here (who and when).
PERIOD_EVENTS_COLUMNS = (
    ("period_code", "VARCHAR"),
    ("action", "VARCHAR"),  # close | reopen
    ("actor", "VARCHAR"),
    ("acted_at", "TIMESTAMP"),
    ("note", "VARCHAR"),
)
APPROVAL_EVENTS_COLUMNS = (
    ("file_id", "VARCHAR"),
    ("action", "VARCHAR"),  # held | approve | decline
    ("actor", "VARCHAR"),
    ("acted_at", "TIMESTAMP"),
    ("note", "VARCHAR"),
)
INTAKE_FINDINGS_COLUMNS = (
    ("file_id", "VARCHAR"),
    ("finding_number", "BIGINT"),  # order in the file's report, from 1
    ("kind", "VARCHAR"),
    ("original_name", "VARCHAR"),
    ("severity", "VARCHAR"),
    ("rule", "VARCHAR"),
    ("sheet_name", "VARCHAR"),
    ("cell", "VARCHAR"),
    ("value_found", "VARCHAR"),
    ("message_en", "VARCHAR"),
    ("message_fr", "VARCHAR"),
    ("fix_en", "VARCHAR"),
    ("fix_fr", "VARCHAR"),
)


def _ddl(schema: str, table: str, columns: tuple[tuple[str, str], ...]) -> str:
    body = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns)
    return f'CREATE TABLE IF NOT EXISTS {schema}."{table}" ({body})'


def register_columns(name: str) -> tuple[tuple[str, str], ...]:
    spec = next(s for s in load_register_specs() if s.name == name)
    return tuple((c.name, REGISTER_SQL_TYPES[c.type]) for c in spec.columns)


def kind_tables() -> dict[str, dict[str, Columns]]:
    """Each kind of file's raw tables (``ingestion.kinds``), by kind name."""
    return {kind.name: kind.raw_tables() for kind in all_kinds()}


# Tables refilled whole from the state database at every intake.
STATE_TABLES: dict[str, Columns] = {
    "file_registry": FILE_REGISTRY_COLUMNS,
    "intake_findings": INTAKE_FINDINGS_COLUMNS,
    "period_events": PERIOD_EVENTS_COLUMNS,
    "approval_events": APPROVAL_EVENTS_COLUMNS,
}


def raw_tables() -> dict[str, Columns]:
    tables: dict[str, Columns] = {}
    for of_kind in kind_tables().values():
        tables.update(of_kind)
    return {**tables, **STATE_TABLES}


def reference_tables() -> dict[str, tuple[tuple[str, str], ...]]:
    return {spec.name: register_columns(spec.name) for spec in load_register_specs()}


def _columns_changed(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: Columns
) -> bool:
    """Whether the table exists with other columns than this version's."""
    found = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [schema, table],
        ).fetchall()
    ]
    return bool(found) and found != [name for name, _ in columns]


def _drop_if_columns_changed(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: Columns
) -> None:
    """Drop a raw table whose columns differ from this version's: raw tables are derived from
    the archive and the state, so the step refills it on the same run."""
    if _columns_changed(con, schema, table, columns):
        con.execute(f'DROP TABLE {schema}."{table}"')


def _add_missing_columns(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: tuple[tuple[str, str], ...]
) -> None:
    """Add the columns a newer spec introduced to a table created by an older version.

    Reference tables are reloaded whole at every run, so a new column is filled at once; adding
    it (rather than dropping the table) keeps the dbt views that read the table valid.
    """
    found = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ?",
            [schema, table],
        ).fetchall()
    }
    for name, sql_type in columns:
        if name not in found:
            con.execute(f'ALTER TABLE {schema}."{table}" ADD COLUMN "{name}" {sql_type}')


def create_input_schemas(con: duckdb.DuckDBPyConnection) -> None:
    """Create the ``raw`` and ``reference`` schemas and their tables if missing (idempotent)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    con.execute("CREATE SCHEMA IF NOT EXISTS reference")
    # A table of an older version is recreated: the state tables are mirrored whole at every
    # intake, and a kind's tables are all dropped together when one of them changed, so the
    # loader refills them from the archived originals (the marker table is empty again).
    for table, columns in STATE_TABLES.items():
        _drop_if_columns_changed(con, "raw", table, columns)
    for of_kind in kind_tables().values():
        if any(_columns_changed(con, "raw", table, columns) for table, columns in of_kind.items()):
            for table in of_kind:
                con.execute(f'DROP TABLE IF EXISTS raw."{table}"')
    for table, columns in raw_tables().items():
        con.execute(_ddl("raw", table, columns))
    for table, columns in reference_tables().items():
        con.execute(_ddl("reference", table, columns))
        _add_missing_columns(con, "reference", table, columns)
