"""One dispatch after a refresh: decide what each Directorate must be told, queue it, deliver.

Per owner (a Directorate, or ``SPF`` for the office, read by the steward) one digest gathers the
issues that are new, still open past the reminder interval, or newly resolved; the digest and
the marking of those issues as notified are written in one SQLite transaction, so a rerun of the
same refresh queues nothing. Receipts of accepted returns and reminders before a deadline are
queued under idempotency keys that name the return, so each goes out once. The steward gets a
summary whenever something was queued or a message failed for good.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from alerts.compose import (
    NEW,
    REMINDER,
    RESOLVED,
    Recipient,
    compose_deadline_reminder,
    compose_digest,
    compose_receipt,
    compose_run_failure,
    compose_steward_summary,
)
from alerts.delivery import DeliveryReport, Transport, deliver_pending
from alerts.failures import assign_to_summary, failures_to_report, settle_reports
from alerts.outbox import (
    enqueue,
    idempotency_key,
    is_known,
    message_id_for,
)
from alerts.register import IssueRecord, issue_records
from alerts.settings import (
    BRUSSELS,
    DEFAULT_SETTINGS,
    OFFICE,
    AlertSettings,
    DirectorateSettings,
    severity_rank,
)
from alerts.state import AlertStore, iso
from ingestion.warehouse.connection import Connection

STEWARD = "_steward"  # owner code of the steward's own messages (no quiet hours)
RECEIPT_WINDOW_DAYS = 30  # receipts only for returns accepted this recently (first deployment)
OFFICE_NAME = "Strategic Planning and Foresight office"


@dataclass
class DispatchResult:
    queued: list[str] = field(default_factory=list)  # idempotency keys queued in this run
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    steward_delivery: DeliveryReport = field(default_factory=DeliveryReport)


SETTINGS_COLUMNS = (
    "reminder_interval_days",
    "deadline_reminder_days",
    "quiet_hours_start",
    "quiet_hours_end",
    "min_alert_severity",
)


def read_recipients(
    con: Connection, settings: AlertSettings, now: datetime
) -> tuple[dict[str, Recipient], dict[str, DirectorateSettings]]:
    """Each Directorate in force today: language, address and alert settings; office → steward.

    Settings are the register's (already validated and defaulted by the register loader). A
    warehouse whose register table predates the settings columns (``quality_alerts`` run alone
    before ``reference_registers`` upgraded it) gives every Directorate the defaults.
    """
    today = now.astimezone(BRUSSELS).date()
    present = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'reference' and table_name = 'directorates'"
        ).fetchall()
    }
    chosen = [c if c in present else f"null as {c}" for c in SETTINGS_COLUMNS]
    rows = con.execute(
        f"""
        select directorate_code, name_en, name_fr, preferred_language, alert_email,
            {", ".join(chosen)}
        from reference.directorates
        where valid_from <= ? and (valid_to is null or valid_to >= ?)
        order by directorate_code, valid_from
        """,
        [today, today],
    ).fetchall()
    recipients: dict[str, Recipient] = {}
    directorate_settings: dict[str, DirectorateSettings] = {}
    for code, name_en, name_fr, lang, email, *values in rows:
        recipients[code] = Recipient(code, name_fr if lang == "fr" else name_en, lang, email)
        interval, ahead, quiet_start, quiet_end, min_severity = values
        directorate_settings[code] = DirectorateSettings(
            reminder_interval_days=DEFAULT_SETTINGS.reminder_interval_days
            if interval is None
            else int(interval),
            deadline_reminder_days=DEFAULT_SETTINGS.deadline_reminder_days
            if ahead is None
            else int(ahead),
            quiet_hours_start=quiet_start,
            quiet_hours_end=quiet_end,
            min_severity=min_severity or DEFAULT_SETTINGS.min_severity,
        )
    recipients[OFFICE] = steward_recipient(settings, OFFICE)
    return recipients, directorate_settings


def steward_recipient(settings: AlertSettings, owner: str = STEWARD) -> Recipient:
    return Recipient(owner, OFFICE_NAME, "en", settings.steward_email)


def _digest_groups(
    issues: list[IssueRecord], settings: DirectorateSettings, now: datetime
) -> dict[str, list[IssueRecord]]:
    interval = timedelta(days=settings.reminder_interval_days)
    groups: dict[str, list[IssueRecord]] = {NEW: [], REMINDER: [], RESOLVED: []}
    for issue in issues:
        if severity_rank(issue.severity) < severity_rank(settings.min_severity):
            continue
        if issue.is_open and issue.notified_at is None:
            groups[NEW].append(issue)
        elif (
            issue.is_open
            and issue.notified_at is not None
            and severity_rank(issue.severity) >= severity_rank("warning")
            and now - issue.notified_at >= interval
        ):
            groups[REMINDER].append(issue)
        elif (
            not issue.is_open
            and issue.notified_at is not None
            and issue.resolution_notified_at is None
        ):
            groups[RESOLVED].append(issue)
    return groups


def queue_digests(
    store: AlertStore,
    recipients: dict[str, Recipient],
    directorate_settings: dict[str, DirectorateSettings],
    sender: str,
    now: datetime,
) -> list[str]:
    """One digest per owner with something to say; marks its issues notified atomically."""
    by_owner: dict[str, list[IssueRecord]] = defaultdict(list)
    for issue in issue_records(store):
        by_owner[issue.owner_code].append(issue)
    queued = []
    for owner, issues in sorted(by_owner.items()):
        recipient = recipients.get(owner)
        if recipient is None:  # a Directorate no longer in force: the steward sees it in BI
            continue
        settings = directorate_settings.get(owner, DEFAULT_SETTINGS)
        groups = _digest_groups(issues, settings, now)
        if not any(groups.values()):
            continue
        cycle = str(
            max(
                (
                    int((now - i.first_seen_at).days // max(settings.reminder_interval_days, 1))
                    for i in groups[REMINDER]
                ),
                default=0,
            )
        )
        fingerprints = [f"{status}:{i.fingerprint}" for status, g in groups.items() for i in g]
        key = idempotency_key(owner, "digest", fingerprints, cycle)
        email = compose_digest(recipient, groups, sender, message_id_for(key), now)
        with store.connect() as con:
            if enqueue(con, key, owner, "digest", email, now):
                queued.append(key)
            stamp = iso(now)
            con.executemany(
                "update alert_issues set notified_at = ? where fingerprint = ?",
                [(stamp, i.fingerprint) for i in groups[NEW] + groups[REMINDER]],
            )
            con.executemany(
                "update alert_issues set resolution_notified_at = ? where fingerprint = ?",
                [(stamp, i.fingerprint) for i in groups[RESOLVED]],
            )
    return queued


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def queue_return_events(
    con: Connection,
    store: AlertStore,
    recipients: dict[str, Recipient],
    directorate_settings: dict[str, DirectorateSettings],
    sender: str,
    now: datetime,
) -> list[str]:
    """Receipts of accepted returns, and reminders of expected returns before their deadline."""
    rows = con.execute(
        """
        select submission.directorate_code, submission.period_code,
            submission.submission_status, submission.is_expected,
            submission.return_deadline_utc, submission.current_file_id,
            submission.accepted_received_at, registry.original_name
        from marts.fct_return_submission as submission
        left join raw.file_registry as registry
            on submission.current_file_id = registry.file_id
        where submission.submission_status in ('accepted', 'not_due')
        order by submission.directorate_code, submission.period_code
        """
    ).fetchall()
    queued = []
    for owner, period, status, expected, deadline, file_id, received, name in rows:
        recipient = recipients.get(owner)
        if recipient is None:
            continue
        settings = directorate_settings.get(owner, DEFAULT_SETTINGS)
        if status == "accepted":
            if received is None or now - _aware(received) > timedelta(days=RECEIPT_WINDOW_DAYS):
                continue
            key = idempotency_key(owner, "receipt", [file_id], period)
            make = lambda k, r=recipient, p=period, n=name or file_id, at=received: (  # noqa: E731
                compose_receipt(r, p, n, _aware(at), sender, message_id_for(k), now)
            )
            event = "receipt"
        else:
            due = _aware(deadline)
            if not expected or not now < due <= now + timedelta(
                days=settings.deadline_reminder_days
            ):
                continue
            local = due.astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M")
            key = idempotency_key(owner, "deadline_reminder", [], period)
            make = lambda k, r=recipient, p=period, d=local: (  # noqa: E731
                compose_deadline_reminder(r, p, d, sender, message_id_for(k), now)
            )
            event = "deadline_reminder"
        with store.connect() as sqlite:
            if not is_known(sqlite, key) and enqueue(sqlite, key, owner, event, make(key), now):
                queued.append(key)
    return queued


def _open_counts(store: AlertStore) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for issue in issue_records(store):
        if issue.is_open:
            counts[issue.owner_code][issue.severity] += 1
    return {owner: dict(c) for owner, c in counts.items()}


def queue_steward_summary(
    store: AlertStore, settings: AlertSettings, queued: list[str], now: datetime
) -> list[str]:
    """A summary for the steward when this run queued messages or a message failed for good."""
    failures = failures_to_report(store)
    if not queued and not failures:
        return []
    failed_keys = [f.idempotency_key for f in failures]
    key = idempotency_key(STEWARD, "steward_summary", [*queued, *failed_keys], "")
    email = compose_steward_summary(
        steward_recipient(settings),
        _open_counts(store),
        len(queued),
        [(",".join(f.recipients), f.event_type, f.last_error or "") for f in failures],
        settings.sender,
        message_id_for(key),
        now,
    )
    with store.connect() as con:
        added = enqueue(con, key, STEWARD, "steward_summary", email, now)
        assign_to_summary(con, failed_keys, key)  # reported once that summary is delivered
    return [key] if added else []


def queue_run_failure(
    store: AlertStore,
    settings: AlertSettings,
    job: str,
    run_id: str,
    error: str,
    now: datetime,
    decision: bool = False,
) -> str:
    """Queues the steward's alert about a failed run (once per run); ``decision``: the run was
    a steward's decision, which changed nothing."""
    key = idempotency_key(STEWARD, "run_failure", [run_id], "")
    email = compose_run_failure(
        steward_recipient(settings),
        job,
        run_id,
        error,
        settings.sender,
        message_id_for(key),
        now,
        decision=decision,
    )
    with store.connect() as con:
        enqueue(con, key, STEWARD, "run_failure", email, now)
    return key


def dispatch(
    con: Connection,
    store: AlertStore,
    settings: AlertSettings,
    transport: Transport,
    now: datetime,
) -> DispatchResult:
    """Queue everything due at ``now`` (after the register was refreshed), then deliver.

    Each Directorate's settings are those of its register row in force at ``now``. Delivery
    also retries what earlier runs left pending; quiet hours hold a Directorate's messages back
    (still pending) until a run after they end.
    """
    result = DispatchResult()
    recipients, directorate_settings = read_recipients(con, settings, now)
    result.queued += queue_digests(store, recipients, directorate_settings, settings.sender, now)
    result.queued += queue_return_events(
        con, store, recipients, directorate_settings, settings.sender, now
    )

    def is_quiet(owner: str) -> bool:
        if owner == STEWARD:
            return False
        return directorate_settings.get(owner, DEFAULT_SETTINGS).is_quiet(now)

    result.delivery = deliver_pending(store, transport, settings.sender, now, is_quiet)
    steward = queue_steward_summary(store, settings, result.queued, now)
    result.queued += steward
    if steward:
        result.steward_delivery = deliver_pending(
            store, transport, settings.sender, now, only_keys=set(steward)
        )
    settle_reports(store, now)
    return result
