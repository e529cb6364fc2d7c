"""Intake of the inbox: every file accepted whole or rejected whole, and nothing ever lost.

For each candidate file: hash the bytes; content seen before (under any name) is a duplicate and
changes nothing; otherwise judge it, then store the original (accepted: ``archive/``, content
addressed; rejected: ``quarantine/`` with a report beside it) and record the outcome in the state
registry before the inbox copy is removed. A crash while judging one file rejects that file,
with the error recorded, and the others go on.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingestion.display import safe_name
from ingestion.file_kind import FileKind, Verdict, crash_verdict
from ingestion.findings import CRITICAL, WARNING, Finding, make_finding
from ingestion.kinds import file_kind
from ingestion.messages import message
from ingestion.paths import SpfPaths
from ingestion.registers.context import RegisterContext
from ingestion.reports import write_report
from ingestion.state.registry import RegistryEntry, StateStore
from ingestion.storage import (
    MAX_SUFFIX_CHARS,
    bounded_name,
    matches,
    sha256_of,
    store_verified,
)
from ingestion.xlsx.container import IntakeLimits

# Outcomes whose content goes into the warehouse's raw tables. Held (pending) and declined
# returns are valid content: they are kept for the history; only accepted ones are current.
LOADED_OUTCOMES = ("accepted", "pending", "declined")
IGNORED_PREFIXES = ("~$", ".", "~")
IGNORED_SUFFIXES = (
    ".tmp",
    ".part",
    ".crdownload",
    ".partial",
    ".swp",
    ".report.txt",
    ".report.xlsx",
)


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


def _listed(folder: Path) -> list[Path]:
    """Inbox entries worth a look: not hidden, not Office lock files, not partial downloads."""
    if not folder.exists():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if not p.name.startswith(IGNORED_PREFIXES) and not p.name.lower().endswith(IGNORED_SUFFIXES)
    )


def _is_regular(path: Path) -> bool:
    """A regular file itself, not followed through a link (``lstat``, never ``stat``)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def candidate_files(folder: Path) -> list[Path]:
    """Files to take in: regular files only (a link, folder, device or pipe is never read)."""
    return [p for p in _listed(folder) if _is_regular(p)]


def irregular_entries(folder: Path) -> list[Path]:
    """Inbox entries that are not regular files: refused without being read."""
    return [p for p in _listed(folder) if not _is_regular(p)]


SETTLE_SECONDS_ENV = "SPF_INBOX_SETTLE_SECONDS"
DEFAULT_SETTLE_SECONDS = 5.0


def settle_seconds(environ: Mapping[str, str] = os.environ) -> float:
    """How long a file must stay unchanged before it is taken (the sensor waits that long too)."""
    raw = environ.get(SETTLE_SECONDS_ENV, "")
    if not raw.strip():
        return DEFAULT_SETTLE_SECONDS
    try:
        value = float(raw)
    except ValueError as exc:
        raise ValueError(
            f"{SETTLE_SECONDS_ENV}={raw!r} is not a number of seconds (e.g. 5 or 30)."
        ) from exc
    return max(value, 0.0)


def still_being_written(files: list[Path], now: datetime, pause: float = 0.5) -> set[Path]:
    """Files modified in the last seconds whose size or time changes over a short pause.

    A file being copied into the inbox must not be judged (and removed) half-written. Only
    recent files are watched, so a normal run waits at most ``pause`` seconds, once.
    """
    recent = {}
    for path in files:
        status = path.lstat()
        if now.timestamp() - status.st_mtime < settle_seconds():
            recent[path] = (status.st_size, status.st_mtime_ns)
    if not recent:
        return set()
    time.sleep(pause)
    changing = set()
    for path, before in recent.items():
        try:
            status = path.lstat()
        except FileNotFoundError:
            changing.add(path)
            continue
        if (status.st_size, status.st_mtime_ns) != before:
            changing.add(path)
    return changing


def received_time(path: Path, now: datetime) -> datetime:
    """When the office received the file: its modification time, unless that is in the future.

    Files are usually saved from e-mail when they arrive and dropped in the inbox later, so the
    modification time is the closer measure of receipt than the time the platform first saw it.
    """
    mtime = datetime.fromtimestamp(path.lstat().st_mtime, tz=UTC).replace(microsecond=0)
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


def _file_away(
    source: Path,
    original_name: str,
    sha: str,
    kind: str,
    findings: list[Finding],
    paths: SpfPaths,
    received_at: datetime,
) -> tuple[Path, Path | None]:
    """Keep the original where its outcome says: archive (accepted) or quarantine + report.

    The copy is verified against ``sha`` before it counts (``storage.store_verified``); a
    stored name is bounded in length, the full name being kept in the registry and report."""
    if not any(f.severity == CRITICAL for f in findings):
        stored = paths.archive / kind / f"{sha}{_archive_suffix(original_name)}"
        return store_verified(source, stored, sha), None
    stored = paths.quarantine / kind / bounded_name(f"{sha[:12]}__{safe_name(original_name)}")
    if source != stored:
        store_verified(source, stored, sha)
    report = write_report(
        stored.with_name(stored.name + ".report.txt"), original_name, received_at, findings, False
    )
    return stored, report


