"""The previous period's accepted values, read from the warehouse for the return templates.

A Directorate fills its return faster and more consistently when it sees what it reported last
quarter. Those values are in ``raw.return_*`` (accepted files only: the loader drops the rows of
a file that is no longer accepted). The warehouse is opened read-only and is optional: it may not
exist yet, lack the tables, or be locked by a run that is writing it; then the reference columns
are simply left empty and the reason is kept in ``PreviousValues.note``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ingestion.returns.layout import ReturnLayout, load_layout


@dataclass(frozen=True)
class PreviousValues:
    """What one Directorate reported for one period: sheet name -> rows (loaded columns)."""

    period_code: str | None
    file_id: str | None = None
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    note: str = ""

    def sheet(self, name: str) -> list[dict[str, Any]]:
        return self.rows.get(name, [])


LOCK_ATTEMPTS = 5
LOCK_WAIT_SECONDS = 2.0

_LATEST_FILE = """
    SELECT file_id FROM raw.return_files
    WHERE directorate_code = ? AND period_code = ?
    ORDER BY received_at DESC, loaded_at DESC, file_id DESC
    LIMIT 1
"""


def _read_one(
    con: duckdb.DuckDBPyConnection, layout: ReturnLayout, directorate: str, period_code: str
) -> PreviousValues:
    found = con.execute(_LATEST_FILE, [directorate, period_code]).fetchone()
    if found is None:
        return PreviousValues(period_code, note=f"no accepted return for {period_code}")
    file_id = str(found[0])
    rows: dict[str, list[dict[str, Any]]] = {}
    for spec in layout.sheets:
        columns = [c.name for c in spec.loaded_columns]
        quoted = ", ".join(f'"{c}"' for c in columns)
        result = con.execute(
            f'SELECT {quoted} FROM raw."{spec.table}" WHERE file_id = ? ORDER BY source_row',
            [file_id],
        ).fetchall()
        rows[spec.name] = [dict(zip(columns, values, strict=True)) for values in result]
    return PreviousValues(period_code, file_id, rows)


def _connect_read_only(
    warehouse: Path, attempts: int = LOCK_ATTEMPTS
) -> duckdb.DuckDBPyConnection | str:
    """A read-only connection, or why there is none.

    A run writing the warehouse holds DuckDB's file lock for a few seconds at a time, so a
    locked file is tried again before the templates go out without previous values.
    """
    for attempt in range(attempts):
        try:
            return duckdb.connect(str(warehouse), read_only=True)
        except duckdb.Error as exc:  # locked by a writer, or opened otherwise in this process
            if attempt == attempts - 1:
                return f"warehouse unavailable ({type(exc).__name__}: {str(exc)[:120]})"
            time.sleep(LOCK_WAIT_SECONDS)
    return "warehouse unavailable"


def read_previous_values(
    warehouse: Path,
    period_code: str | None,
    directorates: Iterable[str],
    layout: ReturnLayout | None = None,
) -> dict[str, PreviousValues]:
    """Latest accepted return of ``period_code`` for each Directorate; never raises.

    ``period_code`` None (the first period of the calendar) gives empty values.
    """
    layout = layout or load_layout()
    codes = list(directorates)
    if period_code is None:
        return {code: PreviousValues(None, note="no previous period") for code in codes}
    if not warehouse.exists():
        return {code: PreviousValues(period_code, note="no warehouse yet") for code in codes}
    con = _connect_read_only(warehouse)
    if isinstance(con, str):
        return {code: PreviousValues(period_code, note=con) for code in codes}
    try:
        return {code: _read_one(con, layout, code, period_code) for code in codes}
    except duckdb.CatalogException:
        return {code: PreviousValues(period_code, note="no returns loaded yet") for code in codes}
    finally:
        con.close()
