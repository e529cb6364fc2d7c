"""The return cycle as the steward sees it in the UI, read from the mart BI reads.

One source of truth: the statuses come from `marts.fct_return_submission` (the rules on which
Directorates are expected, and when a return is missing, are the mart's), the problems from
the intake's findings of each Directorate's latest file (`staging.stg_intake__findings`, the
source of the quality-issue register), the contacts from `marts.dim_directorate`. This asset
only reads and renders: it computes no status of its own.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_duckdb import DuckDBResource

from dagster_project.constants import DUCKDB_POOL
from dagster_project.defs import groups
from dagster_project.defs.resources import SpfHomeResource

SUBMISSIONS_KEY = dg.AssetKey(["marts", "fct_return_submission"])
DIRECTORATES_KEY = dg.AssetKey(["marts", "dim_directorate"])
# Statuses that ask something of the steward or the Directorate, in the order shown
NEEDS_ATTENTION = ("rejected", "held_for_approval", "missing", "accepted_with_warnings")
LANGUAGE_VARIABLE = "SPF_STEWARD_LANGUAGE"  # en (default) or fr: the view's language

SUBMISSIONS_SQL = """
select
    s.directorate_code,
    coalesce(d.name_en, s.directorate_code),
    coalesce(d.name_fr, s.directorate_code),
    d.alert_email,
    s.period_code,
    s.return_status,
    s.return_status_label_en,
    s.return_status_label_fr,
    s.latest_file_id,
    s.latest_file_name,
    s.latest_report_path,
    s.return_deadline
from marts.fct_return_submission as s
left join marts.dim_directorate as d
    on s.directorate_code = d.directorate_code and d.is_current
where s.is_expected or s.files_received > 0
order by s.period_code, s.directorate_code
"""
FINDINGS_SQL = """
select file_id, severity, sheet_name, cell, message_en, message_fr, fix_en, fix_fr
from staging.stg_intake__findings
where file_id in (select latest_file_id from marts.fct_return_submission)
order by file_id, finding_number
"""


@dataclass
class Finding:
    severity: str
    where: str
    message: str
    fix: str


@dataclass
class Submission:
    directorate: str
    name: str
    contact: str | None
    period: str
    status: str
    label: str
    file_name: str | None
    report: str | None
    findings: list[Finding] = field(default_factory=list)


def read_return_cycle(con: Any, home: Path, language: str) -> list[Submission]:
    """Every expected (or received) Directorate × period of the mart, with the findings of
    its latest file, in ``language`` (en or fr)."""
    french = language == "fr"
    findings: dict[str, list[Finding]] = {}
    for file_id, severity, sheet, cell, msg_en, msg_fr, fix_en, fix_fr in con.execute(
        FINDINGS_SQL
    ).fetchall():
        where = "!".join(part for part in (sheet, cell) if part) or "the file"
        message = (msg_fr if french else msg_en) or msg_en or ""
        fix = (fix_fr if french else fix_en) or fix_en or ""
        findings.setdefault(file_id, []).append(Finding(severity, where, message, fix))
    rows = con.execute(SUBMISSIONS_SQL).fetchall()
    return [
        Submission(
            directorate=code,
            name=name_fr if french else name_en,
            contact=email,
            period=period,
            status=status,
            label=label_fr if french else label_en,
            file_name=file_name,
            report=str(home / report) if report else None,
            findings=findings.get(file_id, []) if file_id else [],
        )
        for (
            code,
            name_en,
            name_fr,
            email,
            period,
            status,
            label_en,
            label_fr,
            file_id,
            file_name,
            report,
            _deadline,
        ) in rows
    ]


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def shown_periods(submissions: list[Submission]) -> list[str]:
    """Periods up to the first one not yet due (the one the Directorates work on)."""
    periods = sorted({s.period for s in submissions})
    due = [p for p in periods if any(s.period == p and s.status != "not_due" for s in submissions)]
    upcoming = [p for p in periods if p not in due]
    return due + upcoming[:1]


def render_matrix(submissions: list[Submission]) -> str:
    """Directorate × period, each cell the status in words."""
    periods = shown_periods(submissions)
    cells = {(s.directorate, s.period): s.label for s in submissions}
    names = {s.directorate: s.name for s in submissions}
    lines = [
        "| Directorate | " + " | ".join(periods) + " |",
        "|---|" + "---|" * len(periods),
    ]
    for code in sorted(names):
        row = [cells.get((code, period), "—") for period in periods]
        lines.append(f"| {code} – {_cell(names[code])} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def render_attention(submissions: list[Submission]) -> str:
    """Every return that asks something of someone, with every problem and warning of its
    latest file (cell, message, fix), its report and the Directorate's contact."""
    shown = set(shown_periods(submissions))
    chosen = sorted(
        (s for s in submissions if s.status in NEEDS_ATTENTION and s.period in shown),
        key=lambda s: (NEEDS_ATTENTION.index(s.status), s.period, s.directorate),
    )
    if not chosen:
        return "Nothing needs attention: every return due is accepted without warnings."
    parts = []
    for s in chosen:
        lines = [f"### {s.directorate} – {s.name}, {s.period}: {s.label}"]
        lines.append(f"- Contact: {s.contact or 'no address in the register'}")
        if s.file_name:
            lines.append(f"- Latest file: {s.file_name}")
        if s.report:
            lines.append(f"- Report: {s.report}")
        if s.findings:
            lines += ["", "| severity | cell | problem | fix |", "|---|---|---|---|"]
            lines += [
                f"| {f.severity} | {_cell(f.where)} | {_cell(f.message)} | {_cell(f.fix)} |"
                for f in s.findings
            ]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


@dg.asset(
    key=["returns", "return_cycle"],
    group_name=groups.RETURNS,
    owners=[groups.OFFICE_OWNER],
    deps=[SUBMISSIONS_KEY, DIRECTORATES_KEY],
    kinds={"duckdb"},
    pool=DUCKDB_POOL,
)
def return_cycle(spf_home: SpfHomeResource, duckdb: DuckDBResource) -> dg.MaterializeResult:
    """The return cycle at a glance: which Directorate's return is accepted, accepted with
    warnings, rejected, missing, not yet due or held for approval, period by period; and for
    every return that needs attention, each problem and warning of its latest file with its
    cell, message and fix, the bilingual report and the Directorate's contact.

    Read from `marts.fct_return_submission` (what BI shows) after each refresh; in French when
    SPF_STEWARD_LANGUAGE=fr. Open the latest materialization's metadata to read it.
    """
    language = os.environ.get(LANGUAGE_VARIABLE, "en").strip().lower()
    paths = spf_home.paths()
    with duckdb.get_connection() as con:
        submissions = read_return_cycle(con, paths.home, "fr" if language == "fr" else "en")
    counts = {
        status: sum(1 for s in submissions if s.status == status)
        for status in ("accepted", *NEEDS_ATTENTION, "not_due")
    }
    return dg.MaterializeResult(
        metadata={
            "returns_by_period": dg.MetadataValue.md(render_matrix(submissions)),
            "needs_attention": dg.MetadataValue.md(render_attention(submissions)),
            **counts,
        }
    )
