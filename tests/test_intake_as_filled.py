"""Returns as people really fill them: what intake used to take silently, now said or refused.

Each file is built by the demo's return builder (``make_return``), edited as an officer would
(hiding a row, deleting one, changing the period, renaming the file), dropped in a real inbox
and taken in by the real intake with an injected clock.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl

from ingestion.intake import IntakeResult, process_inbox
from ingestion.kinds import RETURNS
from ingestion.paths import SpfPaths
from ingestion.registers.context import RegisterContext
from ingestion.registers.reader import read_registers
from ingestion.state.registry import StateStore

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _drop(home: SpfPaths, *paths: Path, now: datetime = NOW) -> IntakeResult:
    for path in paths:
        target = home.inbox_returns / path.name
        target.write_bytes(path.read_bytes())
        os.utime(target, (path.stat().st_mtime, path.stat().st_mtime))
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    return process_inbox(home, RETURNS, ctx, StateStore(home.state_db), now=now)


def _only(result: IntakeResult):
    [outcome] = result.outcomes
    return outcome


def _finding(outcome, rule: str, location: str, severity: str = "critical"):
    found = [f for f in outcome.findings if (f.rule, f.location) == (rule, location)]
    assert found, [f.describe() for f in outcome.findings]
    assert found[0].severity == severity
    assert found[0].message_fr != found[0].message_en and found[0].fix_fr and found[0].fix_en
    return found[0]


def _edit(path: Path, change) -> Path:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def test_hidden_row_holding_data_is_rejected(home, make_return):
    def hide(wb):
        wb["Deliverables"].row_dimensions[3].hidden = True

    outcome = _only(_drop(home, _edit(make_return(), hide)))
    assert outcome.outcome == "rejected"
    finding = _finding(outcome, "hidden_row", "Deliverables!A3")
    assert "Row 3 is hidden" in finding.message_en and "Delete row 3" in finding.fix_en
    assert "La ligne 3 est masquée" in finding.message_fr and "Supprimez" in finding.fix_fr


def test_hidden_empty_row_is_harmless(home, make_return):
    def hide(wb):
        wb["Deliverables"].row_dimensions[40].hidden = True

    assert _only(_drop(home, _edit(make_return(), hide))).outcome == "accepted"


def test_hidden_column_holding_data_is_rejected_quoting_its_header(home, make_return):
    def hide(wb):
        wb["Deliverables"].column_dimensions["D"].hidden = True  # % complete

    outcome = _only(_drop(home, _edit(make_return(directorate="RCP"), hide)))
    assert outcome.outcome == "rejected"
    finding = _finding(outcome, "hidden_column", "Deliverables!D1")
    # RCP's return is in French: the header is quoted as it stands in the file
    assert "Column D (“% achevé”) is hidden" in finding.message_en
    assert "La colonne D (« % achevé ») est masquée" in finding.message_fr
    assert "Unhide column D" in finding.fix_en and "Affichez la colonne D" in finding.fix_fr


def test_return_for_a_period_that_has_not_begun_is_rejected(home, make_return):
    path = make_return(period="2025-26-Q3")  # begins 2026-01-01
    outcome = _only(_drop(home, path, now=datetime(2025, 12, 20, 9, 0, tzinfo=UTC)))
    assert outcome.outcome == "rejected"
    [critical] = [f for f in outcome.findings if f.severity == "critical"]
    assert critical.rule == "period_not_begun" and critical.location == "Metadata!B3"
    assert "2026-01-01" in critical.message_en and "2026-01-01" in critical.message_fr
    assert "Metadata!B3" in critical.fix_en and "Metadata!B3" in critical.fix_fr
    assert "n'a pas commencé" in critical.message_fr


def test_file_name_naming_another_period_warns_and_metadata_decides(home, make_return):
    path = make_return(period="2025-26-Q2", name="return_TTA_2025-26-Q1.xlsx")
    outcome = _only(_drop(home, path))
    assert (outcome.outcome, outcome.period_code) == ("accepted", "2025-26-Q2")
    finding = _finding(outcome, "file_name_period", "Metadata!B3", "warning")
    assert "file name says 2025-26-Q1" in finding.message_en
    assert "cell Metadata!B3 says 2025-26-Q2" in finding.message_en
    assert "la cellule Metadata!B3 indique 2025-26-Q2" in finding.message_fr


def test_file_name_naming_another_directorate_rejects_saying_so_first(home, make_return):
    path = make_return(directorate="CF", name="return_TTA_2025-26-Q1.xlsx")
    outcome = _only(_drop(home, path))
    assert outcome.outcome == "rejected"
    critical = [f for f in outcome.findings if f.severity == "critical"]
    # one finding, first, not a line per deliverable that is "not one of TTA's"
    assert [f.rule for f in critical] == ["file_name_directorate"]
    assert outcome.findings[0] is critical[0] and critical[0].location == "Metadata!B2"
    assert "Directorate TTA" in critical[0].message_en
    assert "cell Metadata!B2 says CF" in critical[0].message_en
    assert "la direction TTA" in critical[0].message_fr
    assert "cellule Metadata!B2 indique CF" in critical[0].message_fr
    assert (outcome.directorate_code, outcome.period_code) == ("CF", "2025-26-Q1")


def _delete_row(row: int):
    def change(wb):
        wb["Deliverables"].delete_rows(row)

    return change


def test_deleted_deliverable_row_is_rejected_naming_the_code(home, make_return):
    outcome = _only(_drop(home, _edit(make_return(), _delete_row(3))))
    assert outcome.outcome == "rejected"
    finding = _finding(outcome, "missing_deliverable", "Deliverables")
    assert finding.value == "D-2526-02"
    assert "Deliverable D-2526-02 is not in the return" in finding.message_en
    assert "status Not started" in finding.fix_en
    assert "Le livrable D-2526-02 ne figure pas" in finding.message_fr
    assert "statut Non commencé" in finding.fix_fr


def _completed_first_row(wb):
    ws = wb["Deliverables"]
    ws["C2"], ws["D2"], ws["E2"] = "Completed", 100, date(2025, 9, 1)


def test_deliverable_completed_in_an_earlier_return_may_be_left_out(home, make_return):
    q1 = _edit(make_return(period="2025-26-Q1"), _completed_first_row)
    assert _only(_drop(home, q1)).outcome == "accepted"
    # Q2 leaves D-2526-01 out (completed in Q1, carried forward) and D-2526-03 (deleted)
    q2 = _edit(make_return(period="2025-26-Q2"), _delete_row(4))
    q2 = _edit(q2, _delete_row(2))
    outcome = _only(_drop(home, q2))
    assert outcome.outcome == "rejected"
    missing = [f.value for f in outcome.findings if f.rule == "missing_deliverable"]
    assert missing == ["D-2526-03"]
    # without the deleted row, the return that leaves out only the completed one is accepted
    q2_fixed = _edit(make_return(period="2025-26-Q2", name="q2_fixed.xlsx"), _delete_row(2))
    assert _only(_drop(home, q2_fixed)).outcome == "accepted"


def test_deliverable_completed_in_an_earlier_return_of_the_same_drop(home, make_return):
    q1 = _edit(make_return(period="2025-26-Q1"), _completed_first_row)
    q2 = _edit(make_return(period="2025-26-Q2"), _delete_row(2))
    result = _drop(home, q2, q1)
    assert {o.period_code: o.outcome for o in result.outcomes} == {
        "2025-26-Q1": "accepted",
        "2025-26-Q2": "accepted",
    }


def test_identical_copies_are_taken_in_order_of_receipt(home, make_return):
    later = make_return(name="return_TTA_2025-26-Q1.xlsx")
    first = home.home / "return_TTA_2025-26-Q1 (1).xlsx"
    first.write_bytes(later.read_bytes())
    os.utime(first, (1_760_000_000, 1_760_000_000))  # 2025-10-09, before the deadline
    os.utime(later, (1_761_000_000, 1_761_000_000))  # 2025-10-20, after it
    result = _drop(home, later, first)
    by_name = {o.name: o.outcome for o in result.outcomes}
    assert by_name == {first.name: "accepted", later.name: "duplicate"}
    [entry] = StateStore(home.state_db).entries(RETURNS)
    assert entry.original_name == first.name
    assert entry.received_at == datetime.fromtimestamp(1_760_000_000, tz=UTC)
    accepted = next(o for o in result.outcomes if o.outcome == "accepted")
    assert "late_return" not in {f.rule for f in accepted.findings}


def test_trailing_spaces_are_warned_as_the_layout_document_says(home, make_return):
    def spaced(wb):
        ws = wb["Deliverables"]
        ws["C2"] = f"{ws['C2'].value} "
        wb["Metadata"]["B2"] = "TTA "

    outcome = _only(_drop(home, _edit(make_return(), spaced)))
    assert outcome.outcome == "accepted"
    status = _finding(outcome, "normalised", "Deliverables!C2", "warning")
    assert status.value.endswith(" ") and "a été lu comme" in status.message_fr
    metadata = [f for f in outcome.findings if f.location == "Metadata!B2"]
    assert [(f.rule, f.severity, f.value) for f in metadata] == [("normalised", "warning", "TTA ")]
