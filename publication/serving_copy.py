"""The serving copy of the marts that BI tools read, never the live warehouse.

DuckDB allows one writer: a Power BI or Tableau connection left open on the warehouse would
block the pipeline. After each successful refresh the ``marts`` schema is copied into a new file
under a temporary name and atomically renamed over ``published/spf_marts.duckdb``, so a reader
holding the previous file open keeps reading it undisturbed and nobody sees a half-written one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

SERVING_FILE = "spf_marts.duckdb"


@dataclass(frozen=True)
class Release:
    release_id: str
    path: Path
    row_counts: dict[str, int]


def publish_serving_copy(warehouse: Path, published_dir: Path, source_run: str) -> Release:
    published_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC).replace(microsecond=0)
    release_id = now.strftime("%Y%m%dT%H%M%SZ")
    temporary = published_dir / f".{SERVING_FILE}.{release_id}.{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    con = duckdb.connect(str(temporary))
    try:
        con.execute(f"ATTACH '{warehouse}' AS warehouse (READ_ONLY)")
        tables = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = "
                "'warehouse' AND table_schema = 'marts' AND table_type = 'BASE TABLE' "
                "ORDER BY table_name"
            ).fetchall()
        ]
        con.execute("CREATE SCHEMA marts")
        for table in tables:
            con.execute(f'CREATE TABLE marts."{table}" AS SELECT * FROM warehouse.marts."{table}"')
            counts[table] = con.execute(f'SELECT count(*) FROM marts."{table}"').fetchone()[0]
        con.execute(
            "CREATE TABLE marts.release_info AS SELECT ? AS release_id, "
            "CAST(? AS TIMESTAMP) AS data_as_of, ? AS source_run",
            [release_id, now.replace(tzinfo=None), source_run],
        )
        con.execute("DETACH warehouse")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    target = published_dir / SERVING_FILE
    os.replace(temporary, target)
    return Release(release_id=release_id, path=target, row_counts=counts)
