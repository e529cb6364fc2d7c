"""Backups of the state database, the one file of a data home that nothing can rebuild.

The warehouse, the published files and the reports are all derived from the archived originals
and the state database; the state database (the registry of every file received, the steward's
decisions, the alerts' outbox) is derived from nothing. So after every successful run it is
copied with SQLite's online backup (consistent even while another process writes), the copy is
verified (``PRAGMA integrity_check``) before it counts, and the last ``SPF_STATE_BACKUPS`` (7)
are kept. At start, the database is checked; a damaged one stops the command with a message that
names the file, the newest good backup and the one command that restores it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ingestion.messages import Text, fix, message

BACKUPS_ENV = "SPF_STATE_BACKUPS"
DEFAULT_BACKUPS = 7
RESTORE_COMMAND = "spf state --restore"
PREFIX = "state-"


class StateDamagedError(RuntimeError):
    """The state database cannot be trusted; ``text`` says what to do, in both languages."""

    def __init__(self, rule: str, **params: object):
        self.text: Text = message(rule, **params)
        self.hint: Text = fix(rule, **params)
        super().__init__(self.text.en)


@dataclass(frozen=True)
class Restored:
    backup: Path
    damaged_copy: Path | None


def backup_folder(state_db: Path) -> Path:
    return state_db.parent / "backups"


def damage(database: Path) -> str | None:
    """Why ``database`` cannot be trusted, or None when SQLite finds it whole."""
    try:
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    found = [str(row[0]) for row in rows]
    return None if found == ["ok"] else "; ".join(found[:3])


def backups(state_db: Path) -> list[Path]:
    """The backups, newest first."""
    folder = backup_folder(state_db)
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{PREFIX}*.sqlite"), reverse=True)


def newest_good_backup(state_db: Path) -> Path | None:
    return next((b for b in backups(state_db) if damage(b) is None), None)


def _keep() -> int:
    raw = os.environ.get(BACKUPS_ENV, "").strip()
    return max(int(raw), 1) if raw.isdigit() else DEFAULT_BACKUPS


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup to a temporary file, renamed once whole and flushed."""
    temporary = target.with_name(f".{target.name}.partial")
    temporary.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(temporary)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def backup_state(state_db: Path, now: datetime | None = None) -> Path | None:
    """A verified copy of the state database; the oldest beyond the last N are removed.

    Returns None (and keeps the earlier backups) if the copy is not whole."""
    if not state_db.exists():
        return None
    now = now or datetime.now(UTC)
    folder = backup_folder(state_db)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{PREFIX}{now.astimezone(UTC):%Y%m%dT%H%M%S%fZ}.sqlite"
    _copy(state_db, target)
    if damage(target) is not None:
        target.unlink()
        return None
    for old in backups(state_db)[_keep() :]:
        old.unlink()
    return target


def check_state(state_db: Path) -> None:
    """Raise ``StateDamagedError`` when the state database is damaged (a missing one is new)."""
    if not state_db.exists():
        return
    problem = damage(state_db)
    if problem is None:
        return
    good = newest_good_backup(state_db)
    if good is None:
        raise StateDamagedError("state_damaged_no_backup", file=state_db, detail=problem)
    raise StateDamagedError(
        "state_damaged", file=state_db, detail=problem, backup=good, command=RESTORE_COMMAND
    )


def restore_state(state_db: Path, now: datetime | None = None) -> Restored:
    """Put the newest good backup in place; the damaged file is kept beside it, renamed."""
    good = newest_good_backup(state_db)
    if good is None:
        raise StateDamagedError("state_damaged_no_backup", file=state_db, detail="no backup")
    now = now or datetime.now(UTC)
    damaged_copy = None
    if state_db.exists():
        damaged_copy = state_db.with_name(f"{state_db.name}.damaged-{now:%Y%m%dT%H%M%SZ}")
        os.replace(state_db, damaged_copy)
    for extra in ("-journal", "-wal", "-shm"):
        stale = state_db.with_name(state_db.name + extra)
        if stale.exists():
            os.replace(stale, stale.with_name(f"{stale.name}.damaged-{now:%Y%m%dT%H%M%SZ}"))
    _copy(good, state_db)
    return Restored(good, damaged_copy)
