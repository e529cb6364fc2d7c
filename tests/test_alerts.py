"""Quality alerts against a real SMTP server (aiosmtpd, STARTTLS), a real DuckDB and SQLite.

The warehouse is a small DuckDB built here with tables shaped like the real ones
(raw.file_registry, raw.intake_findings, marts.fct_return_submission, a dbt_test_failures
table; reference.directorates from the register spec itself), so every scenario runs in well
under a second; the clock is injected. Per-Directorate settings are set in the register table,
where the register loader puts them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import duckdb
import openpyxl
import pytest

from alerts.delivery import EmlTransport, SmtpTransport
from alerts.dispatch import dispatch
from alerts.outbox import FAILED, PENDING, SENT, entries
from alerts.register import fingerprint, refresh_register
from alerts.settings import SmtpSettings, settings_from_env
from alerts.state import AlertStore
from ingestion.warehouse.schema import register_columns
from tests.smtp_server import LoopbackSmtp

NOW = datetime(2025, 10, 20, 8, 0, tzinfo=UTC)  # a Monday, 10:00 in Brussels
STEWARD = "steward@example.org"
ADDRESSES = {"TTA": "tta@example.org", "CB": "cb@example.org", "CF": "cf@example.org"}


def _build_warehouse(path: Path) -> None:
    con = duckdb.connect(str(path))
    directorate_columns = ", ".join(f"{n} {t}" for n, t in register_columns("directorates"))
    con.execute(
        f"create schema reference; create table reference.directorates ({directorate_columns})"
    )
    con.execute(
        """
        create schema raw; create schema marts; create schema dbt_test_failures;
        insert into reference.directorates (directorate_code, name_en, name_fr,
            preferred_language, alert_email, valid_from, valid_to) values
            ('TTA', 'Tariff and Trade Affairs', 'Questions tarifaires', 'en', 'tta@example.org',
             '2020-01-01', null),
            ('CB', 'Capacity Building', 'Renforcement des capacités', 'fr', 'cb@example.org',
             '2020-01-01', null),
            ('CF', 'Compliance and Facilitation', 'Contrôle et facilitation', 'en',
             'cf@example.org', '2020-01-01', null);
        create table raw.file_registry (file_id varchar, kind varchar, original_name varchar,
            received_at timestamp, outcome varchar, directorate_code varchar,
            period_code varchar);
        insert into raw.file_registry values
            ('f-tta', 'returns', 'return_TTA_2025-26-Q1.xlsx', '2025-10-14 09:00:00',
             'rejected', 'TTA', '2025-26-Q1'),
            ('f-tta-old', 'returns', 'return_TTA_2024-25-Q4.xlsx', '2025-10-18 09:00:00',
             'accepted', 'TTA', '2024-25-Q4'),
            ('f-cb', 'returns', 'return_CB_2025-26-Q1.xlsx', '2025-10-13 09:00:00',
             'accepted', 'CB', '2025-26-Q1'),
            ('f-stat', 'statistics', 'stats_2024.xlsx', '2025-10-13 09:00:00',
             'accepted', null, null);
        create table raw.intake_findings (file_id varchar, kind varchar, original_name varchar,
            severity varchar, rule varchar, sheet_name varchar, cell varchar,
            value_found varchar, message_en varchar, message_fr varchar, fix_en varchar,
            fix_fr varchar);
        insert into raw.intake_findings values
            ('f-tta', 'returns', 'return_TTA_2025-26-Q1.xlsx', 'critical', 'invalid_status',
             'Deliverables', 'C2', '=1+1', '=1+1 is not an allowed status.',
             '=1+1 ne fait pas partie des statuts autorisés.',
             'Choose a status from the list.', 'Choisissez un statut dans la liste.'),
            ('f-cb', 'returns', 'return_CB_2025-26-Q1.xlsx', 'warning', 'kpi_outlier',
             'KPIs', 'D4', '900', 'The value 900 is unusually high.',
             'La valeur 900 est inhabituellement élevée.',
             'Check the value.', 'Vérifiez la valeur.'),
            ('f-stat', 'statistics', 'stats_2024.xlsx', 'warning', 'value_out_of_range',
             'Data', 'E7', '-5', 'A negative count.', 'Un nombre négatif.',
             'Check the sign.', 'Vérifiez le signe.');
        create table marts.fct_return_submission (directorate_code varchar,
            period_code varchar, return_deadline_utc timestamp, is_expected boolean,
            current_file_id varchar, accepted_received_at timestamp,
            submission_status varchar, is_on_time boolean);
        insert into marts.fct_return_submission values
            ('CF', '2025-26-Q1', '2025-10-15 15:00:00', true, null, null, 'missing', null),
            ('TTA', '2024-25-Q4', '2025-07-15 15:00:00', true, 'f-tta-old',
             '2025-10-18 09:00:00', 'accepted', false),
            ('CB', '2025-26-Q1', '2025-10-15 15:00:00', true, 'f-cb', '2025-10-13 09:00:00',
             'accepted', true),
            ('CF', '2025-26-Q2', '2026-01-15 16:00:00', true, null, null, 'not_due', null);
        create table dbt_test_failures.kpi_value_within_bounds (directorate_code varchar,
            kpi_code varchar, kpi_value double);
        insert into dbt_test_failures.kpi_value_within_bounds values ('CB', 'K7', 140.0);
        create table dbt_test_failures.member_totals_add_up (member_code varchar);
        """
    )
    con.close()


class Harness:
    """The warehouse, the state DB and a way to run one refresh + dispatch at a given time."""

    def __init__(self, tmp_path: Path, smtp: LoopbackSmtp | None):
        self.warehouse = tmp_path / "spf.duckdb"
        _build_warehouse(self.warehouse)
        self.store = AlertStore(tmp_path / "state" / "state.sqlite")
        self.outbox = tmp_path / "outbox"
        self.smtp = smtp
        env = {"SPF_STEWARD_EMAIL": STEWARD, "SPF_SMTP_FROM": "spf@example.org"}
        if smtp is not None:
            env |= {"SPF_SMTP_HOST": "127.0.0.1", "SPF_SMTP_PORT": str(smtp.port)}
        self.settings = settings_from_env(env)

    def sql(self, statement: str, params: list[object] | None = None) -> None:
        con = duckdb.connect(str(self.warehouse))
        con.execute(statement, params)
        con.close()

    def set_register(self, code: str, **settings: object) -> None:
        """Set a Directorate's alert settings in its register row, as the loader would."""
        assignments = ", ".join(f"{column} = ?" for column in settings)
        self.sql(
            f"update reference.directorates set {assignments} where directorate_code = ?",
            [*settings.values(), code],
        )

    def run(self, now: datetime = NOW):
        if self.smtp is not None:
            assert self.settings.smtp is not None
            transport = SmtpTransport(self.settings.smtp, self.smtp.client_context())
        else:
            transport = EmlTransport(self.outbox)
        con = duckdb.connect(str(self.warehouse))
        try:
            refresh_register(con, self.store, now)
            return dispatch(con, self.store, self.settings, transport, now)
        finally:
            con.close()


