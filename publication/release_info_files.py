"""release_info beside the marts in every format, and the Parquet footer metadata of a release.

BI tools that read the Parquet files or the Hyper extracts, not the DuckDB file, must still be
able to say which release and which *data as of* a figure comes from: so ``release_info`` is
also written as ``parquet/release_info.parquet`` and ``hyper/release_info.hyper``, and every
Parquet file carries in its key-value metadata the release id, the audience, the data-as-of
moment and the mart's description (what pyarrow, pandas and Power BI show as file metadata).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from publication.files import ReleaseStamp, _kv_metadata, _literal
from publication.hyper import write_hyper_extracts
from publication.marts import MARTS_SCHEMA, RELEASE_INFO_TABLE, Column, MartSchema

RELEASE_INFO_SCHEMA = MartSchema(
    RELEASE_INFO_TABLE,
    (
        Column("release_id", "VARCHAR"),
        Column("audience", "VARCHAR"),
        Column("data_as_of", "TIMESTAMP"),
        Column("published_at", "TIMESTAMP"),
        Column("source_run", "VARCHAR"),
    ),
)
RELEASE_INFO_DESCRIPTION = (
    "The release these files belong to: release id, audience, the moment the data are as of "
    "(the build's input, UTC), when it was published and the pipeline run that built it."
)


def release_metadata(
    stamp: ReleaseStamp,
    audience: str,
    marts: list[MartSchema],
    texts: dict[str, tuple[str, dict[str, str]]],
) -> dict[str, dict[str, str]]:
    """Per table (every mart and release_info), the Parquet key-value metadata to write."""
    common = {
        "spf_release_id": stamp.release_id,
        "spf_audience": audience,
        "spf_data_as_of": stamp.data_as_of.isoformat() + "Z",
    }
    metadata = {
        m.name: {**common, "spf_table": m.name, "spf_description": texts.get(m.name, ("", {}))[0]}
        for m in marts
    }
    metadata[RELEASE_INFO_TABLE] = {
        **common,
        "spf_table": RELEASE_INFO_TABLE,
        "spf_description": RELEASE_INFO_DESCRIPTION,
    }
    return metadata


def write_release_info_files(serving: Path, root: Path, metadata: dict[str, str]) -> list[Path]:
    """``parquet/release_info.parquet`` and ``hyper/release_info.hyper`` from the serving file."""
    parquet = root / "parquet" / f"{RELEASE_INFO_TABLE}.parquet"
    con = duckdb.connect(str(serving), read_only=True)
    try:
        con.execute(
            f"COPY (SELECT * FROM {MARTS_SCHEMA}.{RELEASE_INFO_TABLE}) TO {_literal(parquet)} "
            f"(FORMAT parquet, COMPRESSION zstd{_kv_metadata(metadata)})"
        )
    finally:
        con.close()
    hyper = write_hyper_extracts([RELEASE_INFO_SCHEMA], root / "parquet", root / "hyper")
    return [parquet, *hyper]
