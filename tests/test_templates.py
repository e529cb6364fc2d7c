"""Return templates: pre-filled from the registers, locked where they must be, and accepted by
intake once filled (with openpyxl, and after a round trip through LibreOffice)."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ingestion.intake import IntakeResult, process_inbox
from ingestion.kinds import RETURNS
from ingestion.paths import SpfPaths
from ingestion.registers.context import RegisterContext
from ingestion.registers.reader import read_registers
from ingestion.returns.layout import load_layout
from ingestion.returns.templates import (
    INSTRUCTIONS_SHEET,
    TemplateError,
    generate_templates,
    next_period,
)
from ingestion.state.registry import StateStore
from ingestion.warehouse.loader import load_accepted

PERIOD = "2025-26-Q2"
GENERATED = datetime(2025, 12, 20, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)  # before the Q2 deadline (2026-01-15 17:00)
DEADLINE = "2026-01-15 17:00"
PREVIOUS_EN = "Previous period (for reference)"
PREVIOUS_FR = "Période précédente (pour référence)"
# Statuses given to the deliverables in turn, with the % complete and comment they need.
PLAN = [
    ("on_track", 40, None),
    ("at_risk", 30, "Waiting for Member replies."),
    ("completed", 100, None),
    ("not_started", 0, None),
]
LIBREOFFICE_TIMEOUT = 180


def _generate(home: SpfPaths, directorate: str, at: datetime = GENERATED) -> Path:
    run = generate_templates(home, read_registers(home.reference), PERIOD, [directorate], at)
    [path] = run.files
    return path


def _intake(home: SpfPaths, *files: Path) -> IntakeResult:
    for path in files:
        shutil.copyfile(path, home.inbox_returns / path.name)
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    return process_inbox(home, RETURNS, ctx, StateStore(home.state_db), now=NOW)


def _label(code: str, language: str, kind: str = "status") -> str:
    choice = next(c for c in load_layout().choices(kind) if c.code == code)
    return choice.label_fr if language == "fr" else choice.label_en


def _code_rows(ws: Worksheet) -> list[int]:
    return [row for row in range(2, ws.max_row + 1) if ws.cell(row=row, column=1).value]


def _fill(path: Path, language: str) -> list[str]:
    """Type a plausible return into the template's input cells; returns the statuses given."""
    wb = load_workbook(path)
    ws = wb["Deliverables"]
    given = []
    for number, row in enumerate(_code_rows(ws)):
        status, percent, comment = PLAN[number % len(PLAN)]
        ws.cell(row=row, column=3, value=_label(status, language))
        ws.cell(row=row, column=4, value=percent)
        if status == "completed":
            ws.cell(row=row, column=5, value=datetime(2025, 11, 28))
        ws.cell(row=row, column=6, value=comment)
        given.append(status)
    ws = wb["KPIs"]
    for number, row in enumerate(_code_rows(ws)):
        ws.cell(row=row, column=3, value=12.5 + number)
    risk = [
        "R-01",
        "Staff turnover",
        "SO1",
        3,
        4,
        2,
        3,
        _label("increasing", language, "risk_trend"),
        "Cross-training.",
    ]
    for column, value in enumerate(risk, start=1):
        wb["Risks"].cell(row=2, column=column, value=value)
    ws = wb["Resources"]
    for row in _code_rows(ws):
        ws.cell(row=row, column=2, value=100000)
        ws.cell(row=row, column=3, value=25000.5)
    wb.save(path)
    return given


def _outcome(result: IntakeResult) -> Any:
    [outcome] = result.outcomes
    assert outcome.outcome == "accepted", [f.describe() for f in outcome.findings]
    return outcome


# --- content and protection ----------------------------------------------------------------------


