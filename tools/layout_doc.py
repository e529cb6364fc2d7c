"""Render the return layout spec as Markdown for people (``docs/return-layout.md``).

The document is generated so that it cannot drift from the spec; a test checks it is current.
Regenerate with ``uv run python -m tools.layout_doc > docs/return-layout.md``.
"""

from __future__ import annotations

from ingestion.returns.layout import load_layout

TYPE_WORDS = {
    "code": "code (text without spaces)",
    "text": "free text",
    "status": "one of the statuses below (code or EN/FR label)",
    "risk_trend": "one of the trends below (code or EN/FR label)",
    "percent": "percentage 0–100 (75, 75 % or an Excel percentage cell)",
    "number": "number (a French decimal comma is accepted)",
    "int": "whole number",
    "date": "date (an Excel date, YYYY-MM-DD or dd/mm/yyyy)",
}


def render() -> str:
    layout = load_layout()
    out = [
        "# The quarterly return: workbook layout",
        "",
        "<!-- Generated from ingestion/returns/return_layout.yaml by `python -m "
        "tools.layout_doc`; do not edit by hand. -->",
        "",
        f"Layout version **{layout.layout_version}** (accepted versions: "
        f"{', '.join(layout.supported_versions)}). One `.xlsx` workbook per Directorate and "
        "period, with the sheets below. Column headers may be in English or French, and columns "
        "may be in any order. Empty rows are ignored.",
        "",
        f"## Sheet `{layout.metadata_sheet}`",
        "",
        "One field per row: the label in column A, the value in column B.",
        "",
        "| field | label (EN) | label (FR) | required |",
        "|---|---|---|---|",
    ]
    for f in layout.metadata_fields:
        out.append(
            f"| `{f.name}` | {f.label_en} | {f.label_fr} | {'yes' if f.required else 'no'} |"
        )
    for sheet in layout.sheets:
        out += [
            "",
            f"## Sheet `{sheet.name}`",
            "",
            f"Header in row {sheet.header_row}; one row per `{', '.join(sheet.key)}` (no "
            f"duplicates). Loaded into `raw.{sheet.table}`.",
            "",
            "| column | header (EN) | header (FR) | type | required |",
            "|---|---|---|---|---|",
        ]
        for c in sheet.columns:
            kind = TYPE_WORDS[c.type]
            if c.range:
                low = "−∞" if c.range[0] is None else c.range[0]
                high = "∞" if c.range[1] is None else c.range[1]
                kind += f", from {low} to {high}"
            if not c.load:
                kind += " (for the reader only, not loaded)"
            out.append(
                f"| `{c.name}` | {c.header_en} | {c.header_fr} | {kind} | "
                f"{'yes' if c.required else 'no'} |"
            )
    for title, choices in (("Statuses", layout.statuses), ("Risk trends", layout.risk_trends)):
        out += ["", f"## {title}", "", "| code | English | French |", "|---|---|---|"]
        out += [f"| `{c.code}` | {c.label_en} | {c.label_fr} |" for c in choices]
    out += [
        "",
        "## Rules checked on every return",
        "",
        "A return is accepted whole or rejected whole. It is rejected, with every problem listed "
        "by sheet and cell, when: a sheet or a required column is missing; the layout version, "
        "Directorate or period is unknown; a required cell is empty; a value is not of its type; "
        "a status or trend is not in the lists above; a percentage is outside 0–100; a code is "
        "not one of the Directorate's deliverables or KPIs for the Implementation Plan year; a "
        "code appears twice; a Completed deliverable is not at 100 %; a completion date is in "
        "the future; an At risk or Delayed deliverable has no comment; a deliverable of the "
        "Directorate for the IP year is missing (one completed or cancelled in an earlier "
        "accepted return of the year may be left out: its status is carried forward); a hidden "
        "row or column holds data; the period has not begun; the file name "
        "(`return_<Directorate>_<period>.xlsx`) names another Directorate than the Metadata "
        "sheet. A KPI without a value, a return received after the deadline, a file name naming "
        "another period than the Metadata sheet (the Metadata sheet decides) and values typed "
        "in a tolerated form (extra spaces, other case, decimal comma, `75 %`, dates as text) "
        "are warnings: the return is loaded.",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
