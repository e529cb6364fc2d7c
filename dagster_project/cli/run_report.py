"""What one `spf run` (or `spf reprocess`) did, printed before the cumulative state.

The steward's first question after a run is "what happened to the files I just dropped?".
Intake records every sighting of a file (taken, duplicate, reprocessed) with the run's time, so
what this run did is read back from the state registry: each file taken with its outcome, each
duplicate skipped, each file held for approval, each file judged again, and the files left in
the inbox (still being copied). Every file dropped is accounted for. Times are Brussels time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from ingestion.intake import candidate_files
from ingestion.kinds import KINDS
from ingestion.paths import SpfPaths
from ingestion.state.database import iso
from ingestion.state.registry import StateStore

BRUSSELS = ZoneInfo("Europe/Brussels")
# How a sighting reads on the console (the registry's outcome for files judged in this run).
LABELS = {
    "accepted": "accepted",
    "rejected": "REJECTED",
    "pending": "held    ",
    "declined": "declined",
    "duplicate": "duplicate",
}


@dataclass(frozen=True)
class Sighting:
    name: str
    action: str  # accepted | rejected | pending | duplicate | reprocessed
    outcome: str  # the file's outcome in the registry now
    message_en: str
    report_path: str | None
    received_at: str


def sightings_since(store: StateStore, since: datetime) -> list[Sighting]:
    """Every file this run saw, in the order it saw them."""
    with store.connect() as con:
        rows = con.execute(
            "select s.name, s.action, r.outcome, r.message_en, r.report_path, r.received_at "
            "from file_sightings as s join file_registry as r using (file_sha256) "
            "where s.seen_at >= ? order by s.rowid",
            (iso(since),),
        ).fetchall()
    return [Sighting(*row) for row in rows]


def _brussels(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M")


def print_this_run(paths: SpfPaths, since: datetime) -> None:
    """The files this run took, skipped, held or judged again, and those it left waiting."""
    seen = sightings_since(StateStore(paths.state_db), since)
    waiting = [path for kind in KINDS for path in candidate_files(paths.inbox_for(kind))]
    print("\n=== This run ===")
    if not seen and not waiting:
        print("No new file in the inbox.")
    for sighting in seen:
        if sighting.action == "reprocessed":
            print(f"  judged again {sighting.name}: now {sighting.outcome}. {sighting.message_en}")
        elif sighting.action == "duplicate":
            print(f"  duplicate {sighting.name}: same content as a file already received; skipped")
            continue
        else:
            label = LABELS.get(sighting.action, sighting.action)
            received = _brussels(sighting.received_at)
            print(
                f"  {label} {sighting.name} (received {received} Brussels time): "
                f"{sighting.message_en}"
            )
        if sighting.outcome == "rejected" and sighting.report_path:
            print(f"           report: {paths.home / sighting.report_path}")
        if sighting.outcome == "pending":
            print("           held for approval: `spf approve` or `spf decline` it")
    for path in waiting:
        print(f"  waiting {path.name}: still being copied into the inbox; taken at the next run")
    taken = [s for s in seen if s.action not in ("duplicate", "reprocessed")]
    counts = {
        outcome: sum(1 for s in taken if s.outcome == outcome)
        for outcome in ("accepted", "rejected", "pending")
    }
    duplicates = sum(1 for s in seen if s.action == "duplicate")
    print(
        f"Taken in this run: {len(taken)} ({counts['accepted']} accepted, "
        f"{counts['rejected']} rejected, {counts['pending']} held for approval); "
        f"{duplicates} duplicate(s) skipped; {len(waiting)} left waiting."
    )
