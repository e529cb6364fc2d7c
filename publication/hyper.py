"""Tableau Hyper extracts, one per mart, written by Tableau's own engine (``tableauhyperapi``).

Each extract holds one table, ``"Extract"."Extract"``, the name Tableau Desktop opens without
asking. The table is created with explicit Hyper types mapped from the DuckDB types (so dates
stay dates and decimals keep their precision and scale), then filled from the mart's Parquet
file by Hyper's ``COPY``, which is fast and never goes through Python values.
"""

from __future__ import annotations

from pathlib import Path

from publication.marts import Column, MartSchema, UnsupportedTypeError, decimal_parts

HYPER_TABLE = ("Extract", "Extract")
_HYPER_LOG_PARAMETERS = {"log_config": ""}  # no hyperd.log next to the caller


def hyper_type(mart: str, column: Column):  # -> tableauhyperapi.SqlType
    from tableauhyperapi import SqlType

    parts = decimal_parts(column.type)
    if parts:
        return SqlType.numeric(*parts)
    simple = {
        "VARCHAR": SqlType.text,
        "BOOLEAN": SqlType.bool,
        "TINYINT": SqlType.small_int,
        "UTINYINT": SqlType.small_int,
        "SMALLINT": SqlType.small_int,
        "USMALLINT": SqlType.int,
        "INTEGER": SqlType.int,
        "UINTEGER": SqlType.big_int,
        "BIGINT": SqlType.big_int,
        "FLOAT": SqlType.double,
        "DOUBLE": SqlType.double,
        "DATE": SqlType.date,
        "TIME": SqlType.time,
        "TIMESTAMP": SqlType.timestamp,
        "TIMESTAMP WITH TIME ZONE": SqlType.timestamp_tz,
        "INTERVAL": SqlType.interval,
        "BLOB": SqlType.bytes,
    }
    if column.type in simple:
        return simple[column.type]()
    if column.type in ("HUGEINT", "UBIGINT"):
        return SqlType.numeric(38 if column.type == "HUGEINT" else 20, 0)
    raise UnsupportedTypeError(
        f"marts.{mart}.{column.name} has type {column.type}, which has no Hyper equivalent; "
        "cast it to a scalar type in the dbt model."
    )


def _needs_128_bit(mart: MartSchema) -> bool:
    return any((decimal_parts(c.type) or (0, 0))[0] > 18 for c in mart.columns) or any(
        c.type in ("HUGEINT", "UBIGINT") for c in mart.columns
    )


def write_hyper_extracts(marts: list[MartSchema], parquet_dir: Path, hyper_dir: Path) -> list[Path]:
    """``hyper/<mart>.hyper`` for each mart, from ``parquet/<mart>.parquet``.

    Files are written with Hyper's default database version, readable by older Tableau
    releases; only a mart with decimals of more than 18 digits gets version 3 (128-bit
    numerics, Tableau 2022.4.1 and later).
    """
    from tableauhyperapi import (
        Connection,
        CreateMode,
        HyperProcess,
        TableDefinition,
        TableName,
        Telemetry,
        escape_name,
        escape_string_literal,
    )

    hyper_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with HyperProcess(
        Telemetry.DO_NOT_SEND_USAGE_DATA_TO_TABLEAU, parameters=_HYPER_LOG_PARAMETERS
    ) as hyper:
        for mart in marts:
            path = hyper_dir / f"{mart.name}.hyper"
            path.unlink(missing_ok=True)
            if _needs_128_bit(mart):
                with Connection(hyper.endpoint) as con:
                    con.execute_command(f"CREATE DATABASE {escape_name(str(path))} WITH VERSION 3")
                mode = CreateMode.NONE
            else:
                mode = CreateMode.CREATE_AND_REPLACE
            table = TableDefinition(
                TableName(*HYPER_TABLE),
                [TableDefinition.Column(c.name, hyper_type(mart.name, c)) for c in mart.columns],
            )
            with Connection(hyper.endpoint, str(path), mode) as con:
                con.catalog.create_schema_if_not_exists(HYPER_TABLE[0])
                con.catalog.create_table(table)
                parquet = parquet_dir / f"{mart.name}.parquet"
                con.execute_command(
                    f"COPY {table.table_name} FROM {escape_string_literal(str(parquet))} "
                    "WITH (FORMAT => 'parquet')"
                )
            written.append(path)
    return written
