"""Delivery of the outbox: SMTP when configured, else ``.eml`` files in ``$SPF_HOME/outbox/``.

Failures are sorted into two kinds. A refused recipient or any 5xx answer is permanent: the
message is marked ``failed`` (the steward is told) and the others go on. Anything else (server
down, timeout, 4xx) is transient: the message stays ``pending`` and this pass stops, since the
next message would meet the same outage; the next run tries again.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from alerts.outbox import FAILED, PENDING, entries, mark_attempt, mark_sent
from alerts.settings import SmtpSettings
from alerts.state import AlertStore

SMTP_TIMEOUT_SECONDS = 30


class Transport(Protocol):
    def send(self, message_bytes: bytes, sender: str, recipients: list[str]) -> dict: ...


class PermanentError(Exception):
    """The server will never accept this message (refused recipient, 5xx)."""


class EmlTransport:
    """Writes each message as ``<Message-ID>.eml``: the default when no SMTP server is set.

    The file name comes from the Message-ID, so writing the same message again replaces the file
    instead of duplicating it.
    """

    def __init__(self, folder: Path):
        self.folder = folder

    def send(self, message_bytes: bytes, sender: str, recipients: list[str]) -> dict:
        self.folder.mkdir(parents=True, exist_ok=True)
        match = re.search(rb"^Message-ID:\s*<([^>]+)>", message_bytes, re.M | re.I)
        name = match.group(1).decode() if match else str(abs(hash(message_bytes)))
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        target = self.folder / f"{safe}.eml"
        temporary = target.with_suffix(".eml.tmp")
        temporary.write_bytes(message_bytes)
        temporary.replace(target)
        return {}


class SmtpTransport:
    """Hands messages to an SMTP server (STARTTLS, implicit TLS or plain), one session each."""

    def __init__(self, settings: SmtpSettings, ssl_context: ssl.SSLContext | None = None):
        self.settings = settings
        self.ssl_context = ssl_context or ssl.create_default_context()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=SMTP_TIMEOUT_SECONDS, context=self.ssl_context
            )
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=SMTP_TIMEOUT_SECONDS)
            if s.security == "starttls":
                client.starttls(context=self.ssl_context)
        if s.user:
            client.login(s.user, s.password or "")
        return client

    def send(self, message_bytes: bytes, sender: str, recipients: list[str]) -> dict:
        client = self._connect()
        try:
            return client.sendmail(sender, recipients, message_bytes)
        finally:
            try:
                client.quit()
            except smtplib.SMTPException:
                client.close()


def is_permanent(error: Exception) -> bool:
    """Refused recipients and 5xx answers will not change by trying again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused | PermanentError):
        return True
    return isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)  # quiet hours
    pending: list[str] = field(default_factory=list)  # transient failure
    errors: list[str] = field(default_factory=list)


def deliver_pending(
    store: AlertStore,
    transport: Transport,
    sender: str,
    now: datetime,
    is_quiet: Callable[[str], bool] = lambda owner: False,
    only_keys: set[str] | None = None,
) -> DeliveryReport:
    """Try every pending message once, in creation order; see the module docstring."""
    report = DeliveryReport()
    outage = False
    for entry in entries(store, PENDING):
        if only_keys is not None and entry.idempotency_key not in only_keys:
            continue
        if outage:
            report.pending.append(entry.idempotency_key)
            continue
        if is_quiet(entry.owner_code):
            report.deferred.append(entry.idempotency_key)
            continue
        try:
            refused = transport.send(entry.message_bytes, sender, entry.recipients)
        except Exception as error:
            detail = f"{type(error).__name__}: {error}"[:500]
            report.errors.append(detail)
            if is_permanent(error):
                mark_attempt(store, entry.idempotency_key, FAILED, detail)
                report.failed.append(entry.idempotency_key)
            else:
                mark_attempt(store, entry.idempotency_key, PENDING, detail)
                report.pending.append(entry.idempotency_key)
                outage = True
            continue
        note = f"refused: {refused}"[:500] if refused else None
        mark_sent(store, entry.idempotency_key, now, note)
        report.sent.append(entry.idempotency_key)
    return report


def make_transport(smtp: SmtpSettings | None, outbox_dir: Path) -> Transport:
    """SMTP when SPF_SMTP_HOST is set, else ``.eml`` files in ``$SPF_HOME/outbox/``."""
    return SmtpTransport(smtp) if smtp is not None else EmlTransport(outbox_dir)
