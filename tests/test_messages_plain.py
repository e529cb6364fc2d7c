"""Messages in plain words and in French that reads right: each case dropped in a real inbox.

Files are built by the demo's return builder (``make_return``) and spoiled as they were seen
in practice: an empty attachment, a package another program wrote badly, "n/a" typed in a KPI
value, a negative budget.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl

from ingestion.intake import process_inbox
from ingestion.kinds import RETURNS
from ingestion.paths import SpfPaths
from ingestion.registers.context import RegisterContext
from ingestion.registers.reader import read_registers
from ingestion.state.registry import StateStore

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _take_in(home: SpfPaths, path: Path):
    (home.inbox_returns / path.name).write_bytes(path.read_bytes())
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    store = StateStore(home.state_db)
    [outcome] = process_inbox(home, RETURNS, ctx, store, now=NOW).outcomes
    return outcome, store.entry(outcome.sha256)


def test_an_empty_file_gets_its_own_message(home, tmp_path):
    empty = tmp_path / "return_TTA_2025-26-Q1.xlsx"
    empty.write_bytes(b"")
    outcome, _ = _take_in(home, empty)
    [finding] = outcome.findings
    assert (outcome.outcome, finding.rule) == ("rejected", "empty_file")
    assert "empty" in finding.message_en and "Attach the workbook again" in finding.fix_en
    assert "vide" in finding.message_fr and "Joignez à nouveau" in finding.fix_fr
    assert "CSV" not in finding.describe("en") + finding.describe("fr")


def test_a_text_file_is_described_in_french_in_french(home, tmp_path):
    text = tmp_path / "return_TTA_2025-26-Q1.xlsx"
    text.write_text("code;status\nD-1;done\n")
    outcome, _ = _take_in(home, text)
    [finding] = outcome.findings
    assert "it looks like" not in finding.message_fr
    assert "il ressemble à un fichier texte ou CSV" in finding.message_fr


def test_a_package_the_reader_cannot_open_is_explained_with_the_detail_beside(
    home, make_return, tmp_path
):
    good = make_return()
    damaged = tmp_path / "damaged" / good.name
    damaged.parent.mkdir()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]  # a writer that stopped half-way
            target.writestr(info, data)
    outcome, _ = _take_in(home, damaged)
    [finding] = [f for f in outcome.findings if f.severity == "critical"]
    assert (outcome.outcome, finding.rule) == ("rejected", "read_failed")
    assert finding.message_en.startswith("The file could not be read: it is damaged, or was")
    assert "(detail: " in finding.message_en and "(détail : " in finding.message_fr
    assert "Excel or LibreOffice" in finding.fix_en and "Excel ou LibreOffice" in finding.fix_fr


def test_n_a_in_a_kpi_value_gives_one_message(home, make_return):
    outcome, _ = _take_in(home, make_return(edits={"KPIs!C2": "n/a"}))
    at_cell = [f for f in outcome.findings if f.location == "KPIs!C2"]
    assert [(f.rule, f.severity) for f in at_cell] == [("not_a_number", "critical")]


def test_an_open_range_reads_at_least_and_the_xlsx_report_translates_severities(home, make_return):
    outcome, entry = _take_in(home, make_return(edits={"Resources!C2": -5000}))
    [finding] = [f for f in outcome.findings if f.location == "Resources!C2"]
    assert finding.rule == "value_range"
    assert "(at least 0)" in finding.message_en and "(au moins 0)" in finding.message_fr
    assert "[0; ]" not in finding.describe("en") + finding.describe("fr")
    assert "Value -5,000 in column" in finding.message_en  # never -5000.0
    assert "La valeur -5\u202f000 de la colonne" in finding.message_fr
    report = home.home / Path(entry.report_path).with_suffix(".xlsx")
    rows = list(openpyxl.load_workbook(report).active.iter_rows(min_row=3, values_only=True))
    assert {row[0] for row in rows} <= {"error / erreur", "warning / avertissement"}
    assert next(row[0] for row in rows if row[2] == "C2") == "error / erreur"


def test_headers_are_quoted_as_they_stand_in_the_file_with_the_other_name_beside(home, make_return):
    # RCP's return is in French: its headers are French
    path = make_return("RCP", edits={"Deliverables!D2": "n/a", "Resources!C2": -5})
    outcome, _ = _take_in(home, path)
    by_cell = {f.location: f for f in outcome.findings}
    parsed, validated = by_cell["Deliverables!D2"], by_cell["Resources!C2"]
    assert "(column '% achevé' (% complete))" in parsed.message_en
    assert "(colonne « % achevé » (% complete))" in parsed.message_fr
    assert "column 'Budget dépensé (EUR)' (Budget spent (EUR))" in validated.message_en
    assert "colonne « Budget dépensé (EUR) » (Budget spent (EUR))" in validated.message_fr
    assert "Budget spent (EUR)'" not in validated.message_en  # never the English as the quote
