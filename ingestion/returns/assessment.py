"""Judge one return file: every problem found, located, and the parsed content if acceptable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ingestion.file_kind import crash_finding
from ingestion.findings import CRITICAL, WARNING, Finding, make_finding
from ingestion.messages import message, number_text
from ingestion.registers.context import BRUSSELS, Period, RegisterContext
from ingestion.returns.file_name import named_in_file_name
from ingestion.returns.history import closed_before, data_home_of
from ingestion.returns.layout import ReturnLayout, load_layout
from ingestion.returns.parser import ParsedReturn, layout_sheet_names, parse_return
from ingestion.xlsx.container import IntakeLimits, open_checked_xlsx
from ingestion.xlsx.package import inspect_package


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
    """One finding per cell (a type error is not reported again as 'required', nor "n/a" in a
    KPI value again as a contradictory "no actual value" warning): an error hides a warning."""
    seen: set[tuple[str, str, str]] = set()
    wrong = {(f.sheet, f.cell) for f in findings if f.cell and f.severity == CRITICAL}
    kept = []
    for finding in findings:
        key = (finding.sheet, finding.cell, finding.severity)
        if finding.cell and (key in seen or (finding.severity == WARNING and key[:2] in wrong)):
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


def _check_against_file_name(
    name: str, parsed: ParsedReturn, layout: ReturnLayout, ctx: RegisterContext
) -> bool:
    """The metadata decides whom and which period a return is for; a file name saying otherwise
    is a warning for the period, and rejects the file for the Directorate (figures for one
    Directorate sent in another's file are not taken). False when the Directorates differ."""
    named_directorate, named_period = named_in_file_name(name)
    meta, cells, sheet = parsed.metadata, parsed.metadata_cells, layout.metadata_sheet
    directorate, period = meta.get("directorate_code"), meta.get("period_code")
    if (
        named_directorate in ctx.directorates
        and directorate in ctx.directorates
        and named_directorate != directorate
    ):
        cell = cells["directorate_code"]
        parsed.findings.insert(
            0,
            make_finding(
                "file_name_directorate",
                sheet=sheet,
                cell=cell,
                value=directorate,
                named=named_directorate,
                where=f"{sheet}!{cell}",
            ),
        )
        return False
    if named_period in ctx.periods and period in ctx.periods and named_period != period:
        cell = cells["period_code"]
        parsed.findings.append(
            make_finding(
                "file_name_period",
                WARNING,
                sheet=sheet,
                cell=cell,
                value=period,
                named=named_period,
                where=f"{sheet}!{cell}",
            )
        )
    return True


def _not_begun(parsed: ParsedReturn, period: Period, today: date, layout: ReturnLayout) -> bool:
    """A return for a period that has not begun reports on nothing yet (a quarter typed wrong)."""
    if period.start_date is None or today >= period.start_date:
        return False
    cell = parsed.metadata_cells["period_code"]
    parsed.findings.insert(
        0,
        make_finding(
            "period_not_begun",
            sheet=layout.metadata_sheet,
            cell=cell,
            value=period.period_code,
            expected=period.start_date.isoformat(),
            where=f"{layout.metadata_sheet}!{cell}",
        ),
    )
    return True


@dataclass
class _Prepared:
    """A file parsed and checked alone, waiting for the batch validation."""

    assessment: Assessment
    received_at: datetime
    expectation_context: Any = None  # ReturnExpectationContext when the file can be validated
    period: Period | None = None
    path: Path | None = None


def _prepare(
    path: Path,
    ctx: RegisterContext,
    received_at: datetime,
    today: date,
    limits: IntakeLimits,
    layout: ReturnLayout,
) -> _Prepared:
    from expectations.return_suites import ReturnExpectationContext

    assessment = Assessment()
    prepared = _Prepared(assessment, received_at, path=path)
    with open_checked_xlsx(path, limits) as (container, archive):
        if container is not None:
            assessment.findings.append(container)
            return prepared
        facts = inspect_package(path, layout_sheet_names(layout), archive)
    cells = sum(f.cell_count for f in facts.values())
    if cells > limits.max_cells:
        assessment.findings.append(
            make_finding(
                "too_large",
                detail=message("detail_cells", cells=number_text(cells)),
                limit=number_text(limits.max_cells),
            )
        )
        return prepared
    parsed = parse_return(path, layout, facts)
    assessment.parsed = parsed
    _check_metadata(parsed, layout, ctx)
    directorate = parsed.metadata.get("directorate_code")
    period_code = parsed.metadata.get("period_code")
    assessment.directorate_code, assessment.period_code = directorate, period_code
    period = ctx.periods.get(period_code or "")
    if not _check_against_file_name(path.name, parsed, layout, ctx):
        return prepared
    if period is not None and _not_begun(parsed, period, today, layout):
        return prepared
    if directorate in ctx.directorates and period is not None:
        prepared.period = period
        prepared.expectation_context = ReturnExpectationContext(
            ip_year=period.ip_year,
            deliverable_codes=ctx.deliverables.get((directorate, period.ip_year), ()),
            kpi_codes=ctx.return_kpis.get(directorate, ()),
            objective_codes=ctx.objectives,
            today=today,
        )
    return prepared


def _validate_batch(prepared: list[_Prepared], layout: ReturnLayout) -> None:
    """One expectation run per sheet type for all files; a crash there is isolated per file."""
    from expectations.return_suites import SheetBatchItem, validate_return_sheets

    for spec in layout.sheets:
        items = [
            SheetBatchItem(
                number,
                p.assessment.parsed.sheets[spec.name].columns,
                p.assessment.parsed.sheets[spec.name].rows,
                p.assessment.parsed.sheets[spec.name].letters,
                p.expectation_context,
                p.assessment.parsed.sheets[spec.name].headers,
            )
            for number, p in enumerate(prepared)
            if p.expectation_context is not None
            and p.assessment.parsed is not None
            and spec.name in p.assessment.parsed.sheets
        ]
        try:
            per_file = validate_return_sheets(spec, layout, items)
        except Exception:
            per_file = {}
            for item in items:  # find the file that breaks it; the others go on
                try:
                    per_file.update(validate_return_sheets(spec, layout, [item]))
                except Exception as exc:
                    prepared[item.file_no].assessment.findings.append(crash_finding(exc))
        for number, findings in per_file.items():
            prepared[number].assessment.parsed.findings.extend(findings)


def _late_warning(prepared: _Prepared, layout: ReturnLayout) -> Finding | None:
    period = prepared.period
    if period is None or prepared.received_at <= period.deadline_utc:
        return None
    return make_finding(
        "late_return",
        WARNING,
        sheet=layout.metadata_sheet,
        value=prepared.received_at.astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M"),
        period=period.period_code,
        expected=period.deadline_utc.astimezone(BRUSSELS).strftime(
            "%Y-%m-%d %H:%M Europe/Brussels"
        ),
    )


def _missing_deliverables(
    prepared: list[_Prepared], ctx: RegisterContext, layout: ReturnLayout
) -> None:
    """Every deliverable of the Directorate for the IP year must be in its return, except one
    closed (completed, cancelled) in an accepted return of an earlier quarter: a row deleted by
    mistake would otherwise make the deliverable silently "not reported".

    Files are looked at in period order, so a drop holding Q1 and Q2 lets Q2 omit what Q1
    closed."""
    sheet = "Deliverables"
    taken: list[tuple[str, str, ParsedReturn]] = []
    ordered = sorted(
        (p for p in prepared if p.period is not None and p.assessment.parsed is not None),
        key=lambda p: p.period.quarter if p.period else 0,
    )
    for item in ordered:
        parsed, period = item.assessment.parsed, item.period
        directorate = item.assessment.directorate_code
        if parsed is None or period is None or directorate is None:
            continue
        if sheet in parsed.sheets and not _rejected(item):
            expected = set(ctx.deliverables.get((directorate, period.ip_year), ()))
            reported = {c for c in parsed.sheets[sheet].columns["deliverable_code"] if c}
            missing = expected - reported
            if missing:
                home = data_home_of(item.path) if item.path else None
                missing -= closed_before(directorate, period, ctx, taken, home)
            for code in sorted(missing):
                parsed.findings.append(
                    make_finding(
                        "missing_deliverable", sheet=sheet, value=code, period=period.ip_year
                    )
                )
        if not _rejected(item):
            taken.append((directorate, period.period_code, parsed))


def _rejected(item: _Prepared) -> bool:
    parsed = item.assessment.parsed
    return any(f.severity == CRITICAL for f in item.assessment.findings) or bool(
        parsed and parsed.has_critical
    )


def assess_returns(
    files: list[tuple[Path, datetime]],
    ctx: RegisterContext,
    today: date,
    limits: IntakeLimits,
    layout: ReturnLayout | None = None,
) -> list[Assessment]:
    """Judge files (each with its time of receipt) together; one assessment per file, in order.

    Never raises for a problem of a file: a file that crashes the reader is rejected alone.
    """
    layout = layout or load_layout()
    prepared = []
    for path, received_at in files:
        try:
            prepared.append(_prepare(path, ctx, received_at, today, limits, layout))
        except Exception as exc:
            prepared.append(_Prepared(Assessment(findings=[crash_finding(exc)]), received_at))
    _validate_batch(prepared, layout)
    _missing_deliverables(prepared, ctx, layout)
    for item in prepared:
        parsed = item.assessment.parsed
        if parsed is None:
            continue
        late = _late_warning(item, layout)
        if late is not None:
            parsed.findings.append(late)
        item.assessment.findings = _dedupe([*item.assessment.findings, *parsed.findings])
    return [item.assessment for item in prepared]


def assess_return(
    path: Path,
    ctx: RegisterContext,
    received_at: datetime,
    today: date,
    limits: IntakeLimits,
    layout: ReturnLayout | None = None,
) -> Assessment:
    """Every problem in one file (see ``assess_returns``)."""
    return assess_returns([(path, received_at)], ctx, today, limits, layout)[0]
