"""What the tests that build the dbt project on another warehouse share.

The demo is built once per test worker as `make run` builds it (DuckDB); its raw and reference
tables are what the other warehouse starts from, and its marts what it must give back.
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb

from publication.marts import Column

INPUT_SCHEMAS = ("raw", "reference")
CLEAN = {"success", "pass", "warn"}  # warn: the data rules that only warn (demo flaws)


def tables(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[Column]]:
    """Base tables of ``schema`` with their columns, in order."""
    rows = con.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
        "JOIN information_schema.tables t USING (table_catalog, table_schema, table_name) "
        "WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE' "
        "ORDER BY c.table_name, c.ordinal_position",
        [schema],
    ).fetchall()
    found: dict[str, list[Column]] = {}
    for table, column, data_type in rows:
        found.setdefault(table, []).append(Column(column, data_type))
    return found


def _on_two_decimals(value: float) -> bool:
    return abs(value * 100 - round(value * 100)) < 1e-6


def same(left: object, right: object) -> bool:
    """Equal values; floating point sums may differ in the last bits between engines, and a
    figure rounded to its declared two decimals is rounded through a decimal on every engine
    (macro round_to_decimals), so 4.275 is 4.28 everywhere; a residual difference of one in the
    last decimal (a value computed slightly differently before rounding) is bounded here."""
    if isinstance(left, float) and isinstance(right, float):
        if math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9):
            return True
        return _on_two_decimals(left) and _on_two_decimals(right) and abs(left - right) < 0.0101
    return left == right


def assert_same_rows(table: str, expected: list[tuple], found: list[tuple]) -> None:
    """The same rows, whatever their order."""
    expected, found = sorted(expected, key=repr), sorted(found, key=repr)
    assert len(found) == len(expected), table
    for want, got in zip(expected, found, strict=True):
        assert all(same(w, g) for w, g in zip(want, got, strict=True)), (table, want, got)


def failed_nodes(results: dict) -> dict[str, str]:
    """Nodes of a dbt run_results.json that did not pass (exposures have nothing to build)."""
    statuses = node_statuses(results)
    return {node: status for node, status in statuses.items() if status not in CLEAN}


def node_statuses(results: dict) -> dict[str, str]:
    return {
        r["unique_id"]: r["status"]
        for r in results["results"]
        if not r["unique_id"].startswith("exposure.")
    }


def export_inputs(warehouse: Path, folder: Path) -> int:
    """The raw and reference tables of ``warehouse`` as ``folder/<schema>__<table>.parquet``.

    TIME columns (the Directorates' quiet hours, which dbt does not read) are written as text:
    Spark has no time-of-day type."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        written = 0
        for schema in INPUT_SCHEMAS:
            for table, columns in tables(con, schema).items():
                select = ", ".join(
                    f'CAST("{c.name}" AS VARCHAR) AS "{c.name}"'
                    if c.type == "TIME"
                    else f'"{c.name}"'
                    for c in columns
                )
                target = folder / f"{schema}__{table}.parquet"
                con.execute(
                    f"COPY (SELECT {select} FROM {schema}.\"{table}\") TO '{target}' "
                    "(FORMAT parquet)"
                )
                written += 1
        return written
    finally:
        con.close()
