"""What is published: the tables of schema ``marts``, discovered, never listed by hand.

Marts are added by the dbt owner without touching publication, so every step reads the list
and the columns (name and DuckDB type, as ``information_schema`` spells it) from the database.
The type mappings live here so that PostgreSQL and Hyper agree on what a DuckDB type becomes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

MARTS_SCHEMA = "marts"
RELEASE_INFO_TABLE = "release_info"


class UnsupportedTypeError(ValueError):
    """A mart column has a type that a BI format cannot hold (a LIST, STRUCT, MAP…)."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB spelling, e.g. VARCHAR, DATE, DECIMAL(18,3)


@dataclass(frozen=True)
class MartSchema:
    name: str
    columns: tuple[Column, ...]

    def as_json(self) -> list[dict[str, str]]:
        return [{"name": c.name, "type": c.type} for c in self.columns]


def quote(identifier: str) -> str:
    """Double-quote an identifier (same rule in DuckDB, PostgreSQL and Hyper)."""
    return '"' + identifier.replace('"', '""') + '"'


def read_marts(con: duckdb.DuckDBPyConnection, catalog: str) -> list[MartSchema]:
    """The tables and views of ``<catalog>.marts`` with their columns in table order.

    Views are published as tables: the quality-issue register (``fct_data_quality_issue``) is
    a view over a table that Python keeps outside dbt, and BI must get it like any mart."""
    rows = con.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
        "JOIN information_schema.tables t ON t.table_catalog = c.table_catalog "
        " AND t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_catalog = ? AND c.table_schema = ? "
        "AND t.table_type IN ('BASE TABLE', 'VIEW') "
        "AND c.table_name <> ? ORDER BY c.table_name, c.ordinal_position",
        [catalog, MARTS_SCHEMA, RELEASE_INFO_TABLE],
    ).fetchall()
    marts: dict[str, list[Column]] = {}
    for table, column, data_type in rows:
        marts.setdefault(table, []).append(Column(column, data_type))
    return [MartSchema(name, tuple(columns)) for name, columns in marts.items()]


_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")

_POSTGRES_TYPES = {
    "VARCHAR": "text",
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "UTINYINT": "smallint",
    "SMALLINT": "smallint",
    "USMALLINT": "integer",
    "INTEGER": "integer",
    "UINTEGER": "bigint",
    "BIGINT": "bigint",
    "UBIGINT": "numeric(20,0)",
    "HUGEINT": "numeric(38,0)",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "DATE": "date",
    "TIME": "time without time zone",
    "TIMESTAMP": "timestamp without time zone",
    "TIMESTAMP WITH TIME ZONE": "timestamp with time zone",
    "INTERVAL": "interval",
    "UUID": "uuid",
    "BLOB": "bytea",
}


def decimal_parts(duckdb_type: str) -> tuple[int, int] | None:
    match = _DECIMAL.fullmatch(duckdb_type)
    return (int(match.group(1)), int(match.group(2))) if match else None


def postgres_type(mart: str, column: Column) -> str:
    """The PostgreSQL type (as ``format_type`` prints it) that holds a DuckDB column exactly."""
    parts = decimal_parts(column.type)
    if parts:
        return f"numeric({parts[0]},{parts[1]})"
    try:
        return _POSTGRES_TYPES[column.type]
    except KeyError:
        raise UnsupportedTypeError(
            f"marts.{mart}.{column.name} has type {column.type}, which publication cannot put "
            "in PostgreSQL, Hyper or CSV; cast it to a scalar type in the dbt model."
        ) from None