def test_template_is_prefilled_from_registers_locked_and_validated(home):
    path = _generate(home, "TTA")
    assert path == home.templates / PERIOD / "return_TTA_2025-26-Q2.xlsx"
    frames = read_registers(home.reference)
    ctx = RegisterContext.from_frames(frames)
    wb = load_workbook(path)
    layout = load_layout()
    assert wb.sheetnames == [
        INSTRUCTIONS_SHEET,
        *(s.name for s in layout.sheets),
        layout.metadata_sheet,
    ]
    assert wb.security.lockStructure

    ws = wb["Deliverables"]
    spec = layout.sheet("Deliverables")
    assert [c.value for c in ws[1]][: len(spec.columns)] == [c.header_en for c in spec.columns]
    assert ws["C1"].comment.text == "Statut"  # the other language, beside the header
    codes = [ws.cell(row=r, column=1).value for r in _code_rows(ws)]
    assert tuple(codes) == ctx.deliverables[("TTA", "2025-26")]
    titles = frames["deliverables"].set_index("deliverable_code")["title_en"]
    assert ws["B2"].value == titles[codes[0]]
    assert ws.protection.sheet
    assert ws["A2"].protection.locked and ws["B2"].protection.locked
    for letter in "CDEF":
        assert not ws[f"{letter}2"].protection.locked, letter
    validations = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert validations["C2"].type == "list" and "On track" in validations["C2"].formula1
    assert (validations["D2"].type, validations["D2"].formula1, validations["D2"].formula2) == (
        "decimal",
        "0",
        "100",
    )
    # no later than today, as intake refuses a completion date after the day of receipt
    assert validations["E2"].type == "date" and validations["E2"].formula2.endswith(",TODAY())")
    assert "to today" in validations["E2"].prompt and "aujourd'hui" in validations["E2"].prompt

    kpis = wb["KPIs"]
    assert (
        tuple(kpis.cell(row=r, column=1).value for r in _code_rows(kpis))
        == (ctx.return_kpis["TTA"])
    )
    assert kpis["A2"].protection.locked and not kpis["C2"].protection.locked
    kpi_validations = {str(dv.sqref)[:2]: dv.type for dv in kpis.data_validations.dataValidation}
    assert kpi_validations == {"C2": "decimal"}
    assert not wb["Risks"]["A2"].protection.locked  # risks are typed by the Directorate
    assert wb["Resources"]["A2"].protection.locked and not wb["Resources"]["B2"].protection.locked

    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            assert not any(cell.data_type == "f" for cell in row), sheet.title

    text = "\n".join(str(c.value) for c in wb[INSTRUCTIONS_SHEET]["A"] if c.value)
    assert DEADLINE in text and "How to fill in this return" in text
    assert "Comment remplir ce rapport" in text and "Tariff and Trade Affairs" in text


def test_metadata_sheet_is_very_hidden_protected_and_read_by_intake(home):
    wb = load_workbook(_generate(home, "TTA"))
    meta = wb["Metadata"]
    assert meta.sheet_state == "veryHidden"
    assert meta.protection.sheet
    fields = {row[0].value: row[1].value for row in meta.iter_rows()}
    assert fields["layout_version"] == load_layout().layout_version
    assert (fields["directorate_code"], fields["period_code"]) == ("TTA", PERIOD)
    assert fields["plan_revision"] == 1 and fields["plan_cycle"] == "2025-2028"
    assert fields["generated_at"] == "2025-12-20T09:30:00Z"


def test_same_inputs_give_the_same_bytes(home):
    first = _generate(home, "CB").read_bytes()
    assert _generate(home, "CB").read_bytes() == first
    later = datetime(2025, 12, 21, 9, 30, tzinfo=UTC)
    assert _generate(home, "CB", at=later).read_bytes() != first


# --- intake accepts the filled templates ---------------------------------------------------------


def test_filled_english_template_is_accepted(home):
    path = _generate(home, "TTA")
    given = _fill(path, "en")
    result = _intake(home, path)
    outcome = _outcome(result)
    assert (outcome.directorate_code, outcome.period_code) == ("TTA", PERIOD)
    parsed = result.parsed[outcome.sha256]
    assert list(parsed.sheets["Deliverables"].frame["status"]) == given
    assert parsed.sheets["Risks"].frame["trend"].tolist() == ["increasing"]