@pytest.fixture
def smtp() -> Iterator[LoopbackSmtp]:
    server = LoopbackSmtp()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def harness(tmp_path: Path, smtp: LoopbackSmtp) -> Harness:
    return Harness(tmp_path, smtp)


def _to(messages: list[EmailMessage], address: str) -> list[EmailMessage]:
    return [m for m in messages if m["To"] == address]


def _digests(messages: list[EmailMessage], address: str) -> list[EmailMessage]:
    return [m for m in _to(messages, address) if m.get_content_type() == "multipart/mixed"]


def _parts(email: EmailMessage) -> tuple[str, str, list[list[object]]]:
    text = email.get_body(preferencelist=("plain",)).get_content()
    html = email.get_body(preferencelist=("html",)).get_content()
    [attachment] = list(email.iter_attachments())
    assert attachment.get_filename().endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(attachment.get_content()))
    rows = [list(r) for r in workbook.active.iter_rows(values_only=True)]
    return text, html, rows


def test_each_directorate_gets_one_digest_in_its_language_and_a_rerun_sends_nothing(harness):
    result = harness.run()
    messages = harness.smtp.messages
    assert not result.delivery.failed and not result.delivery.pending
    for address in (*ADDRESSES.values(), STEWARD):
        assert len(_digests(messages, address)) == 1, address

    text, html, rows = _parts(_digests(messages, "tta@example.org")[0])
    assert "return_TTA_2025-26-Q1.xlsx › Deliverables!C2" in text
    assert "is not an allowed status" in text and "Choose a status from the list." in text
    assert "Deliverables!C2" in html and "New issues" in html
    assert rows[0][:4] == ["Status", "Severity", "Rule", "Location"]
    [tta_row] = [r for r in rows[1:] if r[2] == "invalid_status"]
    assert tta_row[4] == "'=1+1 is not an allowed status."  # formula injection made inert
    assert tta_row[5] == "Choose a status from the list."
    assert any(r[2] == "return_late" for r in rows[1:])

    cb = _digests(messages, "cb@example.org")[0]
    assert "Qualité des données" in cb["Subject"] and cb["Content-Language"] == "fr"
    text, html, rows = _parts(cb)
    assert "La valeur 900 est inhabituellement élevée." in text
    assert "kpi_value_within_bounds" in text and "Nouveaux problèmes" in html
    assert rows[0][0] == "Statut" and {r[2] for r in rows[1:]} == {
        "kpi_outlier",
        "kpi_value_within_bounds",
    }

    text, _, _ = _parts(_digests(messages, "cf@example.org")[0])
    assert "The return for 2025-26-Q1 has not arrived" in text

    # Statistics and a dbt test without a Directorate route to the office, read by the steward.
    text, _, rows = _parts(_digests(messages, STEWARD)[0])
    assert "stats_2024.xlsx › Data!E7" in text and "member_totals_add_up" not in text
    assert [m["Subject"] for m in _to(messages, "tta@example.org")].count(
        "[SPF] Return received: Tariff and Trade Affairs, 2024-25-Q4"
    ) == 1
    summaries = [m for m in _to(messages, STEWARD) if "summary" in m["Subject"]]
    assert len(summaries) == 1

    sent = len(messages)
    harness.run()
    harness.run(NOW + timedelta(hours=1))
    assert len(harness.smtp.messages) == sent
    assert all(e.status == SENT for e in entries(harness.store))


