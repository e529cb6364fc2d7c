"""Opening the warehouse, and the names other packages use for its connection and errors.

The warehouse is opened here, in publication (which writes the serving files) and in the Dagster
resources, nowhere else (``tests/test_import_boundaries.py``). Other packages receive a
connection or ask this module for one, so that the engine is named in one place.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

Connection = duckdb.DuckDBPyConnection
WarehouseError = duckdb.Error
MissingTableError = duckdb.CatalogException  # a schema or table not created yet
UnavailableError = duckdb.IOException  # locked by a writer, or not a readable warehouse

# A run writing the warehouse holds DuckDB's file lock for a few seconds at a time.
LOCK_ATTEMPTS = 5
LOCK_WAIT_SECONDS = 2.0


def open_warehouse(warehouse: Path, read_only: bool = False) -> Connection:
    """A connection to the warehouse file (created if missing, unless ``read_only``)."""
    return duckdb.connect(str(warehouse), read_only=read_only)


def open_read_only_when_free(
    warehouse: Path, attempts: int = LOCK_ATTEMPTS, wait_seconds: float = LOCK_WAIT_SECONDS
) -> Connection | str:
    """A read-only connection, or why there is none: a locked file is tried again a few times
    before the caller goes on without the warehouse."""
    for attempt in range(attempts):
        try:
            return open_warehouse(warehouse, read_only=True)
        except duckdb.Error as exc:  # locked by a writer, or opened otherwise in this process
            if attempt == attempts - 1:
                return f"warehouse unavailable ({type(exc).__name__}: {str(exc)[:120]})"
            time.sleep(wait_seconds)
    return "warehouse unavailable"