def test_french_template_labels_map_back_to_codes(home):
    path = _generate(home, "CB")
    wb = load_workbook(path)
    ws = wb["Deliverables"]
    spec = load_layout().sheet("Deliverables")
    assert [c.value for c in ws[1]][: len(spec.columns)] == [c.header_fr for c in spec.columns]
    assert ws["C1"].comment.text == "Status"
    [status_list] = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref)[:2] == "C2"]
    assert "En bonne voie" in status_list.formula1 and "On track" not in status_list.formula1
    assert ws["B2"].value.startswith(("Outil", "Programme", "Ateliers"))  # French titles
    given = _fill(path, "fr")
    result = _intake(home, path)
    parsed = result.parsed[_outcome(result).sha256]
    frame = parsed.sheets["Deliverables"].frame
    assert list(frame["status"]) == given
    assert {"on_track", "at_risk", "completed"} <= set(given)
    assert parsed.sheets["Risks"].frame["trend"].tolist() == ["increasing"]


def test_previous_period_values_are_shown_and_ignored_by_intake(home, make_return):
    q1 = make_return("TTA", "2025-26-Q1")
    first = _intake(home, q1)
    q1_frame = first.parsed[_outcome(first).sha256].sheets["Deliverables"].frame
    con = duckdb.connect(str(home.warehouse))
    try:
        load_accepted(con, home, StateStore(home.state_db), RETURNS, first.parsed)
    finally:
        con.close()

    path = _generate(home, "TTA")
    ws = load_workbook(path)["Deliverables"]
    headers = {cell.value: cell.column for cell in ws[1] if cell.value}
    band = next(h for h in headers if PREVIOUS_EN in h)
    assert PREVIOUS_FR in band and "2025-26-Q1" in band
    status_column = headers["Status (2025-26-Q1) / Statut (2025-26-Q1)"]
    percent_column = headers["% complete (2025-26-Q1) / % achevé (2025-26-Q1)"]
    for row in _code_rows(ws):
        code = ws.cell(row=row, column=1).value
        expected = q1_frame.set_index("deliverable_code").loc[code]
        assert ws.cell(row=row, column=status_column).value == _label(expected["status"], "en")
        assert ws.cell(row=row, column=percent_column).value == expected["percent_complete"]

    given = _fill(path, "en")
    second = _intake(home, path)
    sheet = second.parsed[_outcome(second).sha256].sheets["Deliverables"]
    assert set(sheet.letters.values()) == set("ABCDEF")  # reference columns are not read
    assert list(sheet.frame["status"]) == given


def test_without_warehouse_the_reference_columns_are_empty(home):
    run = generate_templates(home, read_registers(home.reference), PERIOD, ["TTA"], GENERATED)
    assert run.previous_period == "2025-26-Q1" and run.notes == {"TTA": "no warehouse yet"}
    ws = load_workbook(run.files[0])["Deliverables"]
    band_column = next(c.column for c in ws[1] if c.value and PREVIOUS_EN in c.value)
    for row in ws.iter_rows(min_row=2, min_col=band_column):
        assert all(cell.value is None for cell in row)


# --- choosing what to generate -------------------------------------------------------------------


def test_default_period_is_the_next_deadline(home):
    frames = read_registers(home.reference)
    assert next_period(frames, datetime(2026, 1, 15, 15, 59, tzinfo=UTC)) == PERIOD
    assert next_period(frames, datetime(2026, 1, 15, 16, 1, tzinfo=UTC)) == "2025-26-Q3"


def test_unknown_period_or_directorate_is_refused(home):
    frames = read_registers(home.reference)
    with pytest.raises(TemplateError, match="2030-31-Q1"):
        generate_templates(home, frames, "2030-31-Q1", None, GENERATED)
    with pytest.raises(TemplateError, match="XYZ"):
        generate_templates(home, frames, PERIOD, ["XYZ"], GENERATED)
    assert not home.templates.exists()


def test_command_writes_one_template(home, capsys):
    from dagster_project.cli.main import main

    code = main(["templates", "--home", str(home.home), "--period", PERIOD, "--directorate", "RCP"])
    assert code == 0
    assert [p.name for p in (home.templates / PERIOD).iterdir()] == ["return_RCP_2025-26-Q2.xlsx"]
    assert "return_RCP_2025-26-Q2.xlsx" in capsys.readouterr().out