def test_a_resolved_issue_gets_a_resolution_notice_and_the_mart_keeps_first_seen(harness):
    harness.run()
    first = len(harness.smtp.messages)
    # TTA sends a corrected return: the newer file for the period has no findings.
    harness.sql(
        "insert into raw.file_registry values ('f-tta-2', 'returns', 'return_TTA_fixed.xlsx', "
        "'2025-10-21 09:00:00', 'accepted', 'TTA', '2025-26-Q1')"
    )
    later = NOW + timedelta(days=1)
    harness.run(later)
    [notice] = _digests(harness.smtp.messages[first:], "tta@example.org")
    text, _, rows = _parts(notice)
    assert "Resolved since the last message (1)" in text and "Deliverables!C2" in text
    assert [r[0] for r in rows[1:]] == ["Resolved since the last message"]

    con = duckdb.connect(str(harness.warehouse))
    row = con.execute(
        "select first_seen_at, resolved_at, is_open from marts.fct_data_quality_issue "
        "where rule = 'invalid_status'"
    ).fetchone()
    types = dict(
        con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'fct_data_quality_issue'"
        ).fetchall()
    )
    con.close()
    assert row == (NOW.replace(tzinfo=None), later.replace(tzinfo=None), False)
    assert types["first_seen_at"] == "TIMESTAMP" and types["is_open"] == "BOOLEAN"