def _archive_suffix(name: str) -> str:
    """The original's extension, lower case, if it is a short one."""
    suffix = Path(name).suffix.lower()
    return suffix if len(suffix) <= MAX_SUFFIX_CHARS and suffix.isprintable() else ""


def _record(
    store: StateStore,
    paths: SpfPaths,
    sha: str,
    kind: str,
    original_name: str,
    first_seen_at: datetime,
    received_at: datetime,
    verdict: Verdict,
    stored: Path,
    report: Path | None,
    now: datetime,
) -> RegistryEntry:
    findings, directorate, period = verdict.findings, verdict.directorate_code, verdict.period_code
    accepted = verdict.accepted
    message_en, message_fr = _summary(findings, accepted)
    outcome = "accepted" if accepted else "rejected"
    if accepted and period is not None and period in store.closed_periods():
        # A closed period's figures change only with the steward's approval.
        outcome = "pending"
        held = message("held_for_approval", period=period)
        message_en, message_fr = held.en, held.fr
        store.record_approval_event(sha, "held", "intake", now)
    entry = RegistryEntry(
        file_sha256=sha,
        file_id=sha[:16],
        kind=kind,
        original_name=original_name,
        first_seen_at=first_seen_at,
        received_at=received_at,
        outcome=outcome,
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
    return entry


def judge_files(
    kind: FileKind,
    files: list[tuple[Path, datetime]],
    ctx: RegisterContext,
    now: datetime,
    limits: IntakeLimits,
) -> list[Verdict]:
    """Judge the files of one drop together (a kind may validate them as a batch).

    Never raises for a file: a kind isolates a file that crashes its reader; should the batch
    itself fail, each file is judged alone, so only the file that breaks it is rejected.
    """
    if not files:
        return []
    try:
        return kind.judge(files, ctx, now, limits)
    except Exception as exc:
        if len(files) == 1:
            return [crash_verdict(exc)]
        return [judge_files(kind, [file], ctx, now, limits)[0] for file in files]


def _take_in(
    path: Path,
    sha: str,
    received_at: datetime,
    verdict: Verdict,
    kind: str,
    paths: SpfPaths,
    store: StateStore,
    now: datetime,
) -> tuple[FileOutcome, Any]:
    """Keep the original, record the outcome, then (only then) remove the inbox copy.

    If the original cannot be stored and verified, nothing is recorded and the inbox copy
    stays: that file is refused for this run, the others go on."""
    try:
        stored, report = _file_away(
            path, path.name, sha, kind, verdict.findings, paths, received_at
        )
    except OSError as exc:
        finding = make_finding("storage_failed", detail=str(exc))
        return FileOutcome(
            path.name, sha, kind, "rejected", [finding], message_en=finding.message_en
        ), None
    entry = _record(
        store, paths, sha, kind, path.name, now, received_at, verdict, stored, report, now
    )
    store.record_sighting(sha, path.name, now, entry.outcome)
    path.unlink()
    outcome = FileOutcome(
        path.name,
        sha,
        kind,
        entry.outcome,
        verdict.findings,
        verdict.directorate_code,
        verdict.period_code,
        entry.message_en,
    )
    return outcome, verdict.content if entry.outcome in LOADED_OUTCOMES else None


def _duplicate(
    path: Path, sha: str, kind: str, paths: SpfPaths, store: StateStore, now: datetime
) -> FileOutcome:
    """Same bytes as a file already judged: its original is kept where that one went.

    Should that stored original be missing or damaged, it is restored from this copy first."""
    known = store.entry(sha)
    if known is not None:
        stored = paths.home / known.stored_path
        if not matches(stored, sha):
            try:
                store_verified(path, stored, sha)
            except OSError as exc:
                finding = make_finding("storage_failed", detail=str(exc))
                return FileOutcome(
                    path.name, sha, kind, "rejected", [finding], message_en=finding.message_en
                )
    store.record_sighting(sha, path.name, now, "duplicate")
    path.unlink()
    return FileOutcome(
        path.name, sha, kind, "duplicate", message_en=known.message_en if known else ""
    )


class UnknownFileError(LookupError):
    """No file in the registry matches what the steward asked to reprocess."""


def find_entry(store: StateStore, selector: str) -> RegistryEntry:
    """A registry entry by content hash (or its first 8+ characters) or by original file name;
    for a name received several times, the latest."""
    matches = [
        e
        for e in store.entries()
        if (len(selector) >= 8 and e.file_sha256.startswith(selector.lower()))
        or e.original_name == selector
        or Path(e.stored_path).name == selector
    ]
    if not matches:
        raise UnknownFileError(f"no received file matches '{selector}'")
    return max(matches, key=lambda e: e.received_at)


def reprocess(
    paths: SpfPaths,
    selector: str,
    ctx: RegisterContext,
    store: StateStore,
    now: datetime | None = None,
    limits: IntakeLimits | None = None,
) -> tuple[FileOutcome, Any]:
    """Judge a stored file again (after a register was fixed, say) and record the new outcome.

    The receipt time is kept. A quarantined file that is now accepted moves to the archive and
    its old report to ``quarantine/<kind>/resolved/``; an archived file now rejected is
    quarantined, and the warehouse drops its rows at the next load.
    """
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    limits = limits or IntakeLimits.from_env()
    entry = find_entry(store, selector)
    source = paths.home / entry.stored_path
    [verdict] = judge_files(file_kind(entry.kind), [(source, entry.received_at)], ctx, now, limits)
    stored, report = _file_away(
        source,
        entry.original_name,
        entry.file_sha256,
        entry.kind,
        verdict.findings,
        paths,
        entry.received_at,
    )
    if verdict.accepted and entry.outcome == "rejected":
        resolved = source.parent / "resolved"
        resolved.mkdir(exist_ok=True)
        for old in (source, *source.parent.glob(source.name + ".report.*")):
            old.replace(resolved / old.name)
    recorded = _record(
        store,
        paths,
        entry.file_sha256,
        entry.kind,
        entry.original_name,
        entry.first_seen_at,
        entry.received_at,
        verdict,
        stored,
        report,
        now,
    )
    store.record_sighting(entry.file_sha256, entry.original_name, now, "reprocessed")
    outcome = FileOutcome(
        entry.original_name,
        entry.file_sha256,
        entry.kind,
        recorded.outcome,
        verdict.findings,
        verdict.directorate_code,
        verdict.period_code,
        recorded.message_en,
    )
    return outcome, verdict.content if verdict.accepted else None


def _entry_type(path: Path) -> str:
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "entry_special"
    if stat.S_ISLNK(mode):
        return "entry_link"
    return "entry_folder" if stat.S_ISDIR(mode) else "entry_special"


def refuse_entry(entry: Path, kind: str, paths: SpfPaths, now: datetime) -> FileOutcome:
    """An inbox entry that is not a regular file (a link, folder, device, pipe) is never read:
    it is moved as it is (a rename moves a link, not what it points to) to
    ``quarantine/<kind>/refused/`` with a report beside it. Should the move fail, it stays in
    the inbox and is reported again at the next run."""
    entry_type = message(_entry_type(entry))
    folder = paths.quarantine / kind / "refused"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / bounded_name(f"{now:%Y%m%dT%H%M%S}__{safe_name(entry.name)}")
    try:
        os.replace(entry, target)
        shown = str(target.relative_to(paths.home))
    except OSError as exc:
        shown = f"{paths.inbox_for(kind).relative_to(paths.home)} ({exc.strerror})"
    finding = make_finding("not_regular_file", value=shown, detail=entry_type)
    write_report(target.with_name(target.name + ".report.txt"), entry.name, now, [finding], False)
    return FileOutcome(entry.name, "", kind, "rejected", [finding], message_en=finding.message_en)


def process_inbox(
    paths: SpfPaths,
    kind: str,
    ctx: RegisterContext,
    store: StateStore,
    now: datetime | None = None,
    limits: IntakeLimits | None = None,
) -> IntakeResult:
    """Take in every candidate file of one inbox folder: judged together, kept one by one."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    limits = limits or IntakeLimits.from_env()
    result = IntakeResult(kind)
    result.outcomes += [
        refuse_entry(entry, kind, paths, now) for entry in irregular_entries(paths.inbox_for(kind))
    ]
    files = candidate_files(paths.inbox_for(kind))
    busy = still_being_written(files, datetime.now(UTC))
    new: list[tuple[Path, str, datetime]] = []
    repeated: list[tuple[Path, str]] = []  # same content twice in this drop
    # In order of receipt: of identical copies, the first received is kept (its time decides
    # whether the return was on time), whatever the names.
    waiting = sorted(
        (path for path in files if path not in busy),  # busy: taken once its copy has finished
        key=lambda path: (received_time(path, now), path.name),
    )
    for path in waiting:
        sha = sha256_of(path)
        if store.entry(sha) is not None:
            result.outcomes.append(_duplicate(path, sha, kind, paths, store, now))
        elif any(sha == other for _, other, _ in new):
            repeated.append((path, sha))
        else:
            new.append((path, sha, received_time(path, now)))
    verdicts = judge_files(
        file_kind(kind), [(path, received) for path, _, received in new], ctx, now, limits
    )
    for (path, sha, received), verdict in zip(new, verdicts, strict=True):
        outcome, parsed = _take_in(path, sha, received, verdict, kind, paths, store, now)
        result.outcomes.append(outcome)
        if parsed is not None:
            result.parsed[outcome.sha256] = parsed
    for path, sha in repeated:
        result.outcomes.append(_duplicate(path, sha, kind, paths, store, now))
    store.record_run(
        now,
        datetime.now(UTC),
        kind,
        result.count("accepted"),
        result.count("rejected"),
        result.count("duplicate"),
    )
    return result
