"""The previous period's accepted values, read from the warehouse for the return templates.

A Directorate fills its return faster and more consistently when it sees what it reported last
quarter. Those values are in ``raw.return_*`` (accepted files only: the loader drops the rows of
a file that is no longer accepted). The warehouse is opened read-only and is optional: it may not
exist yet, lack the tables, or be locked by a run that is writing it; then the reference columns
are simply left empty and the reason is kept in ``PreviousValues.note``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingestion.returns.layout import ReturnLayout, load_layout
from ingestion.warehouse.connection import (
    Connection,
    MissingTableError,
    open_read_only_when_free,
)


@dataclass(frozen=True)
class PreviousValues:
    """What one Directorate reported for one period: sheet name -> rows (loaded columns)."""

    period_code: str | None
    file_id: str | None = None
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    note: str = ""

    def sheet(self, name: str) -> list[dict[str, Any]]:
        return self.rows.get(name, [])


_LATEST_FILE = """
    SELECT file_id FROM raw.return_files
    WHERE directorate_code = ? AND period_code = ?
    ORDER BY received_at DESC, loaded_at DESC, file_id DESC
    LIMIT 1
"""


def _read_one(
    con: Connection, layout: ReturnLayout, directorate: str, period_code: str
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
    con = open_read_only_when_free(warehouse)
    if isinstance(con, str):
        return {code: PreviousValues(period_code, note=con) for code in codes}
    try:
        return {code: _read_one(con, layout, code, period_code) for code in codes}
    except MissingTableError:
        return {code: PreviousValues(period_code, note="no returns loaded yet") for code in codes}
    finally:
        con.close()
