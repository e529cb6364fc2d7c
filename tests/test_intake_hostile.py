"""Hostile files and damaged storage: each fault is produced here, then taken in by the real intake.

A truncated archive copy (as a crash mid-copy leaves), a 250-character name, a file that cannot
be stored, a symbolic link to a system file, a pipe and a folder in the inbox, and names with a
newline or a bidirectional override. Nothing is lost, nothing hostile is read, and the run goes on.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from ingestion.display import safe_name
from ingestion.intake import process_inbox
from ingestion.kinds import RETURNS
from ingestion.paths import SpfPaths
from ingestion.registers.context import RegisterContext
from ingestion.registers.reader import read_registers
from ingestion.state.registry import StateStore
from ingestion.storage import MAX_STORED_NAME_BYTES, bounded_name, sha256_of

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _drop(home: SpfPaths, path: Path) -> Path:
    target = home.inbox_returns / path.name
    target.write_bytes(path.read_bytes())
    os.utime(target, (0, 0))  # long settled: taken at once
    return target


def _intake(home: SpfPaths):
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    store = StateStore(home.state_db)
    return process_inbox(home, RETURNS, ctx, store, now=NOW), store


def test_bounded_name_keeps_short_names_and_tells_long_ones_apart():
    assert bounded_name("return_TTA.xlsx") == "return_TTA.xlsx"
    first, second = bounded_name("é" * 240 + "a.xlsx"), bounded_name("é" * 240 + "b.xlsx")
    assert first != second and first.endswith(".xlsx")
    assert len(first.encode()) <= MAX_STORED_NAME_BYTES and "~" in first
    assert len(bounded_name("x." + "y" * 300).encode()) <= MAX_STORED_NAME_BYTES


def test_a_250_character_name_is_stored_under_a_bounded_name_and_kept_whole(home, make_return):
    accepted = _drop(home, make_return(name="a" * 245 + ".xlsx"))
    rejected = _drop(
        home, make_return(name="r" * 245 + ".xlsx", edits={"Metadata!B3": "2031-32-Q5"})
    )
    result, store = _intake(home)
    by_name = {o.name: o for o in result.outcomes}
    assert by_name[accepted.name].outcome == "accepted"
    assert by_name[rejected.name].outcome == "rejected"
    for outcome in result.outcomes:
        entry = store.entry(outcome.sha256)
        assert entry.original_name == outcome.name  # the full name, in the registry
        stored = home.home / entry.stored_path
        assert len(stored.name.encode()) <= MAX_STORED_NAME_BYTES
        assert sha256_of(stored) == outcome.sha256
    report = home.home / store.entry(by_name[rejected.name].sha256).report_path
    assert rejected.name in report.read_text(encoding="utf-8")  # the full name, in the report
    assert report.with_suffix(".xlsx").exists()
    assert not list(home.inbox_returns.iterdir())


def test_a_truncated_archive_copy_is_never_trusted(home, make_return):
    """A crash mid-copy left part of the file under its final name: it is replaced."""
    path = make_return()
    original = path.read_bytes()
    sha = sha256_of(path)
    partial = home.archive / RETURNS / f"{sha}.xlsx"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(original[: len(original) // 2])
    _drop(home, path)
    result, store = _intake(home)
    assert [o.outcome for o in result.outcomes] == ["accepted"]
    assert (home.home / store.entry(sha).stored_path).read_bytes() == original
    assert not list((home.archive / RETURNS).glob(".*partial"))  # no temporary file left


def test_a_duplicate_repairs_a_damaged_stored_original(home, make_return):
    path = make_return()
    _drop(home, path)
    _, store = _intake(home)
    stored = home.home / store.entry(sha256_of(path)).stored_path
    stored.write_bytes(b"PK\x03\x04 damaged")
    _drop(home, path)
    result, _ = _intake(home)
    assert [o.outcome for o in result.outcomes] == ["duplicate"]
    assert stored.read_bytes() == path.read_bytes()


def test_a_storage_error_refuses_that_file_only_and_loses_nothing(home, make_return):
    blocked = make_return(directorate="TTA")
    fine = make_return(period="2025-26-Q2")
    # The archive's name for ``blocked`` is taken by a folder: storing it fails.
    (home.archive / RETURNS / f"{sha256_of(blocked)}.xlsx").mkdir(parents=True)
    _drop(home, blocked)
    _drop(home, fine)
    result, store = _intake(home)
    by_name = {o.name: o for o in result.outcomes}
    assert by_name[fine.name].outcome == "accepted"
    refused = by_name[blocked.name]
    assert refused.outcome == "rejected"
    assert [f.rule for f in refused.findings] == ["storage_failed"]
    assert "stays in the inbox" in refused.message_en
    assert "reste dans" in refused.findings[0].message_fr
    assert store.entry(refused.sha256) is None  # not recorded: the next run takes it
    assert (home.inbox_returns / blocked.name).read_bytes() == blocked.read_bytes()
    (home.archive / RETURNS / f"{sha256_of(blocked)}.xlsx").rmdir()
    result, store = _intake(home)
    assert [o.outcome for o in result.outcomes] == ["accepted"]
    assert not list(home.inbox_returns.iterdir())


def test_links_pipes_and_folders_are_refused_without_being_read(home, make_return):
    inbox = home.inbox_returns
    (inbox / "passwords.xlsx").symlink_to("/etc/passwd")
    os.mkfifo(inbox / "pipe.xlsx")  # reading it would block the run forever
    (inbox / "folder.xlsx").mkdir()
    fine = _drop(home, make_return())
    result, store = _intake(home)
    by_name = {o.name: o for o in result.outcomes}
    assert by_name[fine.name].outcome == "accepted"
    for name, kind_en, kind_fr in (
        ("passwords.xlsx", "a symbolic link", "un lien symbolique"),
        ("pipe.xlsx", "a special file", "un fichier spécial"),
        ("folder.xlsx", "a folder", "un dossier"),
    ):
        outcome = by_name[name]
        assert outcome.outcome == "rejected"
        [finding] = outcome.findings
        assert finding.rule == "not_regular_file"
        assert kind_en in finding.message_en and kind_fr in finding.message_fr
    assert not list(inbox.iterdir())
    refused = home.quarantine / RETURNS / "refused"
    [link] = [p for p in refused.iterdir() if p.name.endswith("passwords.xlsx")]
    assert link.is_symlink()  # the link was moved, not what it points to
    reports = sorted(refused.glob("*.report.txt"))
    assert len(reports) == 3
    for path in (home.quarantine, home.archive):
        for stored in path.rglob("*"):
            if stored.is_file() and not stored.is_symlink():
                assert b"root:" not in stored.read_bytes()
    assert len(store.entries()) == 1  # only the real file is in the registry


def test_names_are_escaped_wherever_they_are_shown(home, make_return, capsys):
    from alerts.compose import Recipient, compose_receipt
    from dagster_project.cli.main import print_summary

    forged = "evil\n  REJECTED everything.xlsx: forged\u202exslx.exe"
    assert safe_name(forged) == "evil\\n  REJECTED everything.xlsx: forged\\u202exslx.exe"
    assert safe_name("Rapport été.xlsx") == "Rapport été.xlsx"
    path = make_return(name="x.xlsx", edits={"Metadata!B3": "2031-32-Q5"})
    path = path.rename(path.with_name(forged))
    _drop(home, path)
    _, store = _intake(home)
    print_summary(home)
    out = capsys.readouterr().out
    assert "evil\\n  REJECTED everything.xlsx" in out
    assert not any(line.startswith("  REJECTED everything") for line in out.splitlines())
    assert "\u202e" not in out
    [entry] = store.entries()
    report = (home.home / entry.report_path).read_text(encoding="utf-8")
    assert "\n  REJECTED everything" not in report and "\u202e" not in report
    assert "\n" not in entry.stored_path
    recipient = Recipient("TTA", "Trade", "en", "tta@example.org")
    email: EmailMessage = compose_receipt(
        recipient, "2025-26-Q1", forged, NOW, "spf@example.org", "<id@x>", NOW
    )
    body = email.get_body(("plain",)).get_content()
    assert "evil\\n  REJECTED everything.xlsx" in body and "\u202e" not in body
