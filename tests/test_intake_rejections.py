"""One test per rejection case: exact cell, French text, original bytes kept in quarantine.

Files are built with the layout spec (through the demo's return builder), edited with openpyxl
or at the package level, dropped in a real inbox and taken in by the real intake.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from ingestion.intake import process_inbox, reprocess
from ingestion.kinds import RETURNS
from ingestion.paths import SpfPaths
from ingestion.registers.context import RegisterContext
from ingestion.registers.reader import read_registers
from ingestion.returns.submission_matrix import render_markdown, submission_status
from ingestion.state.registry import StateStore

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _take_in(home: SpfPaths, path: Path):
    target = home.inbox_returns / path.name
    target.write_bytes(path.read_bytes())
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    store = StateStore(home.state_db)
    [outcome] = process_inbox(home, RETURNS, ctx, store, now=NOW).outcomes
    return outcome, store


def _rejected_at(home: SpfPaths, path: Path, location: str, rule: str):
    """Assert the file is rejected with ``rule`` at ``location``, bilingual, original kept."""
    original = path.read_bytes()
    outcome, store = _take_in(home, path)
    assert outcome.outcome == "rejected"
    critical = [f for f in outcome.findings if f.severity == "critical"]
    assert (location, rule) in {(f.location, f.rule) for f in critical}, [
        f.describe() for f in critical
    ]
    finding = next(f for f in critical if f.rule == rule)
    assert finding.message_fr and finding.message_fr != finding.message_en
    assert finding.fix_fr and finding.fix_en
    entry = store.entry(outcome.sha256)
    assert (home.home / entry.stored_path).read_bytes() == original
    assert (home.home / entry.report_path).exists()
    return finding


def test_formula_without_cached_value(home, make_return):
    path = make_return(edits={"KPIs!C2": "=B2*2"})  # openpyxl writes no cached value
    finding = _rejected_at(home, path, "KPIs!C2", "formula_without_value")
    assert "formule" in finding.message_fr


def test_merged_cells_over_data(home, make_return):
    path = make_return()
    wb = openpyxl.load_workbook(path)
    wb["Deliverables"].merge_cells("E2:F3")
    wb.save(path)
    finding = _rejected_at(home, path, "Deliverables!E2", "merged_cells")
    assert "E2:F3" in finding.message_en and "fusionnées" in finding.message_fr


def test_unknown_layout_version(home, make_return):
    finding = _rejected_at(
        home, make_return(edits={"Metadata!B1": "0.9"}), "Metadata!B1", "unknown_layout_version"
    )
    assert "1.0" in finding.message_en


def test_unknown_period(home, make_return):
    _rejected_at(
        home, make_return(edits={"Metadata!B3": "2031-32-Q5"}), "Metadata!B3", "unknown_period"
    )


def test_missing_metadata_field(home, make_return):
    _rejected_at(home, make_return(edits={"Metadata!B2": None}), "Metadata!B2", "missing_metadata")


def test_missing_column(home, make_return):
    path = make_return()
    wb = openpyxl.load_workbook(path)
    wb["Deliverables"]["C1"] = "Progress notes"  # the Status header is gone
    wb.save(path)
    finding = _rejected_at(home, path, "Deliverables!G1", "missing_column")
    assert "Status" in finding.message_en


def test_duplicate_deliverable_rows(home, make_return):
    path = make_return()
    wb = openpyxl.load_workbook(path)
    ws = wb["Deliverables"]
    ws["A3"] = ws["A2"].value
    wb.save(path)
    finding = _rejected_at(home, path, "Deliverables!A3", "duplicate_row")
    assert "plus d'une fois" in finding.message_fr


def test_completion_date_in_the_future(home, make_return):
    future = date.today() + timedelta(days=30)
    path = make_return(edits={"Deliverables!E2": future})
    _rejected_at(home, path, "Deliverables!E2", "completion_in_future")


def test_at_risk_without_comment(home, make_return):
    path = make_return(edits={"Deliverables!C2": "At risk", "Deliverables!F2": None})
    _rejected_at(home, path, "Deliverables!F2", "comment_required")


def test_unknown_kpi_code(home, make_return):
    _rejected_at(home, make_return(edits={"KPIs!A2": "KPI-99"}), "KPIs!A2", "unknown_kpi")


def test_risk_score_out_of_range(home, make_return):
    _rejected_at(home, make_return(edits={"Risks!D2": 7}), "Risks!D2", "value_range")


def test_percentage_stored_as_excel_percentage_is_read_as_percent(home, make_return):
    path = make_return()
    wb = openpyxl.load_workbook(path)
    cell = wb["Deliverables"]["D2"]
    cell.value, cell.number_format = 0.75, "0%"
    wb.save(path)
    outcome, _ = _take_in(home, path)
    assert outcome.outcome == "accepted"
    [note] = [f for f in outcome.findings if f.location == "Deliverables!D2"]
    assert note.severity == "warning" and "75" in note.message_en


def test_password_protected_workbook(home, make_return):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = make_return()
    encrypted = plain.with_name("protected.xlsx")
    with plain.open("rb") as source, encrypted.open("wb") as target:
        OOXMLFile(source).encrypt("secret", target)
    finding = _rejected_at(home, encrypted, "", "encrypted")
    assert "mot de passe" in finding.message_fr


def test_macro_enabled_workbook(home, make_return):
    path = make_return()
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00" * 64)
    _rejected_at(home, path, "", "macro_enabled")


def test_opendocument_spreadsheet_renamed(home, tmp_path):
    path = tmp_path / "return.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    finding = _rejected_at(home, path, "", "not_xlsx")
    assert "OpenDocument" in finding.message_en


def test_too_many_cells_is_refused_before_parsing(home, make_return, monkeypatch):
    monkeypatch.setenv("SPF_MAX_CELLS", "50")
    finding = _rejected_at(home, make_return(), "", "too_large")
    assert "cells" in finding.message_en


def test_formula_injection_in_values_is_inert_in_the_xlsx_report(home, make_return):
    path = make_return(edits={"Deliverables!C2": "@SUM(A1)"})
    outcome, store = _take_in(home, path)
    report = home.home / store.entry(outcome.sha256).report_path
    wb = openpyxl.load_workbook(report.with_suffix(".xlsx"))
    values = [c.value for row in wb.active.iter_rows(min_row=3) for c in row]
    assert "'@SUM(A1)" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert any(v == "Deliverables" for v in values)


ZIP_BOMB_CHECK = r"""
import sys
from pathlib import Path
from datetime import UTC, datetime
from ingestion.paths import spf_paths
from ingestion.intake import process_inbox
from ingestion.kinds import RETURNS
from ingestion.registers.context import RegisterContext
from ingestion.registers.reader import read_registers
from ingestion.state.registry import StateStore

