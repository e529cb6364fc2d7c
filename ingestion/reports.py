"""Human-readable reports written beside rejected files (English first, then French)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ingestion.display import safe_name
from ingestion.findings import CRITICAL, Finding
from ingestion.messages import message
from ingestion.registers.context import BRUSSELS


def _word(key: str, language: str) -> str:
    return message(f"report_{key}").in_language(language)


def render_report(name: str, received_at: datetime, findings: list[Finding], accepted: bool) -> str:
    name = safe_name(name)  # the sender's text: a newline must not forge a line of the report
    outcome = "accepted" if accepted else "rejected"
    warnings = f"warnings_{outcome}"  # a rejected file's warnings were not loaded either
    keys = ("title", "file", "received", "outcome", outcome, "problems", warnings, "fix")
    lines: list[str] = []
    for language in ("en", "fr"):
        words = {key: _word(key, language) for key in keys}
        colon = " :" if language == "fr" else ":"  # French puts a space before the colon
        lines += [
            f"{words['title']} — {name}",
            "=" * 72,
            f"{words['file']}{colon} {name}",
            f"{words['received']}{colon} {received_at.astimezone(BRUSSELS):%Y-%m-%d %H:%M} "
            "(Europe/Brussels)",
            f"{words['outcome']}{colon} {words[outcome]}",
            "",
        ]
        for severity, heading in ((CRITICAL, "problems"), ("warning", warnings)):
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


# (Finding attribute, catalogue heading, language of the column's text if one, width)
XLSX_COLUMNS = (
    ("severity", "severity", None, 10),
    ("sheet", "sheet", None, 14),
    ("cell", "cell", None, 9),
    ("value", "value", None, 22),
    ("message_en", "problem", "en", 60),
    ("fix_en", "fix", "en", 60),
    ("message_fr", "problem", "fr", 60),
    ("fix_fr", "fix", "fr", 60),
)


def severity_words(severity: str) -> str:
    """ "error / erreur", "warning / avertissement": the report is read in both languages."""
    words = message(f"report_severity_{severity}")
    return words.en if words.en == words.fr else f"{words.en} / {words.fr}"


def _column_heading(key: str, language: str | None) -> str:
    """ "Sheet / Feuille"; a column in one language says which: "Problem (EN) / Problème (EN)"."""
    suffix = f" ({language.upper()})" if language else ""
    return " / ".join(_word(f"column_{key}", lang) + suffix for lang in ("en", "fr"))


def write_xlsx_report(target: Path, name: str, findings: list[Finding]) -> Path:
    """The same problems as a workbook: one row each, filterable, in both languages."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ingestion.xlsx.safety import inert

    wb = Workbook()
    ws = wb.active
    ws.title = "Problems - Problèmes"
    ws.append([inert(safe_name(name))])
    ws["A1"].font = Font(bold=True)
    ws.append([_column_heading(key, language) for _, key, language, _ in XLSX_COLUMNS])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for finding in findings:
        values = {attr: str(getattr(finding, attr)) for attr, _, _, _ in XLSX_COLUMNS}
        values["severity"] = severity_words(finding.severity)
        ws.append([inert(values[attr]) for attr, _, _, _ in XLSX_COLUMNS])
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
