"""Alert settings: SMTP from the environment, per-Directorate preferences from the register.

SMTP credentials come only from environment variables (never from a file in the repository), so
that the same code runs in tests, on a laptop (no SMTP: ``.eml`` files in the outbox folder) and
in production. Per-Directorate preferences (reminder interval, quiet hours, severity threshold)
are columns of the Directorate register (``reference/directorates.csv``), validated and
defaulted by the register loader; their defaults are written once, in
``ingestion/registers/registers.yaml``, and read from there for the office's own messages too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from ingestion.registers.spec import load_register_specs

BRUSSELS = ZoneInfo("Europe/Brussels")
OFFICE = "SPF"  # owner of the problems that no Directorate can fix (statistics, warehouse tests)
SEVERITIES = ("info", "warning", "critical")
SECURITY_MODES = ("starttls", "ssl", "none")
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


def _register_default(column: str) -> int | str:
    """The default of one settings column, as the Directorate register spec defines it."""
    [spec] = [s for s in load_register_specs() if s.name == "directorates"]
    value = spec.column(column).default
    assert value is not None, f"directorates.{column} has no default in the register spec"
    return value  # type: ignore[return-value]


@dataclass(frozen=True)
class DirectorateSettings:
    """How often and when one Directorate is written to (columns of the Directorate register).

    ``reminder_interval_days``: an issue still open is reminded after this many days;
    ``deadline_reminder_days``: a return not yet arrived is reminded this many days before the
    deadline (0: never); quiet hours (Europe/Brussels; none by default) hold messages back
    until they end; issues below ``min_severity`` are listed in the register but not mailed.
    Info issues (a late return) are mailed once and never reminded: nothing can be done about
    them. Defaults come from the register spec, so they cannot drift from what it documents.
    """

    reminder_interval_days: int = int(_register_default("reminder_interval_days"))
    deadline_reminder_days: int = int(_register_default("deadline_reminder_days"))
    quiet_hours_start: time | None = None
    quiet_hours_end: time | None = None
    min_severity: str = str(_register_default("min_alert_severity"))

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
