"""The release's "data as of": the build's own input, read from the warehouse it publishes.

dbt records the moment the build's data are as of in ``marts.dim_period.data_as_of`` (model
``int_build__data_as_of``: the var ``data_as_of``/``$SPF_DATA_AS_OF``, else the receipt of the
latest accepted file). Publishing that value, rather than the warehouse file's modification
time, makes ``release_info`` agree with the period flags BI filters on, and keeps two builds of
the same archive identical. A warehouse built before the column existed falls back to the
file's modification time, as releases did before.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb

_QUERY = "SELECT max(data_as_of) FROM w.marts.dim_period"


def warehouse_data_as_of(warehouse: Path) -> datetime:
    """The build's data-as-of moment (naive UTC) recorded in the warehouse's ``dim_period``."""
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{str(warehouse).replace(chr(39), chr(39) * 2)}' AS w (READ_ONLY)")
        try:
            row = con.execute(_QUERY).fetchone()
        except duckdb.Error:
            row = None
    finally:
        con.close()
    if row and isinstance(row[0], datetime):
        return row[0].replace(tzinfo=None)
    return datetime.fromtimestamp(warehouse.stat().st_mtime, UTC).replace(tzinfo=None)
