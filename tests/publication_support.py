"""Helpers of the publication tests: a small fixture warehouse and readers for every format.

The fixture warehouse is a real DuckDB file with the schemas publication reads (``reference``
and ``marts``): the demo marts have no decimals, no formula-like texts and no internal
indicator, so this one has all of them, and a dbt-like manifest documenting it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from publication.checksums import column_checksums
from publication.settings import PublicationSettings

INTERNAL_KPI = "KPI-X"  # measured on the internal indicator SECRET
FORMULA_TEXTS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def build_warehouse(path: Path, extra_rows: int = 0) -> Path:
    """marts.dim_kpi, marts.mart_kpi_scorecard, marts.mart_typed, marts.fct_customs_statistics
    and reference.indicators (one indicator internal); ``extra_rows`` grows mart_typed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE SCHEMA reference; CREATE SCHEMA marts")
        con.execute(
            "CREATE TABLE reference.indicators AS SELECT * FROM (VALUES "
            "('OPEN', 'publishable'), ('SECRET', 'internal')) t(indicator_code, confidentiality)"
        )
        con.execute(
            "CREATE TABLE marts.dim_kpi AS SELECT * FROM (VALUES "
            "('KPI-A', 'Cases', 'return', NULL), ('KPI-B', 'Open stat', 'statistics', 'OPEN'), "
            f"('{INTERNAL_KPI}', 'Secret stat', 'statistics', 'SECRET')) "
            "t(kpi_code, name_en, source, indicator_code)"
        )
        con.execute(
            "CREATE TABLE marts.mart_kpi_scorecard AS SELECT k.kpi_code, p.period_code, "
            "CAST(p.q * 10.5 AS DOUBLE) AS actual_value, 'green' AS rag_status "
            "FROM marts.dim_kpi k, (VALUES ('2025-26-Q1', 1), ('2025-26-Q2', 2)) p(period_code, q)"
        )
        con.execute(
            "CREATE TABLE marts.fct_customs_statistics AS SELECT * FROM (VALUES "
            "('FRA', 'SECRET', 2024, 12.0), ('BEL', 'OPEN', 2024, 3.5)) "
            "t(member_code, indicator_code, statistics_year, value)"
        )
        con.execute(
            """
            CREATE TABLE marts.mart_typed (
                row_key VARCHAR, amount DECIMAL(18,3), big_amount DECIMAL(38,4),
                event_date DATE, loaded_at TIMESTAMP, flag BOOLEAN, quantity BIGINT,
                small INTEGER, ratio DOUBLE, label VARCHAR
            )
            """
        )
        rows: list[tuple[Any, ...]] = [
            (
                "r1",
                Decimal("1234.500"),
                Decimal("12345678901234567890.1234"),
                "2025-07-01",
                "2025-10-01 12:34:56.789",
                True,
                9_000_000_000,
                7,
                -12.5,
                FORMULA_TEXTS[0],
            ),
            (
                "r2",
                Decimal("-0.125"),
                None,
                "2025-12-31",
                None,
                False,
                -1,
                None,
                0.1,
                'Délai à l\'importation, "guillemets"\nligne 2',
            ),
            ("r3", None, Decimal("0.0001"), None, "2026-01-01 00:00:00", None, None, 0, None, None),
        ]
        rows += [
            (f"f{i}", None, None, None, None, None, i, i, -1.5 * i, text)
            for i, text in enumerate(FORMULA_TEXTS[1:])
        ]
        rows += [
            (f"x{i}", Decimal(i) / 8, None, None, None, i % 2 == 0, i, i, i / 3, f"n{i}")
            for i in range(extra_rows)
        ]
        con.executemany("INSERT INTO marts.mart_typed VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    finally:
        con.close()
    return path


def write_dbt_manifest(path: Path) -> Path:
    """A dbt manifest documenting the fixture marts (some FR labels on purpose missing)."""

    def model(name: str, description: str, columns: dict[str, dict], **extra: Any) -> dict:
        return {
            "unique_id": f"model.spf.{name}",
            "resource_type": "model",
            "name": name,
            "alias": name,
            "description": description,
            "meta": extra.get("meta", {}),
            "config": {"meta": {}},
            "primary_key": extra.get("primary_key", []),
            "columns": {
                c: {
                    "name": c,
                    "description": d.get("description", ""),
                    "meta": d.get("meta", {}),
                    "config": {"meta": {}},
                }
                for c, d in columns.items()
            },
        }

    nodes = {
        "model.spf.dim_kpi": model(
            "dim_kpi",
            "Key performance indicators, one row per KPI.",
            {
                "kpi_code": {
                    "description": "Code of the KPI.",
                    "meta": {"label_fr": "Code de l'ICP"},
                },
                "indicator_code": {"description": "Indicator behind a statistics KPI."},
            },
            primary_key=["kpi_code"],
            meta={
                "label_fr": "Indicateurs clés",
                "grain": "One row per KPI",
                "grain_fr": "Une ligne par ICP",
            },
        ),
        "model.spf.mart_kpi_scorecard": model(
            "mart_kpi_scorecard",
            "KPI values per period.",
            {
                "kpi_code": {"description": "=cmd|' /C calc'!A0"},
                "actual_value": {"description": "Value of the KPI in the period."},
            },
        ),
        "model.spf.mart_typed": model(
            "mart_typed",
            "Every type publication must keep.",
            {"amount": {"description": "An amount with three decimals."}},
            primary_key=["row_key"],
        ),
        "test.spf.unique_scorecard": {
            "resource_type": "test",
            "attached_node": "model.spf.mart_kpi_scorecard",
            "column_name": None,
            "test_metadata": {
                "name": "unique_combination_of_columns",
                "kwargs": {"combination_of_columns": ["kpi_code", "period_code"]},
            },
        },
        "test.spf.rel_scorecard_kpi": {
            "resource_type": "test",
            "attached_node": "model.spf.mart_kpi_scorecard",
            "column_name": "kpi_code",
            "test_metadata": {
                "name": "relationships",
                "kwargs": {"to": "ref('dim_kpi')", "field": "kpi_code"},
            },
        },
    }
    path.write_text(json.dumps({"nodes": nodes}), encoding="utf-8")
    return path


def settings(tmp: Path, **overrides: Any) -> PublicationSettings:
    """Settings with no PostgreSQL and an empty acknowledgement file (env var still read)."""
    ack = tmp / "acknowledged_changes.yaml"
    if not ack.exists():
        ack.write_text("acknowledged: []\n", encoding="utf-8")
    return PublicationSettings(acknowledged_file=ack, **overrides)


def warehouse_marts(path: Path) -> dict[str, dict[str, Any]]:
    """For each mart of a warehouse: column types, row count, per-column checksums."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return read_duckdb_marts(con, "marts")
    finally:
        con.close()


def read_duckdb_marts(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, dict[str, Any]]:
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
            "AND table_type IN ('BASE TABLE', 'VIEW') AND table_name <> 'release_info'",
            [schema],
        ).fetchall()
    ]
    result = {}
    for table in tables:
        types = dict(
            con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                [schema, table],
            ).fetchall()
        )
        rows = con.execute(f'SELECT * FROM {schema}."{table}"').fetchall()
        result[table] = {
            "types": types,
            "rows": len(rows),
            "checksums": column_checksums(list(types), rows),
            "data": rows,
        }
    return result
