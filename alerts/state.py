"""The alerts' own tables in the platform's SQLite state database (``paths.state_db``).

They live beside the file registry, outside the warehouse, so that first-seen dates, what was
already notified and what was already sent survive a full refresh or a rebuilt warehouse.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ingestion.state.database import StateDatabase
from ingestion.state.database import iso as iso_seconds

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
    reported_at text,
    reported_in text,
    acknowledged_at text
);
"""


def iso(value: datetime | None) -> str | None:
    """Timestamps are stored as UTC ISO text with seconds, so they sort as text."""
    return None if value is None else iso_seconds(value)


def parse(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


class AlertStore(StateDatabase):
    """The alerts' tables in the state database (rows by column name)."""

    schema = SCHEMA
    rows_by_name = True

    def __init__(self, path: Path):
        super().__init__(path)
        from alerts.failures import add_columns

        with self.connect() as con:
            add_columns(con)
