"""Alert settings: SMTP from the environment, per-Directorate preferences from an optional register.

SMTP credentials come only from environment variables (never from a file in the repository), so
that the same code runs in tests, on a laptop (no SMTP: ``.eml`` files in the outbox folder) and
in production. Per-Directorate preferences (reminder interval, quiet hours, severity threshold)
live in the office's optional ``reference/alert_settings.csv``; a Directorate without a row gets
the defaults below, so the file is only needed to depart from them.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
OFFICE = "SPF"  # owner of the problems that no Directorate can fix (statistics, warehouse tests)
SEVERITIES = ("info", "warning", "critical")
SECURITY_MODES = ("starttls", "ssl", "none")
ALERT_SETTINGS_FILE = "alert_settings.csv"
DEFAULT_STEWARD_EMAIL = "spf-steward@localhost"
DEFAULT_FROM = "spf-warehouse@localhost"


def severity_rank(severity: str) -> int:
    """info < warning < critical; unknown severities count as warnings."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else 1


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to hand messages to the mail server."""

    host: str
    port: int
    security: str  # starttls | ssl | none
    user: str | None
    password: str | None
    sender: str


@dataclass(frozen=True)
class AlertSettings:
    """Process-wide settings: the SMTP server (None: write .eml files) and the steward."""

    smtp: SmtpSettings | None
    sender: str
    steward_email: str


def settings_from_env(env: Mapping[str, str] | None = None) -> AlertSettings:
    """Read SPF_SMTP_* and SPF_STEWARD_EMAIL; without SPF_SMTP_HOST no mail server is used."""
    env = os.environ if env is None else env
    sender = env.get("SPF_SMTP_FROM") or DEFAULT_FROM
    steward = env.get("SPF_STEWARD_EMAIL") or DEFAULT_STEWARD_EMAIL
    host = env.get("SPF_SMTP_HOST")
    if not host:
        return AlertSettings(smtp=None, sender=sender, steward_email=steward)
    security = (env.get("SPF_SMTP_SECURITY") or "starttls").lower()
    if security not in SECURITY_MODES:
        raise ValueError(f"SPF_SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}")
    default_port = {"starttls": 587, "ssl": 465, "none": 25}[security]
    smtp = SmtpSettings(
        host=host,
        port=int(env.get("SPF_SMTP_PORT") or default_port),
        security=security,
        user=env.get("SPF_SMTP_USER") or None,
        password=env.get("SPF_SMTP_PASSWORD") or None,
        sender=sender,
    )
    return AlertSettings(smtp=smtp, sender=sender, steward_email=steward)


@dataclass(frozen=True)
class DirectorateSettings:
    """How often and when one Directorate is written to.

    ``reminder_interval_days``: an issue still open is reminded after this many days;
    ``deadline_reminder_days``: a return not yet arrived is reminded this many days before the
    deadline; quiet hours (Europe/Brussels; none by default) hold messages back until they
    end; issues below ``min_severity`` are listed in the register but not mailed. Info issues
    (a late return) are mailed once and never reminded: nothing can be done about them.
    """

    reminder_interval_days: int = 7
    deadline_reminder_days: int = 7
    quiet_hours_start: time | None = None
    quiet_hours_end: time | None = None
    min_severity: str = "info"

    def is_quiet(self, now: datetime) -> bool:
        """True when ``now`` (aware) falls in the quiet hours, which may span midnight."""
        if self.quiet_hours_start is None or self.quiet_hours_end is None:
            return False
        local = now.astimezone(BRUSSELS).time()
        start, end = self.quiet_hours_start, self.quiet_hours_end
        if start == end:
            return False
        if start < end:
            return start <= local < end
        return local >= start or local < end


DEFAULT_SETTINGS = DirectorateSettings()


def _time(text: str) -> time | None:
    return time.fromisoformat(text) if text.strip() else None


def load_directorate_settings(reference_dir: Path) -> dict[str, DirectorateSettings]:
    """Read ``alert_settings.csv`` if the office has one; a blank field keeps the default.

    Columns: directorate_code, reminder_interval_days, quiet_hours_start, quiet_hours_end
    (HH:MM, Europe/Brussels; both blank for no quiet hours), min_severity, and optionally
    deadline_reminder_days.
    """
    path = reference_dir / ALERT_SETTINGS_FILE
    if not path.exists():
        return {}
    result: dict[str, DirectorateSettings] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = (row.get("directorate_code") or "").strip()
            if not code:
                continue
            severity = (row.get("min_severity") or "").strip() or DEFAULT_SETTINGS.min_severity
            if severity not in SEVERITIES:
                raise ValueError(f"{path.name}: min_severity '{severity}' for {code}")
            interval = (row.get("reminder_interval_days") or "").strip()
            before = (row.get("deadline_reminder_days") or "").strip()
            start = row.get("quiet_hours_start")
            end = row.get("quiet_hours_end")
            result[code] = DirectorateSettings(
                reminder_interval_days=int(interval or DEFAULT_SETTINGS.reminder_interval_days),
                deadline_reminder_days=int(before or DEFAULT_SETTINGS.deadline_reminder_days),
                quiet_hours_start=DEFAULT_SETTINGS.quiet_hours_start
                if start is None
                else _time(start),
                quiet_hours_end=DEFAULT_SETTINGS.quiet_hours_end if end is None else _time(end),
                min_severity=severity,
            )
    return result
