"""The inbox sensor: a run of `refresh_all` for new or changed files dropped in the inbox.

The decision of each tick is the plain function `plan_inbox_tick` (no Dagster, no clock, no
database), so the rules are testable in milliseconds; the sensor only observes the inbox, calls
it and turns the plan into at most one `RunRequest`.

No `from __future__ import annotations` here: Dagster reads the sensor's parameter annotations
(the context and the `spf_home` resource) when the sensor is defined.
"""

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg

from dagster_project.constants import REFRESH_JOB
from dagster_project.defs.refresh_scope import refresh_scope, scope_selection, scope_tags
from dagster_project.defs.resources import SpfHomeResource
from ingestion.intake import (
    DEFAULT_SETTLE_SECONDS,
    candidate_files,
    settle_seconds,
    sha256_of,
)
from ingestion.kinds import KINDS
from ingestion.state.registry import StateStore

MINIMUM_INTERVAL_SECONDS = 15
FILES_TAG = "spf/files"
FILE_COUNT_TAG = "spf/file_count"
MAX_FILES_TAG_CHARS = 200


def now() -> float:
    """The current time in seconds since the epoch (module level, so tests can replace it)."""
    return time.time()


@dataclass(frozen=True)
class FileObservation:
    """One candidate file as seen at one tick; ``path`` is relative to the inbox
    (``returns/q1.xlsx``), so the cursor stays readable and does not depend on ``$SPF_HOME``."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class ReadyFile:
    path: str
    sha256: str


@dataclass
class InboxCursor:
    """What the sensor remembers between ticks (stored as JSON in the sensor's cursor).

    ``pending``: the last observation of every candidate file, ``{path: [size, mtime_ns]}``;
    a file is stable when the next tick sees the same pair.
    ``requested``: ``{sha256: run_key}`` of files for which a run was requested. Entries are
    dropped once no file with that content is in the inbox any more (the run took it in), so
    the cursor stays as small as the inbox.
    """

    pending: dict[str, tuple[int, int]] = field(default_factory=dict)
    requested: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: str | None) -> "InboxCursor":
        """Parse a cursor; a missing or unreadable one (e.g. reset in the UI) starts afresh."""
        if not raw:
            return cls()
        try:
            data = json.loads(raw)
            pending = {str(p): (int(v[0]), int(v[1])) for p, v in data.get("pending", {}).items()}
            requested = {str(s): str(k) for s, k in data.get("requested", {}).items()}
        except (ValueError, TypeError, AttributeError, IndexError, KeyError):
            return cls()
        return cls(pending, requested)

    def to_json(self) -> str:
        return json.dumps(
            {
                "pending": {p: list(v) for p, v in sorted(self.pending.items())},
                "requested": dict(sorted(self.requested.items())),
            },
            separators=(",", ":"),
        )


@dataclass
class TickPlan:
    """The decision of one tick: files to request a run for, and the cursor to keep.

    ``settling``, ``already_received`` and ``already_requested`` list the files held back, and
    why, for the skip message and the log.
    """

    ready: list[ReadyFile]
    cursor: InboxCursor
    settling: list[str] = field(default_factory=list)
    already_received: list[str] = field(default_factory=list)
    already_requested: list[str] = field(default_factory=list)


def run_key_for(shas: Iterable[str]) -> str:
    """The run key of a set of files: the sha256 of their sorted content hashes, so the same
    files under any names, in any order, give the same key."""
    return hashlib.sha256("\n".join(sorted(set(shas))).encode()).hexdigest()


def plan_inbox_tick(
    observations: Iterable[FileObservation],
    previous_cursor: InboxCursor,
    now: float,
    *,
    settle_seconds: float = DEFAULT_SETTLE_SECONDS,
    hash_of: Callable[[str], str | None],
    already_received: Callable[[str], bool],
) -> TickPlan:
    """Decide which files of the inbox are ready to be taken in at this tick.

    A file is ready when it is *settled*: its (size, mtime_ns) is the same as at the previous
    tick, and its mtime is at least ``settle_seconds`` before ``now`` (a file still being copied
    changes size or mtime; a new file always waits one tick). An mtime more than
    ``settle_seconds`` in the *future* (clock skew, a copy that kept another machine's times)
    does not hold a stable file back: it would otherwise wait until the clock caught up.

    Only settled files are hashed (``hash_of(path)``; ``None`` when the file vanished meanwhile).
    A settled file is held back when a run was already requested for its content (it stays
    until that run moves it out) or when its content is already in the state registry
    (``already_received(sha)``): the registry, not the run key, makes intake exactly-once, and
    such a duplicate is cleared by the next run of the intake (the next new file or `make run`)
    without a run of its own.
    """
    settle_ns = int(settle_seconds * 1e9)
    now_ns = int(now * 1e9)
    cursor = InboxCursor()
    plan = TickPlan(ready=[], cursor=cursor)
    present: set[str] = set()
    for obs in sorted(observations, key=lambda o: o.path):
        seen = (obs.size, obs.mtime_ns)
        cursor.pending[obs.path] = seen
        age_ns = now_ns - obs.mtime_ns
        stable = previous_cursor.pending.get(obs.path) == seen
        if not stable or not (age_ns >= settle_ns or -age_ns > settle_ns):
            plan.settling.append(obs.path)
            continue
        sha = hash_of(obs.path)
        if sha is None:  # gone between listing and hashing: a run took it in
            del cursor.pending[obs.path]
            continue
        present.add(sha)
        if sha in previous_cursor.requested:
            plan.already_requested.append(obs.path)
        elif already_received(sha):
            plan.already_received.append(obs.path)
        else:
            plan.ready.append(ReadyFile(obs.path, sha))
    cursor.requested = {
        sha: key for sha, key in previous_cursor.requested.items() if sha in present
    }
    if plan.ready:
        key = run_key_for(f.sha256 for f in plan.ready)
        cursor.requested.update({f.sha256: key for f in plan.ready})
    return plan


def observe_inbox(inbox: Path) -> list[FileObservation]:
    """Stat every candidate file of every inbox folder, with intake's own ignore rules (Excel
    lock files ``~$…``, hidden files, partial downloads and temporary files)."""
    observations = []
    for kind in KINDS:
        for path in candidate_files(inbox / kind):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            observations.append(
                FileObservation(f"{kind}/{path.name}", stat.st_size, stat.st_mtime_ns)
            )
    return observations


def _files_tag(names: list[str]) -> str:
    """File names for the run's tag, shortened to fit the run list; the log has them all."""
    text = ", ".join(names)
    if len(text) <= MAX_FILES_TAG_CHARS:
        return text
    shown: list[str] = []
    for name in names:
        if len(", ".join([*shown, name])) > MAX_FILES_TAG_CHARS - 20:
            break
        shown.append(name)
    return f"{', '.join(shown)} … (+{len(names) - len(shown)} more)"


def _hasher(inbox: Path) -> Callable[[str], str | None]:
    def hash_of(path: str) -> str | None:
        try:
            return sha256_of(inbox / path)
        except FileNotFoundError:
            return None

    return hash_of


def _registry(state_db: Path) -> Callable[[str], bool]:
    store: list[StateStore] = []  # opened on first use: an empty inbox touches no database

    def already_received(sha: str) -> bool:
        if not store:
            store.append(StateStore(state_db))
        return store[0].entry(sha) is not None

    return already_received


@dg.sensor(
    job_name=REFRESH_JOB,
    minimum_interval_seconds=MINIMUM_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Runs `refresh_all` when new or changed files are dropped in "
    "$SPF_HOME/inbox/returns or inbox/statistics: every 15 s it looks at the inbox; a file is "
    "taken in once it has stopped changing (same size and time at two looks, 5 s old). Only "
    "what the files feed is rebuilt when that is safe, else everything. Off by default: turn "
    "it on here; it needs the Dagster daemon (`make ui` runs one).",
)
def inbox_sensor(context: dg.SensorEvaluationContext, spf_home: SpfHomeResource) -> Any:
    """Run `refresh_all` when new or changed files are dropped in $SPF_HOME/inbox/returns or
    $SPF_HOME/inbox/statistics.

    Off by default: a data steward turns it on in the UI (Automation → inbox_sensor); it needs
    the Dagster daemon (`make ui` runs one). Without it, `make run` takes in the inbox the same
    way.

    Every 15 seconds it looks at the inbox. A file is taken in once it has stopped changing: same
    size and modification time as at the previous look, and last modified at least 5 seconds ago
    (`SPF_INBOX_SETTLE_SECONDS`). Excel lock files (`~$…`), hidden files and partial or temporary
    downloads are ignored. All files ready at the same look go into one run, which takes them in
    one by one and rebuilds the marts once: only those the files feed when only returns (or
    only statistics) arrived and nothing else changed, else everything
    (`dagster_project.refresh_policy`). A file whose content was already received (under
    any name) does not start a run: the next run clears it from the inbox as a duplicate.
    """
    paths = spf_home.paths()
    previous = InboxCursor.from_json(context.cursor)
    plan = plan_inbox_tick(
        observe_inbox(paths.inbox),
        previous,
        now(),
        settle_seconds=settle_seconds(),
        hash_of=_hasher(paths.inbox),
        already_received=_registry(paths.state_db),
    )
    cursor = plan.cursor.to_json()
    if not plan.ready:
        reasons = [
            f"{len(plan.settling)} file(s) still settling" if plan.settling else "",
            f"{len(plan.already_requested)} already requested" if plan.already_requested else "",
            f"{len(plan.already_received)} already received (duplicates, cleared by the next run)"
            if plan.already_received
            else "",
        ]
        reason = "; ".join(r for r in reasons if r) or "The inbox is empty."
        return dg.SensorResult(skip_reason=reason, cursor=cursor)
    names = [f.path for f in plan.ready]
    run_key = plan.cursor.requested[plan.ready[0].sha256]
    context.log.info(f"Requesting run {run_key[:12]} for {len(names)} file(s): {', '.join(names)}")
    if plan.already_received:
        context.log.info(f"Already received, left to the run: {', '.join(plan.already_received)}")
    scope = refresh_scope(paths, context.instance, {name.split("/", 1)[0] for name in names})
    selection = None
    if not scope.everything:
        if context.repository_def is None:  # a test context built without definitions
            raise dg.DagsterInvariantViolationError("inbox_sensor needs its definitions")
        selection = scope_selection(scope, context.repository_def.asset_graph)
    context.log.info(f"Refresh scope: {scope.label} ({scope.reason}).")
    request = dg.RunRequest(
        run_key=run_key,
        asset_selection=selection,
        tags={
            FILE_COUNT_TAG: str(len(names)),
            FILES_TAG: _files_tag(names),
            **scope_tags(scope),
        },
    )
    return dg.SensorResult(run_requests=[request], cursor=cursor)
