"""A damaged warehouse is recognised as such, and put aside: it is derived, so it is rebuilt.

DuckDB reports a truncated or overwritten file as ``IO Error: Could not read enough bytes`` or
as not a DuckDB file, which says nothing of what to do. The warehouse holds nothing that the
archived originals, the registers and the state database cannot give back, so a run that finds
it damaged moves it aside (kept, for analysis) and builds a new one from the archive.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb


def _locked(exc: duckdb.Error) -> bool:
    """A writer holds the file: it is busy, not damaged."""
    text = str(exc).lower()
    return ("lock" in text and "conflicting" in text) or "could not set lock" in text


def warehouse_damage(warehouse: Path) -> str | None:
    """Why the warehouse cannot be opened, or None if it opens (or is missing, or locked)."""
    if not warehouse.exists():
        return None
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        if _locked(exc):
            return None
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    try:
        con.execute("SELECT count(*) FROM information_schema.tables").fetchall()
    except duckdb.Error as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        con.close()
    return None


def move_aside(warehouse: Path, now: datetime | None = None) -> Path:
    """Rename the damaged file (and its write-ahead log) so that a new one is built."""
    now = now or datetime.now(UTC)
    target = warehouse.with_name(f"{warehouse.name}.damaged-{now:%Y%m%dT%H%M%SZ}")
    os.replace(warehouse, target)
    wal = warehouse.with_name(warehouse.name + ".wal")
    if wal.exists():
        os.replace(wal, target.with_name(target.name + ".wal"))
    return target
