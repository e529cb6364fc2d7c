"""The alerts' own tables in the platform's SQLite state database (``paths.state_db``).

They live beside the file registry, outside the warehouse, so that first-seen dates, what was
already notified and what was already sent survive a full refresh or a rebuilt warehouse.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

SCHEMA = """
create table if not exists alert_issues (
    fingerprint text primary key,
    owner_code text not null,
    source text not null,
    severity text not null,
    rule text not null,
    location text not null,
    object_key text not null,
    message_en text not null,
    message_fr text not null,
    fix_en text not null,
    fix_fr text not null,
    first_seen_at text not null,
    last_seen_at text not null,
    resolved_at text,
    notified_at text,
    resolution_notified_at text
);
create table if not exists alert_outbox (
    idempotency_key text primary key,
    message_id text not null unique,
    owner_code text not null,
    event_type text not null,
    recipients text not null,
    subject text not null,
    message_bytes blob not null,
    status text not null,
    attempts integer not null default 0,
    last_error text,
    created_at text not null,
    sent_at text,
    reported_at text
);
"""


def iso(value: datetime | None) -> str | None:
    """Timestamps are stored as UTC ISO text with seconds, so they sort as text."""
    return None if value is None else value.isoformat(timespec="seconds")


def parse(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


class AlertStore:
    """Short-lived connections to the state database, as ``ingestion.state.StateStore``."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as con:
            con.executescript(SCHEMA)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=30)
        con.row_factory = sqlite3.Row
        try:
            with con:
                yield con
        finally:
            con.close()
