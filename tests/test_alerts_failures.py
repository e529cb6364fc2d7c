"""A message refused for good reaches a person: in a summary that was delivered, and on the
console until acknowledged; `spf outbox --retry` sends it again once the address is fixed.

A real SMTP server on loopback answers 550 to the refused addresses, then 250 once they are
taken off its list (the fix done by the office).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from alerts import failures
from alerts.delivery import SmtpTransport
from alerts.outbox import FAILED, entries
from dagster_project.cli import main as cli
from tests.smtp_server import LoopbackSmtp
from tests.test_alerts import NOW, STEWARD, Harness


@pytest.fixture
def smtp() -> Iterator[LoopbackSmtp]:
    server = LoopbackSmtp()
    server.start()
    yield server
    server.stop()


def _summaries(smtp: LoopbackSmtp) -> list:
    return [m for m in smtp.messages if "summary" in m["Subject"]]


def test_failures_are_reported_only_by_a_summary_that_arrived(tmp_path: Path, smtp, capsys):
    harness = Harness(tmp_path, smtp)
    smtp.handler.refused = {"cb@example.org", STEWARD}  # 550 for both
    harness.run()
    failed = entries(harness.store, FAILED)
    assert {e.event_type for e in failed} >= {"digest", "steward_summary"}
    assert _summaries(smtp) == []  # the summary itself was refused: nobody was told yet
    assert [e.event_type for e in failures.failures_to_report(harness.store)] == [
        e.event_type for e in failed if e.event_type != "steward_summary"
    ]

    # The console tells, at every run, until acknowledged.
    assert cli.main(["summary", "--home", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{len(failed)} message(s) could not be delivered" in out
    assert "n'ont pas pu être remis" in out
    assert out.count("NOT SENT") == len(failed) and "550" in out

    smtp.handler.refused = {"cb@example.org"}  # the steward's mailbox answers 250 again
    harness.run(NOW + timedelta(hours=1))
    [summary] = _summaries(smtp)
    assert "Not delivered to cb@example.org (digest)" in summary.get_body(("plain",)).get_content()
    assert failures.failures_to_report(harness.store) == []  # reported: that summary arrived
    harness.run(NOW + timedelta(hours=2))
    assert len(_summaries(smtp)) == 1  # reported once

    # The steward acknowledges the failed summary; the others are still shown.
    summary_failure = next(e for e in failed if e.event_type == "steward_summary")
    ack = failures.short_id(summary_failure.idempotency_key)
    assert cli.main(["outbox", "--ack", ack, "--home", str(tmp_path)]) == 0
    assert "1 failed message(s) acknowledged" in capsys.readouterr().err
    assert cli.main(["outbox", "--ack", "ffffffffffff", "--home", str(tmp_path)]) == 2
    assert "No failed message has the id ffffffffffff" in capsys.readouterr().err
    left = failures.unacknowledged(harness.store)
    assert summary_failure.idempotency_key not in {e.idempotency_key for e in left}
    assert cli.main(["outbox", "--home", str(tmp_path)]) == 0
    listing = capsys.readouterr().out
    assert f"{ack}  failed (acknowledged)" in listing and "cb@example.org" in listing

    # CB's mailbox is fixed: the failed messages are sent again, each once.
    smtp.handler.refused = set()
    to_retry = entries(harness.store, FAILED)
    transport = SmtpTransport(harness.settings.smtp, smtp.client_context())
    keys, report = failures.retry_failed(
        harness.store, transport, harness.settings.sender, NOW + timedelta(hours=3)
    )
    assert sorted(report.sent) == sorted(keys) and not report.failed
    assert entries(harness.store, FAILED) == [] and failures.unacknowledged(harness.store) == []
    ids = [m["Message-ID"] for m in smtp.messages]
    assert len(ids) == len(set(ids))
    assert sorted(keys) == sorted(e.idempotency_key for e in to_retry)
    assert all(ids.count(e.message_id) == 1 for e in to_retry)
    assert len([m for m in smtp.messages if m["To"] == "cb@example.org"]) >= 2


def test_retry_from_the_command_line_writes_eml_files_without_smtp(tmp_path: Path, capsys):
    harness = Harness(tmp_path, smtp=None)
    harness.run()
    with harness.store.connect() as con:  # as if an earlier SMTP configuration had refused it
        con.execute("update alert_outbox set status = 'failed', last_error = '550 no such user'")
    for eml in harness.outbox.glob("*.eml"):
        eml.unlink()
    assert cli.main(["outbox", "--retry", "--home", str(tmp_path)]) == 0
    assert "sent again" in capsys.readouterr().err
    assert entries(harness.store, FAILED) == []
    assert list((tmp_path / "outbox").glob("*.eml"))
