"""Composing the e-mails: a plain-text and an HTML part in the reader's language, and for a
digest an ``.xlsx`` listing every issue with its location and fix.

All wording comes from the catalogue (``ingestion.messages``), so English and French stay in
step; values echoed from submitted files are escaped in HTML and made inert in the workbook.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from openpyxl import Workbook

from alerts.register import RETURN_LOCATION, IssueRecord
from alerts.settings import BRUSSELS, OFFICE
from ingestion.display import safe_name
from ingestion.messages import Text, message
from ingestion.xlsx.safety import inert

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
NEW, REMINDER, RESOLVED = "new", "reminder", "resolved"
SECTIONS = ((NEW, "alert_section_new"), (REMINDER, "alert_section_reminder"),
            (RESOLVED, "alert_section_resolved"))  # fmt: skip
COLUMNS = (
    "alert_column_status",
    "alert_column_severity",
    "alert_column_rule",
    "alert_column_location",
    "alert_column_problem",
    "alert_column_fix",
    "alert_column_first_seen",
)


@dataclass(frozen=True)
class Recipient:
    """Who reads a message, and in which language (``en`` or ``fr``)."""

    owner_code: str
    name: str
    language: str
    email: str


def _t(rule: str, language: str, **params: object) -> str:
    return message(rule, **params).in_language(language)


def _envelope(
    recipient: Recipient, sender: str, subject: str, message_id: str, now: datetime
) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = recipient.email
    email["Subject"] = subject
    email["Date"] = format_datetime(now.astimezone(UTC))
    email["Message-ID"] = message_id
    email["X-SPF-Owner"] = recipient.owner_code
    return email


def _finish(email: EmailMessage, language: str) -> EmailMessage:
    """Content-Language is set last: adding parts moves Content-* headers into the first part."""
    del email["Content-Language"]
    email["Content-Language"] = language
    return email


def _body(email: EmailMessage, paragraphs: Sequence[str], language: str, extra_html: str = ""):
    signature = _t("alert_signature", language)
    email.set_content("\n\n".join([*paragraphs, signature]) + "\n")
    html_paragraphs = "".join(
        f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs
    )
    email.add_alternative(
        f'<!DOCTYPE html><html lang="{language}"><body>{html_paragraphs}{extra_html}'
        f"<p><small>{html.escape(signature)}</small></p></body></html>",
        subtype="html",
    )
    _finish(email, language)


def _stamp(value: datetime | None) -> str:
    """People read Brussels time (the headings and sentences say so)."""
    return "" if value is None else value.astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M")


def _where(issue: IssueRecord, language: str) -> str:
    """Where the issue is, in words for its reader: a return-cycle issue says "your return for
    Q1 2026-27", not the mart and key it was found with."""
    if issue.location.startswith(RETURN_LOCATION):
        period = issue.object_key.rpartition("|")[2]
        ip_year, _, quarter = period.rpartition("-")
        if ip_year and quarter.startswith("Q"):
            return _t(
                "alert_location_return",
                language,
                quarter=Text(en=quarter, fr=f"T{quarter[1:]}"),  # trimestre
                ip_year=ip_year,
            )
    return issue.location


def _row(status: str, issue: IssueRecord, language: str) -> list[str]:
    return [
        _t(dict(SECTIONS)[status], language),
        _t(f"alert_severity_{issue.severity}", language),
        issue.rule,
        _where(issue, language),
        issue.message.in_language(language),
        issue.fix.in_language(language),
        _stamp(issue.first_seen_at),
    ]


