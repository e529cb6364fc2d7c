"""Per-column checksums that any reader can recompute from the values, whatever the engine.

The manifest gives, for each mart and column, the row count and a checksum of the column's
values; the tests (and a suspicious BI developer) recompute it from what DuckDB, pyarrow, Hyper,
PostgreSQL or a CSV reader hand back. So the checksum is defined on Python values, not on an
engine's hash function: each value is written in a canonical text (type letter + value; decimals
without trailing zeros, floats by ``repr``, timestamps in ISO form) and the 64-bit prefixes of
their SHA-256 are added modulo 2**64, which ignores row order.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

_MASK = (1 << 64) - 1


def canonical(value: Any) -> str:
    """The text a value is hashed as; equal values from different engines give equal texts."""
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "b1" if value else "b0"
    if isinstance(value, int):
        return f"i{value}"
    if isinstance(value, float):
        if math.isnan(value):
            return "fnan"
        return f"f{value + 0.0!r}"  # -0.0 is 0.0 (DuckDB's sort normalises it too)
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value else "0"
        return f"n{text}"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return f"T{value.isoformat()}"
    if isinstance(value, date):
        return f"D{value.isoformat()}"
    if isinstance(value, time):
        return f"t{value.isoformat()}"
    if isinstance(value, timedelta):
        return f"p{value // timedelta(microseconds=1)}"
    if isinstance(value, str):
        return f"s{value}"
    if isinstance(value, bytes | bytearray | memoryview):
        return f"x{bytes(value).hex()}"
    if isinstance(value, uuid.UUID):
        return f"u{value}"
    raise TypeError(f"no canonical form for {type(value).__name__}: {value!r}")


def column_checksums(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> dict[str, str]:
    """``{column: 16 hex digits}`` over all rows, independent of their order."""
    sums = [0] * len(columns)
    for row in rows:
        for index, value in enumerate(row):
            digest = hashlib.sha256(canonical(value).encode("utf-8")).digest()
            sums[index] = (sums[index] + int.from_bytes(digest[:8], "big")) & _MASK
    return {name: f"{total:016x}" for name, total in zip(columns, sums, strict=True)}
