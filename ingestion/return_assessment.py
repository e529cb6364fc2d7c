"""Judge one return file: every problem found, located, and the parsed content if acceptable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ingestion.file_checks import IntakeLimits, check_xlsx_container
from ingestion.findings import CRITICAL, WARNING, Finding, make_finding
from ingestion.register_context import BRUSSELS, RegisterContext
from ingestion.return_layout import ReturnLayout, load_layout
from ingestion.return_parser import ParsedReturn, layout_sheet_names, parse_return
from ingestion.xlsx_package import inspect_package


@dataclass
class Assessment:
    findings: list[Finding] = field(default_factory=list)
    parsed: ParsedReturn | None = None
    directorate_code: str | None = None
    period_code: str | None = None

    @property
    def accepted(self) -> bool:
        return not any(f.severity == CRITICAL for f in self.findings)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per cell and severity (a type error is not reported again as 'required')."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for finding in findings:
        key = (finding.sheet, finding.cell, finding.severity)
        if finding.cell and key in seen:
            continue
        seen.add(key)
        kept.append(finding)
    return kept


def _check_metadata(parsed: ParsedReturn, layout: ReturnLayout, ctx: RegisterContext) -> None:
    meta, cells, sheet = parsed.metadata, parsed.metadata_cells, layout.metadata_sheet
    version = meta.get("layout_version")
    if version is not None and version not in layout.supported_versions:
        parsed.findings.append(
            make_finding(
                "unknown_layout_version",
                sheet=sheet,
                cell=cells["layout_version"],
                value=version,
                expected=", ".join(layout.supported_versions),
            )
        )
    directorate = meta.get("directorate_code")
    if directorate is not None and directorate not in ctx.directorates:
        parsed.findings.append(
            make_finding(
                "unknown_directorate",
                sheet=sheet,
                cell=cells["directorate_code"],
                value=directorate,
                expected=", ".join(sorted(ctx.directorates)),
            )
        )
    period = meta.get("period_code")
    if period is not None and period not in ctx.periods:
        parsed.findings.append(
            make_finding(
                "unknown_period",
                sheet=sheet,
                cell=cells["period_code"],
                value=period,
                expected=", ".join(sorted(ctx.periods)[:2]),
            )
        )


def assess_return(
    path: Path,
    ctx: RegisterContext,
    received_at: datetime,
    today: date,
    limits: IntakeLimits,
    layout: ReturnLayout | None = None,
) -> Assessment:
    """Every problem in the file; never raises for a problem of the file itself."""
    from expectations.return_suites import ReturnExpectationContext, validate_return_sheet

    layout = layout or load_layout()
    assessment = Assessment()
    container = check_xlsx_container(path, limits)
    if container is not None:
        assessment.findings.append(container)
        return assessment
    facts = inspect_package(path, layout_sheet_names(layout))
    cells = sum(f.cell_count for f in facts.values())
    if cells > limits.max_cells:
        assessment.findings.append(
            make_finding("too_large", detail=f"{cells:,} cells", limit=f"{limits.max_cells:,}")
        )
        return assessment
    parsed = parse_return(path, layout, facts)
    assessment.parsed = parsed
    _check_metadata(parsed, layout, ctx)
    directorate = parsed.metadata.get("directorate_code")
    period_code = parsed.metadata.get("period_code")
    assessment.directorate_code, assessment.period_code = directorate, period_code
    period = ctx.periods.get(period_code or "")
    if directorate in ctx.directorates and period is not None:
        exp_ctx = ReturnExpectationContext(
            ip_year=period.ip_year,
            deliverable_codes=ctx.deliverables.get((directorate, period.ip_year), ()),
            kpi_codes=ctx.return_kpis.get(directorate, ()),
            objective_codes=ctx.objectives,
            today=today,
        )
        for sheet in parsed.sheets.values():
            parsed.findings.extend(
                validate_return_sheet(sheet.frame, sheet.spec, sheet.letters, layout, exp_ctx)
            )
        if received_at > period.deadline_utc:
            local = received_at.astimezone(BRUSSELS)
            parsed.findings.append(
                make_finding(
                    "late_return",
                    WARNING,
                    sheet=layout.metadata_sheet,
                    value=local.strftime("%Y-%m-%d %H:%M"),
                    period=period.period_code,
                    expected=period.deadline_utc.astimezone(BRUSSELS).strftime(
                        "%Y-%m-%d %H:%M Europe/Brussels"
                    ),
                )
            )
    assessment.findings = _dedupe(parsed.findings)
    return assessment