def test_first_seen_survives_a_rebuilt_warehouse(harness, tmp_path):
    harness.run()
    harness.warehouse.unlink()
    _build_warehouse(harness.warehouse)
    harness.run(NOW + timedelta(days=2))
    con = duckdb.connect(str(harness.warehouse))
    firsts = {
        r[0] for r in con.sql("select first_seen_at from marts.fct_data_quality_issue").fetchall()
    }
    con.close()
    assert firsts == {NOW.replace(tzinfo=None)}
    expected = fingerprint(
        "return_missing", "CF", "marts.fct_return_submission › CF|2025-26-Q1", "CF|2025-26-Q1"
    )
    con = duckdb.connect(str(harness.warehouse))
    assert con.execute(
        "select count(*) from marts.fct_data_quality_issue where issue_fingerprint = ?",
        [expected],
    ).fetchone() == (1,)
    con.close()


def test_reminders_respect_the_interval_and_quiet_hours(harness):
    harness.set_register(
        "CF", reminder_interval_days=3, quiet_hours_start=time(20, 0), quiet_hours_end=time(7, 0)
    )
    harness.run()
    cf = lambda: _digests(harness.smtp.messages, "cf@example.org")  # noqa: E731
    assert len(cf()) == 1
    harness.run(NOW + timedelta(days=2))  # within the interval: nothing
    assert len(cf()) == 1
    night = datetime(2025, 10, 23, 21, 30, tzinfo=UTC)  # 23:30 in Brussels, past 3 days
    result = harness.run(night)
    assert len(cf()) == 1 and result.delivery.deferred  # queued, held back by quiet hours
    assert [e.event_type for e in entries(harness.store, PENDING)] == ["digest"]
    morning = datetime(2025, 10, 24, 6, 0, tzinfo=UTC)  # 08:00 in Brussels
    harness.run(morning)
    assert len(cf()) == 2
    text, _, _ = _parts(cf()[1])
    assert "Still open (reminder) (1)" in text
    harness.run(morning + timedelta(hours=2))
    assert len(cf()) == 2


def test_a_return_not_yet_arrived_is_reminded_once_before_its_deadline(harness):
    def reminders() -> list[EmailMessage]:
        return [m for m in harness.smtp.messages if "Reminder: return" in m["Subject"]]

    harness.run(datetime(2026, 1, 1, 9, 0, tzinfo=UTC))  # 14 days ahead: too early
    assert reminders() == []
    harness.run(datetime(2026, 1, 10, 9, 0, tzinfo=UTC))  # 5 days ahead
    [reminder] = reminders()
    assert reminder["To"] == "cf@example.org"
    assert reminder["Subject"] == "[SPF] Reminder: return for 2025-26-Q2 due 2026-01-15 17:00"
    harness.run(datetime(2026, 1, 12, 9, 0, tzinfo=UTC))
    assert len(reminders()) == 1


def test_an_outage_leaves_messages_pending_and_they_go_out_once_after_restart(harness):
    harness.smtp.stop()
    result = harness.run()
    assert result.delivery.sent == [] and result.delivery.pending
    pending = entries(harness.store, PENDING)
    assert pending and all(e.attempts <= 1 for e in pending)
    assert any(e.attempts == 1 and e.last_error for e in pending)
    harness.smtp.start()
    harness.run(NOW + timedelta(minutes=10))
    harness.run(NOW + timedelta(minutes=20))
    ids = [m["Message-ID"] for m in harness.smtp.messages]
    assert len(ids) == len(set(ids))  # each message delivered once
    assert {e.message_id for e in pending} <= set(ids)
    assert entries(harness.store, PENDING) == []
    for address in ADDRESSES.values():
        assert len(_digests(harness.smtp.messages, address)) == 1


def test_a_refused_recipient_fails_alone_and_the_steward_is_told(harness):
    harness.smtp.handler.refused = {"cb@example.org"}
    result = harness.run()
    assert len(result.delivery.failed) == 2  # CB's digest and receipt
    failed = entries(harness.store, FAILED)
    assert {e.recipients[0] for e in failed} == {"cb@example.org"}
    assert all("550" in (e.last_error or "") for e in failed)
    for address in ("tta@example.org", "cf@example.org"):
        assert len(_digests(harness.smtp.messages, address)) == 1
    [summary] = [m for m in harness.smtp.messages if "summary" in m["Subject"]]
    assert "2 failed" in summary["Subject"]
    assert "Not delivered to cb@example.org (digest)" in summary.get_body(("plain",)).get_content()
    harness.run(NOW + timedelta(hours=1))  # failures are reported once, never retried
    assert len([m for m in harness.smtp.messages if "summary" in m["Subject"]]) == 1


