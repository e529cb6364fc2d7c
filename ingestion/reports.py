"""Human-readable reports written beside rejected files (English first, then French)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ingestion.findings import CRITICAL, Finding
from ingestion.register_context import BRUSSELS

HEADINGS = {
    "en": {
        "title": "Intake report",
        "file": "File",
        "received": "Received",
        "outcome": "Outcome",
        "rejected": "REJECTED: the file was not loaded. Fix every problem below and send the "
        "whole file again.",
        "accepted": "Accepted",
        "problems": "Problems (must be fixed)",
        "warnings": "Warnings (loaded; please check)",
        "fix": "How to fix",
    },
    "fr": {
        "title": "Rapport de réception",
        "file": "Fichier",
        "received": "Reçu le",
        "outcome": "Résultat",
        "rejected": "REJETÉ : le fichier n'a pas été chargé. Corrigez chacun des problèmes "
        "ci-dessous et renvoyez le fichier complet.",
        "accepted": "Accepté",
        "problems": "Problèmes (à corriger)",
        "warnings": "Avertissements (chargé ; à vérifier)",
        "fix": "Correction",
    },
}


def render_report(name: str, received_at: datetime, findings: list[Finding], accepted: bool) -> str:
    lines: list[str] = []
    for language in ("en", "fr"):
        words = HEADINGS[language]
        colon = " :" if language == "fr" else ":"  # French puts a space before the colon
        lines += [
            f"{words['title']} — {name}",
            "=" * 72,
            f"{words['file']}{colon} {name}",
            f"{words['received']}{colon} {received_at.astimezone(BRUSSELS):%Y-%m-%d %H:%M} "
            "(Europe/Brussels)",
            f"{words['outcome']}{colon} {words['accepted'] if accepted else words['rejected']}",
            "",
        ]
        for severity, heading in ((CRITICAL, "problems"), ("warning", "warnings")):
            chosen = [f for f in findings if f.severity == severity]
            if not chosen:
                continue
            lines.append(f"{words[heading]} ({len(chosen)}){colon}")
            for number, finding in enumerate(chosen, start=1):
                text = finding.message_fr if language == "fr" else finding.message_en
                hint = finding.fix_fr if language == "fr" else finding.fix_en
                where = finding.location or name
                lines.append(f"  {number}. [{where}] {text}")
                if hint:
                    lines.append(f"     {words['fix']}{colon} {hint}")
            lines.append("")
        lines.append("")
    return "\n".join(lines)


XLSX_COLUMNS = (
    ("severity", "Severity", "Gravité", 10),
    ("sheet", "Sheet", "Feuille", 14),
    ("cell", "Cell", "Cellule", 9),
    ("value", "Value found", "Valeur trouvée", 22),
    ("message_en", "Problem", "Problème (EN)", 60),
    ("fix_en", "How to fix", "Correction (EN)", 60),
    ("message_fr", "Problem (FR)", "Problème", 60),
    ("fix_fr", "How to fix (FR)", "Correction", 60),
)


def write_xlsx_report(target: Path, name: str, findings: list[Finding]) -> Path:
    """The same problems as a workbook: one row each, filterable, in both languages."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ingestion.xlsx_safety import inert

    wb = Workbook()
    ws = wb.active
    ws.title = "Problems - Problèmes"
    ws.append([f"{name}"])
    ws["A1"].font = Font(bold=True)
    ws.append([f"{en} / {fr}" for _, en, fr, _ in XLSX_COLUMNS])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for finding in findings:
        ws.append([inert(str(getattr(finding, attr))) for attr, _, _, _ in XLSX_COLUMNS])
    for index, (_, _, _, width) in enumerate(XLSX_COLUMNS, start=1):
        ws.column_dimensions[ws.cell(row=2, column=index).column_letter].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:H{max(2, ws.max_row)}"
    wb.save(target)
    return target


def write_report(
    target: Path, name: str, received_at: datetime, findings: list[Finding], accepted: bool
) -> Path:
    """``<file>.report.txt`` and ``<file>.report.xlsx`` beside the stored original."""
    target.write_text(render_report(name, received_at, findings, accepted), encoding="utf-8")
    write_xlsx_report(target.with_suffix(".xlsx"), name, findings)
    return target
