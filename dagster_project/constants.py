"""Names shared by the Dagster wiring."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt"

# Every process that writes the DuckDB warehouse (ingestion and dbt) and publication, which reads
# it, take a slot of this pool; dagster.yaml gives it one slot. DuckDB allows one writer.
DUCKDB_POOL = "duckdb_writer"
REFRESH_JOB = "refresh_all"