home = spf_paths(sys.argv[1])
ctx = RegisterContext.from_frames(read_registers(home.reference))
[outcome] = process_inbox(home, RETURNS, ctx, StateStore(home.state_db)).outcomes
# VmHWM is this process's own peak; ru_maxrss would include the parent's from before exec
status = Path("/proc/self/status").read_text()
peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
print(outcome.outcome, outcome.findings[0].rule, round(peak_kb / 1024))
"""


def test_decompression_bomb_is_refused_within_memory(home, tmp_path):
    bomb = home.inbox_returns / "return_bomb.xlsx"
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(1024):  # 1 GiB of zeros
                member.write(chunk)
    assert bomb.stat().st_size < 5 * (1 << 20)
    out = subprocess.run(
        [sys.executable, "-c", ZIP_BOMB_CHECK, str(home.home)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    outcome, rule, peak_mb = out.stdout.split()
    assert (outcome, rule) == ("rejected", "too_large")
    assert int(peak_mb) < 500, f"peak {peak_mb} MB"


def test_reprocessing_a_quarantined_file_after_fixing_the_register(home, make_return):
    # A row added for a deliverable the plan register does not list yet (TTA has 8: rows 2-9).
    added = {
        "Deliverables!A10": "D-2526-99",
        "Deliverables!C10": "Not started",
        "Deliverables!D10": 0,
    }
    path = make_return(edits=added)
    outcome, store = _take_in(home, path)
    assert outcome.outcome == "rejected"
    quarantined = home.home / store.entry(outcome.sha256).stored_path

    with (home.reference / "deliverables.csv").open("a", encoding="utf-8") as register:
        register.write(
            "D-2526-99,2025-26,SO1,New deliverable,Nouveau livrable,,TTA,2025-26-Q4,qualitative\n"
        )
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    again, parsed = reprocess(home, path.name, ctx, store, now=NOW)
    assert again.outcome == "accepted" and parsed is not None
    entry = store.entry(outcome.sha256)
    assert entry.outcome == "accepted" and entry.stored_path.startswith("archive/")
    assert (home.home / entry.stored_path).read_bytes() == path.read_bytes()
    assert not quarantined.exists()
    assert (quarantined.parent / "resolved" / quarantined.name).exists()
    with store.connect() as con:
        actions = [r[0] for r in con.execute("SELECT action FROM file_sightings ORDER BY rowid")]
    assert actions == ["rejected", "reprocessed"]


def test_submission_matrix_shows_accepted_rejected_and_missing(home, make_return):
    _take_in(home, make_return("TTA", "2025-26-Q1"))
    _take_in(home, make_return("CF", "2025-26-Q1", edits={"Deliverables!C2": "???"}))
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    entries = StateStore(home.state_db).entries()
    status = submission_status(entries, ctx, NOW)
    assert status[("TTA", "2025-26-Q1")] == "warnings"  # late: received long after the deadline
    assert status[("CF", "2025-26-Q1")] == "rejected"
    assert status[("CB", "2025-26-Q1")] == "missing"
    assert status[("CB", "2026-27-Q4")] == ""
    table = render_markdown(status)
    assert "| TTA | ✅⚠ |" in table and "| CF | ❌ |" in table


@pytest.mark.parametrize("selector", ["nothing-like-this.xlsx", "deadbeef00"])
def test_reprocess_of_an_unknown_file_says_so(home, selector):
    from ingestion.intake import UnknownFileError

    ctx = RegisterContext.from_frames(read_registers(home.reference))
    with pytest.raises(UnknownFileError, match=selector):
        reprocess(home, selector, ctx, StateStore(home.state_db))


def test_xml_entity_bomb_is_refused(home, make_return, tmp_path):
    source = make_return()
    bomb = tmp_path / "return_entities.xlsx"
    lol = (
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>"
    )
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(bomb, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"<worksheet", lol.encode() + b"<worksheet", 1)
                assert lol.encode() in data
            dst.writestr(info, data)
    finding = _rejected_at(home, bomb, "", "corrupt")
    assert "DTD" in finding.message_en


def test_reordered_french_headers_and_dates_as_text_are_accepted(home, make_return):
    path = make_return()
    wb = openpyxl.load_workbook(path)
    ws = wb["Deliverables"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    order = [5, 4, 3, 2, 1, 0]  # every column moved
    french = [
        "Code du livrable",
        "Livrable",
        "Statut",
        "% achevé",
        "Date d'achèvement",
        "Commentaire",
    ]
    ws.delete_rows(1, ws.max_row)
    ws.append([french[i] for i in order])
    for row in rows[1:]:
        ws.append([row[i] for i in order])
    ws.append([None] * 6)  # empty trailing rows
    ws.append([None] * 6)
    ws["B2"] = "15/09/2025"  # "Date d'achèvement" is now column B: a date typed as text
    wb.save(path)
    outcome, _ = _take_in(home, path)
    assert outcome.outcome == "accepted", [f.describe() for f in outcome.findings]
    assert "Deliverables!B2" in {f.location for f in outcome.findings if f.rule == "normalised"}


def test_a_crash_while_reading_one_file_rejects_only_that_file(home, make_return, monkeypatch):
    import ingestion.returns.assessment as assessment

    real = assessment.parse_return

    def crash_on_cf(path, *args, **kwargs):
        if "CF" in path.name:
            raise MemoryError("simulated failure inside the reader")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(assessment, "parse_return", crash_on_cf)
    for directorate in ("CF", "TTA"):
        source = make_return(directorate, "2025-26-Q1")
        (home.inbox_returns / source.name).write_bytes(source.read_bytes())
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    result = process_inbox(home, RETURNS, ctx, StateStore(home.state_db), now=NOW)
    outcomes = {o.name: o for o in result.outcomes}
    crashed = outcomes["return_CF_2025-26-Q1.xlsx"]
    assert crashed.outcome == "rejected"
    assert crashed.findings[0].rule == "read_failed"
    assert "simulated failure" in crashed.findings[0].message_en
    assert outcomes["return_TTA_2025-26-Q1.xlsx"].outcome == "accepted"