def test_a_directorate_without_deliverables_for_the_ip_year_is_warned(home, capsys):
    from dagster_project.cli.main import main

    with (home.reference / "deliverables.csv").open("a", encoding="utf-8") as register:
        register.write("D-2627-01,2026-27,SO1,Guide,Guide,,TTA,2026-27-Q4,qualitative\n")
    args = ["templates", "--home", str(home.home), "--period", "2026-27-Q1"]
    assert main([*args, "--directorate", "TTA", "--directorate", "CB"]) == 0
    out = capsys.readouterr().out
    assert "no deliverable for IP year 2026-27 of CB:" in out and "TTA:" not in out
    instructions = load_workbook(home.templates / "2026-27-Q1" / "return_CB_2026-27-Q1.xlsx")
    texts = [c.value or "" for c in instructions["Instructions"]["A"]]
    assert any("aucun livrable de votre direction" in t for t in texts)  # CB reads French first
    assert any("lists no deliverable of your Directorate" in t for t in texts)


def test_asset_writes_templates_without_a_warehouse(home):
    import dagster as dg

    from dagster_project.defs.assets.templates import return_templates
    from dagster_project.defs.resources import SpfHomeResource

    result = dg.materialize(
        [return_templates],
        resources={"spf_home": SpfHomeResource(home=str(home.home))},
        run_config={
            "ops": {"return_templates": {"config": {"period": PERIOD, "directorates": ["CB"]}}}
        },
    )
    assert result.success
    assert (home.templates / PERIOD / "return_CB_2025-26-Q2.xlsx").exists()
    assert not home.warehouse.exists()  # read-only: nothing created


# --- LibreOffice: the templates open cleanly and survive a re-save -------------------------------


def _libreoffice(source: Path, target_format: str, out_dir: Path) -> Path:
    """Convert with a throwaway profile (parallel calls must not share one) and a timeout."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-calc (see .ci/run)"
    profile = Path(f"/tmp/lo-{uuid.uuid4().hex}")
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target_format,
                "--outdir",
                str(out_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=LIBREOFFICE_TIMEOUT,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    converted = out_dir / f"{source.stem}.{target_format.split(':')[0]}"
    assert converted.exists(), f"LibreOffice wrote no {converted.name}"
    return converted


@pytest.mark.xdist_group("libreoffice")
def test_pdf_shows_directorate_deadline_and_both_languages(home, tmp_path):
    pdf = _libreoffice(_generate(home, "CB"), "pdf", tmp_path / "pdf")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is needed: apt-get install poppler-utils (see .ci/run)"
    raw = subprocess.run(
        [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    text = re.sub(r"\s+", " ", raw)
    for expected in (
        "Direction du renforcement des capacités",
        "Capacity Building",
        DEADLINE,
        "Comment remplir ce rapport",
        "How to fill in this return",
        "choisissez un statut dans la liste",
        "choose a status from the list",
        "D-2526-18",
    ):
        assert expected in text, expected
    assert "generated_at" not in text  # the very hidden metadata sheet is not printed


@pytest.mark.xdist_group("libreoffice")
def test_template_filled_and_resaved_by_libreoffice_is_accepted(home, tmp_path):
    path = _generate(home, "CB")
    given = _fill(path, "fr")
    resaved = _libreoffice(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved")
    assert resaved.read_bytes() != path.read_bytes()
    result = _intake(home, resaved)
    parsed = result.parsed[_outcome(result).sha256]
    assert parsed.metadata["directorate_code"] == "CB"
    assert list(parsed.sheets["Deliverables"].frame["status"]) == given
    dates = parsed.sheets["Deliverables"].frame["completion_date"].dropna().tolist()
    assert dates and all(d == date(2025, 11, 28) for d in dates)
    assert parsed.sheets["Risks"].frame["trend"].tolist() == ["increasing"]


def test_a_warehouse_in_use_by_a_writer_is_tolerated(tmp_path):
    from ingestion.warehouse.connection import open_read_only_when_free

    warehouse = tmp_path / "spf.duckdb"
    writer = duckdb.connect(str(warehouse))
    try:
        assert "warehouse unavailable" in str(open_read_only_when_free(warehouse, attempts=1))
    finally:
        writer.close()