def test_without_smtp_messages_are_written_as_eml_files(tmp_path):
    harness = Harness(tmp_path, smtp=None)
    assert harness.settings.smtp is None
    harness.run()
    files = sorted(harness.outbox.glob("*.eml"))
    assert files and all(e.status == SENT for e in entries(harness.store))
    assert len(files) == len(entries(harness.store))
    parsed = [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    [cb] = [m for m in parsed if m["To"] == "cb@example.org" and "Qualité" in m["Subject"]]
    text, _, rows = _parts(cb)  # type: ignore[arg-type]
    assert "KPIs!D4" in text and len(rows) == 3
    harness.run()
    assert sorted(harness.outbox.glob("*.eml")) == files


def test_smtp_settings_come_from_the_environment_only():
    settings = settings_from_env(
        {
            "SPF_SMTP_HOST": "mail.example.org",
            "SPF_SMTP_SECURITY": "ssl",
            "SPF_SMTP_USER": "spf",
            "SPF_SMTP_PASSWORD": "secret",
        }
    )
    assert settings.smtp == SmtpSettings(
        "mail.example.org", 465, "ssl", "spf", "secret", "spf-warehouse@localhost"
    )
    with pytest.raises(ValueError):
        settings_from_env({"SPF_SMTP_HOST": "x", "SPF_SMTP_SECURITY": "tls"})


def test_a_failed_run_alerts_the_steward_once(tmp_path):
    from alerts.delivery import deliver_pending
    from alerts.dispatch import queue_run_failure

    store = AlertStore(tmp_path / "state.sqlite")
    settings = settings_from_env({"SPF_STEWARD_EMAIL": STEWARD})
    transport = EmlTransport(tmp_path / "outbox")
    for _ in range(2):
        key = queue_run_failure(store, settings, "refresh_all", "run-1", "dbt build failed", NOW)
        deliver_pending(store, transport, settings.sender, NOW, only_keys={key})
    [eml] = list((tmp_path / "outbox").glob("*.eml"))
    email = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert email["To"] == STEWARD and email["Subject"] == "[SPF] Run failed: refresh_all"
    assert "dbt build failed" in email.get_body(("plain",)).get_content()


def test_a_longer_reminder_interval_in_the_register_delays_that_directorate_only(harness):
    harness.set_register("CB", reminder_interval_days=14)
    harness.run()
    digests = lambda address: _digests(harness.smtp.messages, address)  # noqa: E731
    assert len(digests("cb@example.org")) == len(digests("tta@example.org")) == 1
    harness.run(NOW + timedelta(days=7))  # the default interval: TTA is reminded, CB is not
    assert len(digests("tta@example.org")) == 2 and len(digests("cb@example.org")) == 1
    text, _, _ = _parts(digests("tta@example.org")[1])
    assert "Still open (reminder) (1)" in text and "Deliverables!C2" in text
    harness.run(NOW + timedelta(days=13, hours=23))
    assert len(digests("cb@example.org")) == 1
    harness.run(NOW + timedelta(days=14))
    [_, reminder] = digests("cb@example.org")
    text, _, rows = _parts(reminder)
    assert "Toujours en cours (rappel) (2)" in text
    assert {r[2] for r in rows[1:]} == {"kpi_outlier", "kpi_value_within_bounds"}


def test_quiet_hours_in_the_register_hold_back_only_that_directorate(harness):
    # NOW is 10:00 in Brussels: inside TTA's quiet hours, outside CF's (overnight) ones.
    harness.set_register("TTA", quiet_hours_start=time(9, 0), quiet_hours_end=time(12, 0))
    harness.set_register("CF", quiet_hours_start=time(20, 0), quiet_hours_end=time(7, 0))
    result = harness.run()
    assert _to(harness.smtp.messages, "tta@example.org") == []
    assert {e.owner_code for e in entries(harness.store, PENDING)} == {"TTA"}
    assert len(result.delivery.deferred) == 2  # TTA's digest and its receipt
    for address in ("cf@example.org", "cb@example.org"):
        assert len(_digests(harness.smtp.messages, address)) == 1
    harness.run(datetime(2025, 10, 20, 9, 59, tzinfo=UTC))  # 11:59 in Brussels: still quiet
    assert _to(harness.smtp.messages, "tta@example.org") == []
    harness.run(datetime(2025, 10, 20, 10, 0, tzinfo=UTC))  # 12:00: quiet hours are over
    harness.run(datetime(2025, 10, 20, 11, 0, tzinfo=UTC))
    assert len(_to(harness.smtp.messages, "tta@example.org")) == 2
    assert len(_digests(harness.smtp.messages, "tta@example.org")) == 1
    assert entries(harness.store, PENDING) == []


def test_a_higher_severity_threshold_in_the_register_filters_what_is_mailed(harness):
    harness.set_register("CB", min_alert_severity="critical")  # CB has warnings only
    harness.set_register("TTA", min_alert_severity="warning")  # drops TTA's late-return info
    harness.run()
    assert _digests(harness.smtp.messages, "cb@example.org") == []
    _, _, rows = _parts(_digests(harness.smtp.messages, "tta@example.org")[0])
    assert [r[2] for r in rows[1:]] == ["invalid_status"]
    _, _, rows = _parts(_digests(harness.smtp.messages, "cf@example.org")[0])  # default: all
    assert [r[2] for r in rows[1:]] == ["return_missing"]
    con = duckdb.connect(str(harness.warehouse))
    kept = con.execute(
        "select owner_directorate_code, rule from marts.fct_data_quality_issue "
        "where is_open and owner_directorate_code in ('CB', 'TTA') order by all"
    ).fetchall()
    con.close()  # filtered from the mail, never from the register
    assert kept == [
        ("CB", "kpi_outlier"),
        ("CB", "kpi_value_within_bounds"),
        ("TTA", "invalid_status"),
        ("TTA", "return_late"),
    ]


def test_the_deadline_reminder_follows_the_register(harness):
    harness.set_register("CF", deadline_reminder_days=14)
    harness.run(datetime(2026, 1, 1, 9, 0, tzinfo=UTC))  # 14 days 7 hours ahead: too early
    harness.run(datetime(2026, 1, 2, 9, 0, tzinfo=UTC))  # within 14 days (default 7: not yet)
    [reminder] = [m for m in harness.smtp.messages if "Reminder: return" in m["Subject"]]
    assert reminder["To"] == "cf@example.org"
    harness.set_register("CF", deadline_reminder_days=0)  # 0: no reminder at all
    harness.sql("delete from marts.fct_return_submission where period_code = '2025-26-Q1'")
    harness.sql(
        "insert into marts.fct_return_submission values ('CF', '2026-27-Q1', "
        "'2026-01-05 16:00:00', true, null, null, 'not_due', null)"
    )
    harness.run(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    assert [m for m in harness.smtp.messages if "Reminder: return" in m["Subject"]] == [reminder]


def test_an_old_register_table_without_settings_columns_gets_the_defaults(tmp_path):
    harness = Harness(tmp_path, smtp=None)
    for column in (
        "reminder_interval_days",
        "deadline_reminder_days",
        "quiet_hours_start",
        "quiet_hours_end",
        "min_alert_severity",
    ):
        harness.sql(f"alter table reference.directorates drop column {column}")
    harness.run()
    harness.run(NOW + timedelta(days=7))  # default interval: TTA reminded
    parsed = [
        message_from_bytes(f.read_bytes(), policy=policy.default)
        for f in harness.outbox.glob("*.eml")
    ]
    assert len([m for m in _digests(parsed, "tta@example.org")]) == 2  # type: ignore[arg-type]


def test_long_subjects_read_back_exactly_and_french_names_need_no_article(harness):
    long_fr = "Planification stratégique et prospective (Bureau du Secrétaire général adjoint)"
    long_en = "Strategic Planning and Foresight, Office of the Deputy Secretary General, Brussels"
    harness.sql(
        f"update reference.directorates set name_fr = '{long_fr}' where directorate_code = 'CB'"
    )
    harness.sql(
        f"update reference.directorates set name_en = '{long_en}' where directorate_code = 'TTA'"
    )
    harness.run()
    from ingestion.messages import message

    [cb] = _digests(harness.smtp.messages, "cb@example.org")
    expected = message("alert_digest_subject", directorate=long_fr, new=2, open=0, resolved=0)
    assert cb["Subject"] == expected.fr
    assert cb["Subject"].startswith("[SPF] Qualité des données — Planification")
    text, _, _ = _parts(cb)
    assert f"(direction : {long_fr})" in text
    subjects = [m["Subject"] for m in harness.smtp.messages]
    assert f"[SPF] Return received: {long_en}, 2024-25-Q4" in subjects
    assert all(s == s.strip() and "  " not in s for s in subjects)
    for entry in entries(harness.store):  # every header line within 78 characters, as sent
        head = entry.message_bytes.split(b"\r\n\r\n")[0]
        assert max(len(line) for line in head.split(b"\r\n")) <= 78


def test_directorates_read_words_brussels_time_and_files_reach_the_directorate_named(harness):
    """A return-cycle issue says "your return for Q1 2025-26" (not the mart and its key); times
    are Brussels time; a file rejected before its metadata was read reaches the Directorate its
    name carries; a file naming another Directorate than its metadata is told to both; the
    office's digest says it is the office's."""
    harness.sql(
        """
        insert into raw.file_registry values
            ('f-bad', 'returns', 'return_CF_2025-26-Q1 (2).xlsx', '2025-10-14 09:00:00',
             'rejected', null, null),
            ('f-mix', 'returns', 'return_TTA_2025-26-Q2.xlsx', '2025-10-14 10:00:00',
             'rejected', 'CB', '2025-26-Q2');
        insert into raw.intake_findings values
            ('f-bad', 'returns', 'return_CF_2025-26-Q1 (2).xlsx', 'critical', 'corrupt', '', '',
             '', 'The workbook is damaged.', 'Le classeur est endommagé.', 'Save it again.',
             'Enregistrez-le à nouveau.'),
            ('f-mix', 'returns', 'return_TTA_2025-26-Q2.xlsx', 'critical',
             'file_name_directorate', 'Metadata', 'B2', 'CB', 'Names TTA, says CB.',
             'Désigne TTA, indique CB.', 'Correct Metadata!B2.', 'Corrigez Metadata!B2.');
        """
    )
    harness.run()
    messages = harness.smtp.messages
    cf_text, _, cf_rows = _parts(_digests(messages, "cf@example.org")[0])
    assert "return_CF_2025-26-Q1 (2).xlsx" in cf_text and "The workbook is damaged." in cf_text
    assert "your return for Q1 2025-26" in cf_text
    assert "fct_return_submission" not in cf_text
    assert "fct_return_submission" not in str(cf_rows)
    assert cf_rows[0][6] == "First seen (Brussels time)"
    first_seen = next(r[6] for r in cf_rows[1:] if r[2] == "return_missing")
    assert first_seen == "2025-10-20 10:00"  # NOW, 08:00 UTC, in Brussels (CEST)
    for address in ("tta@example.org", "cb@example.org"):
        text, _, _ = _parts(_digests(messages, address)[0])
        assert "return_TTA_2025-26-Q2.xlsx › Metadata!B2" in text, address
    steward_text, _, _ = _parts(_digests(messages, STEWARD)[0])
    assert "return_CF_2025-26-Q1 (2).xlsx" not in steward_text
    office = _digests(messages, STEWARD)[0]
    assert office["Subject"].startswith("[SPF] Strategic Planning office, data quality:")
    receipt = next(m for m in _to(messages, "tta@example.org") if "received" in m["Subject"])
    assert "(Brussels time)" in receipt.get_body(preferencelist=("plain",)).get_content()
