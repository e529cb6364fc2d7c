"""The outbox: every message the alerts ever composed, and whether it went out.

A message is stored whole (bytes, with its Message-ID) before any delivery attempt, under an
idempotency key derived from what it is about (owner, event type, issue fingerprints, reminder
cycle). Composing the same event twice therefore stores nothing new, an SMTP outage leaves the
message pending for the next run, and the only possible duplicate (a crash between the server's
acceptance and the status update) carries the same Message-ID, so mail clients fold it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from alerts.mail_policy import MAIL_POLICY
from alerts.state import AlertStore, iso

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
MESSAGE_ID_DOMAIN = "spf-warehouse.wco"


def idempotency_key(owner: str, event_type: str, fingerprints: Iterable[str], cycle: str) -> str:
    """sha256 of owner, event type, the sorted fingerprints and the cycle: same event, same key."""
    parts = [owner, event_type, *sorted(fingerprints), cycle]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def message_id_for(key: str) -> str:
    """A Message-ID derived from the key, so a resent message is recognisably the same one."""
    return f"<{key[:40]}@{MESSAGE_ID_DOMAIN}>"


@dataclass(frozen=True)
class OutboxEntry:
    idempotency_key: str
    message_id: str
    owner_code: str
    event_type: str
    recipients: list[str]
    subject: str
    message_bytes: bytes
    status: str
    attempts: int
    last_error: str | None


def enqueue(
    con: sqlite3.Connection,
    key: str,
    owner: str,
    event_type: str,
    email: EmailMessage,
    now: datetime,
) -> bool:
    """Store a composed message as pending; False (nothing stored) when the key is known.

    Takes the caller's connection so that the message and the issues it notifies are recorded
    in one transaction.
    """
    recipients = [a.strip() for a in str(email["To"]).split(",") if a.strip()]
    cursor = con.execute(
        "insert or ignore into alert_outbox (idempotency_key, message_id, owner_code, event_type, "
        "recipients, subject, message_bytes, status, attempts, created_at) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        (
            key,
            str(email["Message-ID"]),
            owner,
            event_type,
            ",".join(recipients),
            str(email["Subject"]),
            email.as_bytes(policy=MAIL_POLICY),  # CRLF line ends; subjects folded safely
            PENDING,
            iso(now),
        ),
    )
    return cursor.rowcount == 1


def is_known(con: sqlite3.Connection, key: str) -> bool:
    return (
        con.execute("select 1 from alert_outbox where idempotency_key = ?", (key,)).fetchone()
        is not None
    )


def _entry(row: sqlite3.Row) -> OutboxEntry:
    return OutboxEntry(
        idempotency_key=row["idempotency_key"],
        message_id=row["message_id"],
        owner_code=row["owner_code"],
        event_type=row["event_type"],
        recipients=row["recipients"].split(","),
        subject=row["subject"],
        message_bytes=bytes(row["message_bytes"]),
        status=row["status"],
        attempts=row["attempts"],
        last_error=row["last_error"],
    )


def entries(store: AlertStore, status: str | None = None) -> list[OutboxEntry]:
    query = "select * from alert_outbox"
    params: tuple[str, ...] = ()
    if status:
        query += " where status = ?"
        params = (status,)
    with store.connect() as con:
        rows = con.execute(query + " order by created_at, idempotency_key", params).fetchall()
    return [_entry(r) for r in rows]


def mark_sent(store: AlertStore, key: str, now: datetime, error: str | None = None) -> None:
    with store.connect() as con:
        con.execute(
            "update alert_outbox set status = ?, attempts = attempts + 1, sent_at = ?, "
            "last_error = ? where idempotency_key = ?",
            (SENT, iso(now), error, key),
        )


def mark_attempt(store: AlertStore, key: str, status: str, error: str) -> None:
    """A failed attempt: ``pending`` (try again next run) or ``failed`` (permanent)."""
    with store.connect() as con:
        con.execute(
            "update alert_outbox set status = ?, attempts = attempts + 1, last_error = ? "
            "where idempotency_key = ?",
            (status, error, key),
        )


def unreported_failures(store: AlertStore) -> list[OutboxEntry]:
    """Permanent failures the steward has not been told about yet."""
    with store.connect() as con:
        rows = con.execute(
            "select * from alert_outbox where status = ? and reported_at is null "
            "order by created_at, idempotency_key",
            (FAILED,),
        ).fetchall()
    return [_entry(r) for r in rows]


def mark_reported(con: sqlite3.Connection, keys: Iterable[str], now: datetime) -> None:
    con.executemany(
        "update alert_outbox set reported_at = ? where idempotency_key = ?",
        [(iso(now), key) for key in keys],
    )
