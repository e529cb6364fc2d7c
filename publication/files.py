"""The file formats of a release, all written from the audience's serving DuckDB file.

Building every format from the one serving file (rather than from the live warehouse) means
the DuckDB file, the Parquet and CSV files and the Hyper extracts of a release hold the same
rows, and that a previous release can be reloaded into PostgreSQL from its own serving file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from ingestion.xlsx.safety import inert
from publication.audiences import AudienceConfig
from publication.checksums import column_checksums
from publication.marts import MARTS_SCHEMA, RELEASE_INFO_TABLE, MartSchema, quote, read_marts

SERVING_FILE = "spf_marts.duckdb"
UTF8_BOM = b"\xef\xbb\xbf"


class AudienceRuleError(RuntimeError):
    """An audience predicate failed in the warehouse; names the mart, the audience, the SQL."""


@dataclass(frozen=True)
class ReleaseStamp:
    release_id: str
    data_as_of: datetime  # naive UTC
    published_at: datetime  # naive UTC
    source_run: str


@dataclass(frozen=True)
class MartStats:
    rows: int
    checksums: dict[str, str]


def build_serving_file(
    warehouse: Path,
    target: Path,
    audience: str,
    config: AudienceConfig,
    stamp: ReleaseStamp,
) -> list[MartSchema]:
    """Copy the marts an audience may see, filtered by its rules, into a new DuckDB file.

    Predicates run with the warehouse as the default catalog, so they can read
    ``reference.*`` and ``marts.*`` as in the warehouse itself. Rows are ordered so that the
    same marts give the same files.
    """
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {_literal(warehouse)} AS warehouse (READ_ONLY)")
        con.execute(f"ATTACH {_literal(target)} AS release")
        con.execute("USE warehouse")
        published = []
        con.execute(f"CREATE SCHEMA release.{MARTS_SCHEMA}")
        for mart in read_marts(con, "warehouse"):
            rule = config.rule(mart.name, audience)
            if not rule.included:
                continue
            where = f" WHERE ({rule.where})" if rule.where else ""
            try:
                con.execute(
                    f"CREATE TABLE release.{MARTS_SCHEMA}.{quote(mart.name)} AS "
                    f"SELECT * FROM {MARTS_SCHEMA}.{quote(mart.name)}{where} ORDER BY ALL"
                )
            except duckdb.Error as exc:
                raise AudienceRuleError(
                    f"The rule of audience '{audience}' for mart {mart.name} failed in the "
                    f"warehouse ({config.source}): {exc}\nPredicate: {rule.where}"
                ) from exc
            published.append(mart)
        con.execute(
            f"CREATE TABLE release.{MARTS_SCHEMA}.{RELEASE_INFO_TABLE} ("
            "release_id VARCHAR, audience VARCHAR, data_as_of TIMESTAMP, "
            "published_at TIMESTAMP, source_run VARCHAR)"
        )
        con.execute(
            f"INSERT INTO release.{MARTS_SCHEMA}.{RELEASE_INFO_TABLE} VALUES (?, ?, ?, ?, ?)",
            [stamp.release_id, audience, stamp.data_as_of, stamp.published_at, stamp.source_run],
        )
        con.execute("USE memory")
        con.execute("DETACH warehouse")
        con.execute("CHECKPOINT release")
        con.execute("DETACH release")
    finally:
        con.close()
    return published


def mart_stats(serving: Path, marts: list[MartSchema]) -> dict[str, MartStats]:
    """Row count and per-column checksums of each mart, as published."""
    con = duckdb.connect(str(serving), read_only=True)
    try:
        stats = {}
        for mart in marts:
            rows = con.execute(f"SELECT * FROM {MARTS_SCHEMA}.{quote(mart.name)}").fetchall()
            names = [c.name for c in mart.columns]
            stats[mart.name] = MartStats(len(rows), column_checksums(names, rows))
        return stats
    finally:
        con.close()


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _inert_text(value: str) -> str:
    return inert(value)


def _kv_metadata(values: Mapping[str, str] | None) -> str:
    """DuckDB's ``KV_METADATA {key: 'value', ...}`` copy option, or nothing."""
    if not values:
        return ""
    pairs = ", ".join(f"{key}: {_literal(value)}" for key, value in sorted(values.items()))
    return f", KV_METADATA {{{pairs}}}"


def write_parquet_and_csv(
    serving: Path,
    marts: list[MartSchema],
    root: Path,
    metadata: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Path]:
    """``parquet/<mart>.parquet`` (types kept) and ``csv/<mart>.csv`` (for Excel) under root.

    ``metadata`` gives, per mart, the Parquet key-value metadata to write in the file's footer
    (release id, data as of, description): Power BI, pandas and pyarrow read it with the data.

    CSV cells of text columns go through ``ingestion.xlsx.safety.inert`` (a DuckDB function
    here), so a value such as ``=HYPERLINK(…)`` opens as text in Excel; numbers are written as
    numbers and never touched. The file starts with a UTF-8 byte-order mark, without which
    Excel reads UTF-8 as the local code page and garbles French accents.
    """
    (root / "parquet").mkdir(parents=True, exist_ok=True)
    (root / "csv").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    con = duckdb.connect(str(serving), read_only=True)
    try:
        con.create_function("spf_inert", _inert_text, ["VARCHAR"], "VARCHAR")
        for mart in marts:
            table = f"{MARTS_SCHEMA}.{quote(mart.name)}"
            parquet = root / "parquet" / f"{mart.name}.parquet"
            kv = _kv_metadata((metadata or {}).get(mart.name))
            con.execute(
                f"COPY (SELECT * FROM {table}) TO {_literal(parquet)} "
                f"(FORMAT parquet, COMPRESSION zstd{kv})"
            )
            written.append(parquet)
            select = ", ".join(
                f"spf_inert({quote(c.name)}) AS {quote(c.name)}"
                if c.type == "VARCHAR"
                else quote(c.name)
                for c in mart.columns
            )
            csv = root / "csv" / f"{mart.name}.csv"
            plain = csv.with_suffix(".nobom")
            con.execute(
                f"COPY (SELECT {select} FROM {table}) TO {_literal(plain)} "
                "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"')"
            )
            with csv.open("wb") as out, plain.open("rb") as source:
                out.write(UTF8_BOM)
                while chunk := source.read(1 << 20):
                    out.write(chunk)
            plain.unlink()
            written.append(csv)
    finally:
        con.close()
    return written
