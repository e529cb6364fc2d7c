"""Return intake: accepted whole or rejected whole, located bilingual findings, nothing lost."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingestion.intake import process_inbox
from ingestion.kinds import RETURNS
from ingestion.paths import SpfPaths
from ingestion.registers.context import RegisterContext
from ingestion.registers.reader import read_registers
from ingestion.state.registry import StateStore

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _drop(home: SpfPaths, *files: Path) -> None:
    for path in files:
        shutil.copy2(path, home.inbox_returns / path.name)


def _intake(home: SpfPaths):
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    store = StateStore(home.state_db)
    return process_inbox(home, RETURNS, ctx, store, now=NOW), store


def test_valid_return_is_accepted_and_archived(home, make_return):
    path = make_return("TTA", "2025-26-Q1")
    original = path.read_bytes()
    _drop(home, path)
    result, store = _intake(home)
    [outcome] = result.outcomes
    assert outcome.outcome == "accepted", [f.describe() for f in outcome.findings]
    entry = store.entry(outcome.sha256)
    assert (home.home / entry.stored_path).read_bytes() == original
    assert entry.stored_path.startswith("archive/returns/")
    assert not any(home.inbox_returns.iterdir())


def test_invalid_status_rejects_file_with_cell_french_and_original_kept(home, make_return):
    path = make_return("TTA", "2025-26-Q1", edits={"Deliverables!C3": "Nearly done"})
    original = path.read_bytes()
    _drop(home, path)
    result, store = _intake(home)
    [outcome] = result.outcomes
    assert outcome.outcome == "rejected"
    [finding] = [f for f in outcome.findings if f.severity == "critical"]
    assert finding.location == "Deliverables!C3"
    assert "Nearly done" in finding.message_en and "statuts autorisés" in finding.message_fr
    assert "En bonne voie" in finding.fix_fr and "On track" in finding.fix_en
    entry = store.entry(outcome.sha256)
    quarantined = home.home / entry.stored_path
    assert quarantined.parent == home.quarantine / "returns"
    assert quarantined.read_bytes() == original
    report = (home.home / entry.report_path).read_text(encoding="utf-8")
    assert "Deliverables!C3" in report and "REJETÉ" in report and "REJECTED" in report


def test_every_cell_problem_is_listed_at_once(home, make_return):
    path = make_return(
        "TTA",
        "2025-26-Q1",
        edits={
            "Deliverables!D2": 140,  # percent out of range
            "Deliverables!E3": "next spring",  # not a date
            "Deliverables!A4": "D-9999-99",  # unknown deliverable
            "KPIs!C2": "about ten",  # not a number
        },
    )
    _drop(home, path)
    result, _ = _intake(home)
    [outcome] = result.outcomes
    located = {f.location: f.rule for f in outcome.findings if f.severity == "critical"}
    assert located == {
        "Deliverables!D2": "percent_range",
        "Deliverables!E3": "not_a_date",
        "Deliverables!A4": "unknown_deliverable",
        "KPIs!C2": "not_a_number",
    }


def test_completed_deliverable_must_be_100_percent(home, make_return):
    path = make_return(
        "TTA", "2025-26-Q1", edits={"Deliverables!C2": "Completed", "Deliverables!D2": 60}
    )
    _drop(home, path)
    result, _ = _intake(home)
    rules = {(f.location, f.rule) for f in result.outcomes[0].findings}
    assert ("Deliverables!D2", "completed_not_100") in rules


def test_unknown_directorate_in_metadata_is_rejected(home, make_return):
    path = make_return("TTA", "2025-26-Q1", edits={"Metadata!B2": "XYZ"})
    _drop(home, path)
    result, _ = _intake(home)
    [finding] = [f for f in result.outcomes[0].findings if f.severity == "critical"]
    assert (finding.location, finding.rule) == ("Metadata!B2", "unknown_directorate")
    assert "XYZ" in finding.message_fr


def test_missing_sheet_is_rejected(home, make_return):
    path = make_return("TTA", "2025-26-Q1", drop_sheet="Risks")
    _drop(home, path)
    result, _ = _intake(home)
    assert result.outcomes[0].outcome == "rejected"
    critical = [f for f in result.outcomes[0].findings if f.severity == "critical"]
    assert [(f.rule, f.sheet) for f in critical] == [("missing_sheet", "Risks")]


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"member,year\nFRA,2024\n", "text or CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ".xls"),
        (b"PK\x03\x04 truncated", "damaged"),
    ],
)
def test_files_that_are_not_xlsx_are_rejected_and_others_still_processed(
    home, make_return, content, detail
):
    bad = home.inbox_returns / "a_bad_return.xlsx"
    bad.write_bytes(content)
    _drop(home, make_return("TTA", "2025-26-Q1"))
    result, store = _intake(home)
    outcomes = {o.name: o for o in result.outcomes}
    assert outcomes["a_bad_return.xlsx"].outcome == "rejected"
    assert detail in outcomes["a_bad_return.xlsx"].findings[0].message_en
    assert outcomes["return_TTA_2025-26-Q1.xlsx"].outcome == "accepted"
    kept = home.home / store.entry(outcomes["a_bad_return.xlsx"].sha256).stored_path
    assert kept.read_bytes() == content


def test_same_content_under_another_name_changes_nothing(home, make_return):
    path = make_return("TTA", "2025-26-Q1")
    _drop(home, path)
    _first, store = _intake(home)
    shutil.copy2(path, home.inbox_returns / "copy of the TTA return.xlsx")
    second, store = _intake(home)
    assert [o.outcome for o in second.outcomes] == ["duplicate"]
    assert len(store.entries()) == 1
    assert not any(home.inbox_returns.iterdir())


def test_office_lock_and_partial_files_are_ignored(home, make_return):
    (home.inbox_returns / "~$return.xlsx").write_bytes(b"lock")
    (home.inbox_returns / "return.xlsx.part").write_bytes(b"partial")
    result, _ = _intake(home)
    assert result.outcomes == []
    assert (home.inbox_returns / "~$return.xlsx").exists()


def test_late_return_is_accepted_with_a_warning(home, make_return):
    path = make_return("TTA", "2025-26-Q1")
    _drop(home, path)  # copy2 keeps the mtime: now, long after the 2025-10-15 deadline
    result, _ = _intake(home)
    [outcome] = result.outcomes
    assert outcome.outcome == "accepted"
    assert [f.rule for f in outcome.findings if f.severity == "warning"] == ["late_return"]
    assert "2025-10-15 17:00" in outcome.findings[-1].message_en


def test_tolerated_forms_are_normalised_with_warnings(home, make_return):
    path = make_return(
        "TTA",
        "2025-26-Q1",
        edits={"Deliverables!C2": "  on TRACK ", "Deliverables!D2": "75 %", "KPIs!C2": "12,5"},
    )
    _drop(home, path)
    result, _ = _intake(home)
    [outcome] = result.outcomes
    assert outcome.outcome == "accepted", [f.describe() for f in outcome.findings]
    frame = result.parsed[outcome.sha256].sheets["Deliverables"].frame
    assert frame.at[2, "status"] == "on_track" and frame.at[2, "percent_complete"] == 75.0
    kpis = result.parsed[outcome.sha256].sheets["KPIs"].frame
    assert kpis.at[2, "actual_value"] == 12.5
    warned = {f.location for f in outcome.findings if f.rule == "normalised"}
    assert warned == {"Deliverables!C2", "Deliverables!D2", "KPIs!C2"}