def issues_workbook(groups: dict[str, list[IssueRecord]], language: str) -> bytes:
    """The attachment: one row per issue, every text made inert against formula injection."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _t("alert_sheet_name", language)[:31]
    sheet.append([_t(c, language) for c in COLUMNS])
    for status, _ in SECTIONS:
        for issue in groups.get(status, []):
            sheet.append([inert(v) for v in _row(status, issue, language)])
    for letter, width in zip("ABCDEFG", (14, 12, 24, 40, 60, 60, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def compose_digest(
    recipient: Recipient,
    groups: dict[str, list[IssueRecord]],
    sender: str,
    message_id: str,
    now: datetime,
) -> EmailMessage:
    """One Directorate's digest: new issues, reminders of open ones, and resolutions."""
    lang = recipient.language
    counts = {status: len(groups.get(status, [])) for status, _ in SECTIONS}
    subject = _t(
        "alert_office_digest_subject" if recipient.owner_code == OFFICE else "alert_digest_subject",
        lang,
        directorate=recipient.name,
        new=counts[NEW],
        open=counts[REMINDER],
        resolved=counts[RESOLVED],
    )
    email = _envelope(recipient, sender, subject, message_id, now)
    paragraphs = [_t("alert_digest_intro", lang, directorate=recipient.name)]
    tables = []
    for status, title_rule in SECTIONS:
        issues = groups.get(status, [])
        if not issues:
            continue
        title = _t(title_rule, lang)
        lines = [f"{title} ({len(issues)})"]
        rows = []
        for issue in issues:
            severity = _t(f"alert_severity_{issue.severity}", lang)
            text, hint = issue.message.in_language(lang), issue.fix.in_language(lang)
            where = _where(issue, lang)
            lines.append(f"- [{severity}] {where}: {text} {hint}".rstrip())
            cells = (severity, where, text, hint)
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        paragraphs.append("\n".join(lines))
        tables.append(
            f"<h3>{html.escape(title)} ({len(issues)})</h3>"
            f'<table border="1" cellpadding="4">{"".join(rows)}</table>'
        )
    email.set_content("\n\n".join([*paragraphs, _t("alert_signature", lang)]) + "\n")
    intro = html.escape(paragraphs[0])
    email.add_alternative(
        f'<!DOCTYPE html><html lang="{lang}"><body><p>{intro}</p>{"".join(tables)}'
        f"<p><small>{html.escape(_t('alert_signature', lang))}</small></p></body></html>",
        subtype="html",
    )
    email.add_attachment(
        issues_workbook(groups, lang),
        maintype=XLSX_TYPE[0],
        subtype=XLSX_TYPE[1],
        filename=f"quality_issues_{recipient.owner_code}_{now.astimezone(UTC):%Y%m%d}.xlsx",
    )
    return _finish(email, lang)


def compose_receipt(
    recipient: Recipient,
    period: str,
    file_name: str,
    received_at: datetime,
    sender: str,
    message_id: str,
    now: datetime,
) -> EmailMessage:
    """Acknowledges an accepted return, so a Directorate knows it need not send it again."""
    lang = recipient.language
    subject = _t("alert_receipt_subject", lang, directorate=recipient.name, period=period)
    email = _envelope(recipient, sender, subject, message_id, now)
    body = _t(
        "alert_receipt_body",
        lang,
        period=period,
        file=safe_name(file_name),
        received=_stamp(received_at),
    )
    _body(email, [body], lang)
    return email


def compose_deadline_reminder(
    recipient: Recipient,
    period: str,
    deadline_local: str,
    sender: str,
    message_id: str,
    now: datetime,
) -> EmailMessage:
    """Reminds a Directorate, before the deadline, of a return that has not arrived."""
    lang = recipient.language
    subject = _t("alert_deadline_subject", lang, period=period, deadline=deadline_local)
    email = _envelope(recipient, sender, subject, message_id, now)
    body = _t(
        "alert_deadline_body",
        lang,
        directorate=recipient.name,
        period=period,
        deadline=deadline_local,
    )
    _body(email, [body], lang)
    return email


def compose_steward_summary(
    recipient: Recipient,
    open_counts: dict[str, dict[str, int]],
    queued: int,
    failures: Sequence[tuple[str, str, str]],
    sender: str,
    message_id: str,
    now: datetime,
) -> EmailMessage:
    """Across all Directorates: open issues by severity, and every message that failed."""
    lang = recipient.language
    subject = _t("alert_steward_subject", lang, messages=queued, failed=len(failures))
    email = _envelope(recipient, sender, subject, message_id, now)
    lines = [
        _t("alert_steward_open", lang, owner=owner, **{s: c.get(s, 0) for s in SEVERITY_KEYS})
        for owner, c in sorted(open_counts.items())
    ]
    failed = [
        _t("alert_steward_failed", lang, recipients=to, event=event, error=error)
        for to, event, error in failures
    ]
    _body(email, ["\n".join(lines) or "-", *(["\n".join(failed)] if failed else [])], lang)
    return email


SEVERITY_KEYS = ("critical", "warning", "info")


def compose_run_failure(
    recipient: Recipient,
    job: str,
    run_id: str,
    error: str,
    sender: str,
    message_id: str,
    now: datetime,
    decision: bool = False,
) -> EmailMessage:
    """Tells the steward that a refresh failed, so nobody waits for data that will not come;
    or, for a steward's decision (``decision``), that it was not recorded and why."""
    lang = recipient.language
    subject = _t("alert_run_failed_subject", lang, job=job)
    email = _envelope(recipient, sender, subject, message_id, now)
    body, hint = (
        ("alert_decision_failed_body", "alert_decision_failed_hint")
        if decision
        else ("alert_run_failed_body", "alert_run_failed_hint")
    )
    paragraphs = [_t(body, lang, job=job, run_id=run_id), error, _t(hint, lang)]
    _body(email, paragraphs, lang)
    return email
