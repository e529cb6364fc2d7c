"""Intake of the inbox: every file accepted whole or rejected whole, and nothing ever lost.

For each candidate file: hash the bytes; content seen before (under any name) is a duplicate and
changes nothing; otherwise judge it, then store the original (accepted: ``archive/``, content
addressed; rejected: ``quarantine/`` with a report beside it) and record the outcome in the state
registry before the inbox copy is removed. A crash while judging one file rejects that file,
with the error recorded, and the others go on.
"""

from __future__ import annotations

import hashlib
import shutil
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingestion.file_checks import IntakeLimits
from ingestion.findings import CRITICAL, WARNING, Finding, make_finding
from ingestion.messages import message
from ingestion.paths import SpfPaths
from ingestion.register_context import RegisterContext
from ingestion.reports import write_report
from ingestion.state import RegistryEntry, StateStore

RETURNS = "returns"
STATISTICS = "statistics"
KINDS = (RETURNS, STATISTICS)
IGNORED_PREFIXES = ("~$", ".", "~")
IGNORED_SUFFIXES = (".tmp", ".part", ".crdownload", ".partial", ".swp", ".report.txt")


@dataclass
class FileOutcome:
    name: str
    sha256: str
    kind: str
    outcome: str  # accepted | rejected | duplicate
    findings: list[Finding] = field(default_factory=list)
    directorate_code: str | None = None
    period_code: str | None = None
    message_en: str = ""


@dataclass
class IntakeResult:
    kind: str
    outcomes: list[FileOutcome] = field(default_factory=list)
    parsed: dict[str, Any] = field(default_factory=dict)  # sha256 -> parsed content (accepted)

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def candidate_files(folder: Path) -> list[Path]:
    """Files to take in: not hidden, not Office lock files, not partial downloads."""
    if not folder.exists():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.name.startswith(IGNORED_PREFIXES)
        and not p.name.lower().endswith(IGNORED_SUFFIXES)
    )


def received_time(path: Path, now: datetime) -> datetime:
    """When the office received the file: its modification time, unless that is in the future.

    Files are usually saved from e-mail when they arrive and dropped in the inbox later, so the
    modification time is the closer measure of receipt than the time the platform first saw it.
    """
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).replace(microsecond=0)
    return min(mtime, now)


def _summary(findings: list[Finding], accepted: bool) -> tuple[str, str]:
    if accepted:
        warnings = sum(1 for f in findings if f.severity == WARNING)
        detail_en = f" with {warnings} warning(s)" if warnings else ""
        detail_fr = f" avec {warnings} avertissement(s)" if warnings else ""
        return (
            message("file_accepted", detail=detail_en).en,
            message("file_accepted", detail=detail_fr).fr,
        )
    errors = [f for f in findings if f.severity == CRITICAL]
    first = errors[0]
    text = message(
        "file_rejected",
        count=len(errors),
        detail=f"{first.location + ': ' if first.location else ''}{first.message_en}",
    )
    text_fr = message(
        "file_rejected",
        count=len(errors),
        detail=f"{first.location + ': ' if first.location else ''}{first.message_fr}",
    )
    return text.en, text_fr.fr


def _judge(
    path: Path,
    kind: str,
    ctx: RegisterContext,
    received_at: datetime,
    now: datetime,
    limits: IntakeLimits,
) -> tuple[list[Finding], Any, str | None, str | None]:
    if kind == RETURNS:
        from ingestion.return_assessment import assess_return

        result = assess_return(path, ctx, received_at, now.date(), limits)
        return result.findings, result.parsed, result.directorate_code, result.period_code
    from ingestion.statistics_assessment import assess_statistics

    stats = assess_statistics(path, ctx, max_year=now.year)
    return stats.findings, stats.frame, None, None


def process_file(
    path: Path,
    kind: str,
    paths: SpfPaths,
    ctx: RegisterContext,
    store: StateStore,
    now: datetime,
    limits: IntakeLimits,
) -> tuple[FileOutcome, Any]:
    sha = sha256_of(path)
    known = store.entry(sha)
    if known is not None:
        # Same bytes as a file already judged: its original is kept where that one went.
        store.record_sighting(sha, path.name, now, "duplicate")
        path.unlink()
        return FileOutcome(path.name, sha, kind, "duplicate", message_en=known.message_en), None
    received_at = received_time(path, now)
    try:
        findings, parsed, directorate, period = _judge(path, kind, ctx, received_at, now, limits)
    except Exception as exc:  # a crash on one file rejects that file only
        detail = f"{type(exc).__name__}: {exc}"
        findings = [make_finding("read_failed", detail=detail, value=traceback.format_exc(-3))]
        parsed, directorate, period = None, None, None
    accepted = not any(f.severity == CRITICAL for f in findings)
    message_en, message_fr = _summary(findings, accepted)
    if accepted:
        stored = paths.archive / kind / f"{sha}{path.suffix.lower()}"
        stored.parent.mkdir(parents=True, exist_ok=True)
        if not stored.exists():
            shutil.copyfile(path, stored)
        report = None
    else:
        stored = paths.quarantine / kind / f"{sha[:12]}__{path.name}"
        stored.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, stored)
        report = write_report(
            stored.with_name(stored.name + ".report.txt"), path.name, received_at, findings, False
        )
    entry = RegistryEntry(
        file_sha256=sha,
        file_id=sha[:16],
        kind=kind,
        original_name=path.name,
        first_seen_at=now,
        received_at=received_at,
        outcome="accepted" if accepted else "rejected",
        stored_path=str(stored.relative_to(paths.home)),
        report_path=str(report.relative_to(paths.home)) if report else None,
        directorate_code=directorate,
        period_code=period,
        error_count=sum(1 for f in findings if f.severity == CRITICAL),
        warning_count=sum(1 for f in findings if f.severity == WARNING),
        message_en=message_en,
        message_fr=message_fr,
    )
    store.record(entry, findings, now)
    store.record_sighting(sha, path.name, now, entry.outcome)
    path.unlink()
    outcome = FileOutcome(
        path.name, sha, kind, entry.outcome, findings, directorate, period, message_en
    )
    return outcome, parsed if accepted else None


def process_inbox(
    paths: SpfPaths,
    kind: str,
    ctx: RegisterContext,
    store: StateStore,
    now: datetime | None = None,
    limits: IntakeLimits | None = None,
) -> IntakeResult:
    """Take in every candidate file of one inbox folder, one by one."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    limits = limits or IntakeLimits.from_env()
    result = IntakeResult(kind)
    for path in candidate_files(paths.inbox_for(kind)):
        outcome, parsed = process_file(path, kind, paths, ctx, store, now, limits)
        result.outcomes.append(outcome)
        if parsed is not None:
            result.parsed[outcome.sha256] = parsed
    store.record_run(
        now,
        datetime.now(UTC),
        kind,
        result.count("accepted"),
        result.count("rejected"),
        result.count("duplicate"),
    )
    return result
