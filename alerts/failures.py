"""Messages that could not be delivered reach a person: in a summary that arrived, and on the
console until the steward acknowledges them.

A permanent failure (a refused address, any 5xx answer) is listed in the next steward summary;
it counts as reported only once that summary has actually been delivered (``reported_in`` names
the summary, ``reported_at`` is set when it is sent). Should the summary fail too, the failures
go into the next one. Independently, every failure is shown on the console of every run
(`spf run`, `spf summary`) until acknowledged with `spf outbox --ack ID`; `spf outbox --retry`
sends failed messages again once the address or the server is fixed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from alerts.delivery import DeliveryReport, Transport, deliver_pending
from alerts.outbox import FAILED, PENDING, OutboxEntry, _entry
from alerts.state import AlertStore, iso

STEWARD_SUMMARY = "steward_summary"
ID_LENGTH = 12  # the short id shown and accepted by `spf outbox`
ADDED_COLUMNS = {"reported_in": "text", "acknowledged_at": "text"}


def add_columns(con: sqlite3.Connection) -> None:
    """Columns added after the first release: a state database from before gets them."""
    existing = {row[1] for row in con.execute("pragma table_info(alert_outbox)")}
    for column, kind in ADDED_COLUMNS.items():
        if column not in existing:
            con.execute(f"alter table alert_outbox add column {column} {kind}")


def short_id(key: str) -> str:
    return key[:ID_LENGTH]


def failures_to_report(store: AlertStore) -> list[OutboxEntry]:
    """Failed messages no delivered summary has reported yet, and not already in a summary
    that may still go out (a failed summary's own failure is shown on the console only)."""
    with store.connect() as con:
        rows = con.execute(
            """
            select failed.* from alert_outbox as failed
            left join alert_outbox as summary on summary.idempotency_key = failed.reported_in
            where failed.status = ? and failed.reported_at is null and failed.event_type <> ?
                and (failed.reported_in is null or summary.status = ?)
            order by failed.created_at, failed.idempotency_key
            """,
            (FAILED, STEWARD_SUMMARY, FAILED),
        ).fetchall()
    return [_entry(r) for r in rows]


def assign_to_summary(con: sqlite3.Connection, keys: Iterable[str], summary_key: str) -> None:
    con.executemany(
        "update alert_outbox set reported_in = ? where idempotency_key = ?",
        [(summary_key, key) for key in keys],
    )


def settle_reports(store: AlertStore, now: datetime) -> None:
    """Failures whose summary has been delivered are reported."""
    with store.connect() as con:
        con.execute(
            "update alert_outbox set reported_at = ? where reported_at is null and status = ? "
            "and reported_in in (select idempotency_key from alert_outbox where status = 'sent')",
            (iso(now), FAILED),
        )


def unacknowledged(store: AlertStore) -> list[OutboxEntry]:
    with store.connect() as con:
        rows = con.execute(
            "select * from alert_outbox where status = ? and acknowledged_at is null "
            "order by created_at, idempotency_key",
            (FAILED,),
        ).fetchall()
    return [_entry(r) for r in rows]


def listing(store: AlertStore) -> list[tuple[OutboxEntry, str, str | None]]:
    """Pending and failed messages with their creation time and acknowledgement."""
    with store.connect() as con:
        rows = con.execute(
            "select * from alert_outbox where status in (?, ?) order by created_at, "
            "idempotency_key",
            (PENDING, FAILED),
        ).fetchall()
    return [(_entry(r), r["created_at"], r["acknowledged_at"]) for r in rows]


def _matching(con: sqlite3.Connection, ids: Iterable[str], status: str) -> list[str]:
    keys = []
    for wanted in ids:
        prefix = wanted.strip().lower()
        if len(prefix) < 6:
            continue
        rows = con.execute(
            "select idempotency_key from alert_outbox where status = ? and idempotency_key "
            "like ? || '%'",
            (status, prefix),
        ).fetchall()
        keys += [row[0] for row in rows]
    return keys


def acknowledge(store: AlertStore, ids: Iterable[str], now: datetime) -> list[str]:
    """Mark failed messages as handled by the steward; returns the keys acknowledged."""
    with store.connect() as con:
        keys = _matching(con, ids, FAILED)
        con.executemany(
            "update alert_outbox set acknowledged_at = ? where idempotency_key = ?",
            [(iso(now), key) for key in keys],
        )
    return keys


def requeue_failed(store: AlertStore, ids: Iterable[str] | None = None) -> list[str]:
    """Failed messages (all, or those named) become pending again, to be sent once more."""
    with store.connect() as con:
        if ids is None:
            keys = [
                row[0]
                for row in con.execute(
                    "select idempotency_key from alert_outbox where status = ?", (FAILED,)
                ).fetchall()
            ]
        else:
            keys = _matching(con, ids, FAILED)
        con.executemany(
            "update alert_outbox set status = ?, acknowledged_at = null where idempotency_key = ?",
            [(PENDING, key) for key in keys],
        )
    return keys


def retry_failed(
    store: AlertStore, transport: Transport, sender: str, now: datetime
) -> tuple[list[str], DeliveryReport]:
    """Send every failed message again (once the address or the server is fixed)."""
    keys = requeue_failed(store)
    report = deliver_pending(store, transport, sender, now, only_keys=set(keys))
    settle_reports(store, now)
    return keys, report
