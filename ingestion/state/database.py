"""Connections to the platform's SQLite state database, shared by its two users.

Intake (``ingestion.state.registry``) and alerts (``alerts.state``) keep their own tables in the
same file, ``$SPF_HOME/state/state.sqlite``. Both open a connection per operation and close it at
once: the sensor, the run worker and the steward's commands are separate processes, and SQLite
serialises their writes (each waits up to 30 s for another to finish).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

LOCK_TIMEOUT_S = 30


def iso(value: datetime) -> str:
    """Timestamps are stored as ISO text with seconds, so that they sort as text."""
    return value.isoformat(timespec="seconds")


class StateDatabase:
    """Short-lived connections to the state database; subclasses give their tables' schema.

    Each ``connect()`` block is one transaction: committed on leaving it, rolled back if it
    raises, and the connection closed either way."""

    schema = ""
    rows_by_name = False  # rows as sqlite3.Row (columns by name) rather than tuples

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as con:
            con.executescript(self.schema)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT_S)
        if self.rows_by_name:
            con.row_factory = sqlite3.Row
        try:
            with con:
                yield con
        finally:
            con.close()
