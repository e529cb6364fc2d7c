"""DDL of the warehouse's input schemas: ``reference`` (registers) and ``raw`` (files).

Tables are derived from the specs, so the layout and the warehouse cannot drift apart. Every raw
row carries its lineage: file id, content sha256, sheet, source row number and load time.
"""

from __future__ import annotations

import duckdb

from ingestion.registers.spec import load_register_specs
from ingestion.returns.layout import load_layout

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
RETURN_SQL_TYPES = {
    "code": "VARCHAR",
    "text": "VARCHAR",
    "status": "VARCHAR",
    "risk_trend": "VARCHAR",
    "percent": "DOUBLE",
    "number": "DOUBLE",
    "int": "BIGINT",
    "date": "DATE",
}
LINEAGE_COLUMNS = (
    ("file_id", "VARCHAR"),
    ("file_sha256", "VARCHAR"),
    ("sheet_name", "VARCHAR"),
    ("source_row", "BIGINT"),
    ("loaded_at", "TIMESTAMP"),
)

RETURN_FILES_COLUMNS = (
    ("file_id", "VARCHAR"),
    ("file_sha256", "VARCHAR"),
    ("original_name", "VARCHAR"),
    ("layout_version", "VARCHAR"),
    ("directorate_code", "VARCHAR"),
    ("period_code", "VARCHAR"),
    ("prepared_by", "VARCHAR"),
    ("received_at", "TIMESTAMP"),
    ("loaded_at", "TIMESTAMP"),
)
STATISTICS_COLUMNS = (
    *LINEAGE_COLUMNS,
    ("member_code", "VARCHAR"),
    ("year", "BIGINT"),
    ("indicator_code", "VARCHAR"),
    ("value", "DOUBLE"),  # in base units: the written number times scale_factor
    ("unit", "VARCHAR"),  # unit or scale as written (cell, else column header)
    ("value_as_reported", "VARCHAR"),
    ("scale_factor", "DOUBLE"),
    ("currency_code", "VARCHAR"),  # currency indicators only: written, else the Member's
    ("footnote", "VARCHAR"),
    ("member_as_reported", "VARCHAR"),
    ("source_cell", "VARCHAR"),
    ("source_layout", "VARCHAR"),  # questionnaire, long, wide_by_indicator, wide_by_year
    # The file's name and when the office received it (from the file registry), so revisions
    # are ordered without reading the registry, which changes with every return received.
    ("original_name", "VARCHAR"),
    ("received_at", "TIMESTAMP"),
)
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


def return_table_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """Raw table name -> columns, for each table sheet of the return layout."""
    return {
        sheet.table: (
            *LINEAGE_COLUMNS,
            *((c.name, RETURN_SQL_TYPES[c.type]) for c in sheet.loaded_columns),
        )
        for sheet in load_layout().sheets
    }


def raw_tables() -> dict[str, tuple[tuple[str, str], ...]]:
    return {
        "return_files": RETURN_FILES_COLUMNS,
        **return_table_columns(),
        "statistics_values": STATISTICS_COLUMNS,
        "file_registry": FILE_REGISTRY_COLUMNS,
        "intake_findings": INTAKE_FINDINGS_COLUMNS,
        "period_events": PERIOD_EVENTS_COLUMNS,
        "approval_events": APPROVAL_EVENTS_COLUMNS,
    }


def reference_tables() -> dict[str, tuple[tuple[str, str], ...]]:
    return {spec.name: register_columns(spec.name) for spec in load_register_specs()}


def _drop_if_columns_changed(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: tuple[tuple[str, str], ...]
) -> None:
    """Drop a raw table whose columns differ from this version's: raw tables are derived from
    the archive, so the loader refills it from the stored originals on the same run."""
    found = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [schema, table],
        ).fetchall()
    ]
    if found and found != [name for name, _ in columns]:
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
    # Tables refilled whole by the step that calls this (statistics values from the archive,
    # the rest mirrored from the state database): a table of an older version is recreated.
    for table, columns in (
        ("statistics_values", STATISTICS_COLUMNS),
        ("file_registry", FILE_REGISTRY_COLUMNS),
        ("intake_findings", INTAKE_FINDINGS_COLUMNS),
        ("period_events", PERIOD_EVENTS_COLUMNS),
        ("approval_events", APPROVAL_EVENTS_COLUMNS),
    ):
        _drop_if_columns_changed(con, "raw", table, columns)
    for table, columns in raw_tables().items():
        con.execute(_ddl("raw", table, columns))
    for table, columns in reference_tables().items():
        con.execute(_ddl("reference", table, columns))
        _add_missing_columns(con, "reference", table, columns)
