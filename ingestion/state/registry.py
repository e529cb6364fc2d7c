"""The platform's own state: what no input file can give back.

It lives in a small SQLite database under ``$SPF_HOME/state/``, outside the warehouse, so that
deleting and rebuilding the warehouse keeps it: the file registry (every file ever seen, when it
was first seen and received, and its outcome), every sighting of a file (including re-drops of
the same content under other names), the findings of each file, the steward's decisions
(period closes and reopenings, approvals of held returns: who and when), a log of intake
runs, and which register files were last loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ingestion.findings import Finding
from ingestion.state.database import StateDatabase, iso

SCHEMA = """
create table if not exists file_registry (
    file_sha256 text primary key,
    file_id text not null,
    kind text not null,
    original_name text not null,
    first_seen_at text not null,
    received_at text not null,
    outcome text not null,
    stored_path text not null,
    report_path text,
    directorate_code text,
    period_code text,
    error_count integer not null,
    warning_count integer not null,
    message_en text not null,
    message_fr text not null,
    processed_at text not null
);
create table if not exists file_sightings (
    file_sha256 text not null,
    name text not null,
    seen_at text not null,
    action text not null
);
create table if not exists intake_findings (
    file_sha256 text not null,
    position integer not null,
    severity text not null,
    rule text not null,
    sheet_name text,
    cell text,
    value_found text,
    message_en text,
    message_fr text,
    fix_en text,
    fix_fr text,
    primary key (file_sha256, position)
);
create table if not exists period_events (
    period_code text not null,
    action text not null,
    actor text not null,
    acted_at text not null,
    note text
);
create table if not exists approval_events (
    file_sha256 text not null,
    action text not null,
    actor text not null,
    acted_at text not null,
    note text
);
create table if not exists register_loads (
    fingerprint text not null,
    loaded_at text not null
);
create table if not exists intake_runs (
    started_at text not null,
    finished_at text not null,
    kind text not null,
    accepted integer not null,
    rejected integer not null,
    duplicates integer not null
);
"""


@dataclass(frozen=True)
class RegistryEntry:
    file_sha256: str
    file_id: str
    kind: str
    original_name: str
    first_seen_at: datetime
    received_at: datetime
    outcome: str
    stored_path: str
    report_path: str | None
    directorate_code: str | None
    period_code: str | None
    error_count: int
    warning_count: int
    message_en: str
    message_fr: str


class StateStore(StateDatabase):
    """Intake's tables in the state database (short-lived connections, safe across processes)."""

    schema = SCHEMA

    def entry(self, sha256: str) -> RegistryEntry | None:
        with self.connect() as con:
            row = con.execute(
                "select file_sha256, file_id, kind, original_name, first_seen_at, received_at, "
                "outcome, stored_path, report_path, directorate_code, period_code, error_count, "
                "warning_count, message_en, message_fr from file_registry where file_sha256 = ?",
                (sha256,),
            ).fetchone()
        return _entry(row) if row else None

    def entries(self, kind: str | None = None) -> list[RegistryEntry]:
        query = (
            "select file_sha256, file_id, kind, original_name, first_seen_at, received_at, "
            "outcome, stored_path, report_path, directorate_code, period_code, error_count, "
            "warning_count, message_en, message_fr from file_registry"
        )
        params: tuple[str, ...] = ()
        if kind:
            query += " where kind = ?"
            params = (kind,)
        with self.connect() as con:
            rows = con.execute(query + " order by received_at, file_sha256", params).fetchall()
        return [_entry(r) for r in rows]

    def record(self, entry: RegistryEntry, findings: list[Finding], processed_at: datetime) -> None:
        """Record a file's outcome and findings in one transaction (replacing earlier ones)."""
        with self.connect() as con:
            con.execute(
                "insert or replace into file_registry values "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.file_sha256,
                    entry.file_id,
                    entry.kind,
                    entry.original_name,
                    iso(entry.first_seen_at),
                    iso(entry.received_at),
                    entry.outcome,
                    entry.stored_path,
                    entry.report_path,
                    entry.directorate_code,
                    entry.period_code,
                    entry.error_count,
                    entry.warning_count,
                    entry.message_en,
                    entry.message_fr,
                    iso(processed_at),
                ),
            )
            con.execute("delete from intake_findings where file_sha256 = ?", (entry.file_sha256,))
            con.executemany(
                "insert into intake_findings values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        entry.file_sha256,
                        position,
                        f.severity,
                        f.rule,
                        f.sheet,
                        f.cell,
                        f.value,
                        f.message_en,
                        f.message_fr,
                        f.fix_en,
                        f.fix_fr,
                    )
                    for position, f in enumerate(findings)
                ],
            )

    def record_sighting(self, sha256: str, name: str, seen_at: datetime, action: str) -> None:
        with self.connect() as con:
            con.execute(
                "insert into file_sightings values (?, ?, ?, ?)",
                (sha256, name, iso(seen_at), action),
            )

    def record_run(
        self,
        started: datetime,
        finished: datetime,
        kind: str,
        accepted: int,
        rejected: int,
        duplicates: int,
    ) -> None:
        with self.connect() as con:
            con.execute(
                "insert into intake_runs values (?, ?, ?, ?, ?, ?)",
                (iso(started), iso(finished), kind, accepted, rejected, duplicates),
            )

    def record_register_load(self, fingerprint: str, at: datetime) -> None:
        """Remember which register files the warehouse was last loaded from (see
        ``dagster_project.refresh_policy``: a change since then makes the next refresh a full
        one)."""
        with self.connect() as con:
            con.execute("insert into register_loads values (?, ?)", (fingerprint, iso(at)))

    def last_register_fingerprint(self) -> str | None:
        with self.connect() as con:
            row = con.execute(
                "select fingerprint from register_loads order by rowid desc limit 1"
            ).fetchone()
        return row[0] if row else None

    def record_period_event(
        self, period_code: str, action: str, actor: str, at: datetime, note: str | None = None
    ) -> None:
        with self.connect() as con:
            con.execute(
                "insert into period_events values (?, ?, ?, ?, ?)",
                (period_code, action, actor, iso(at), note),
            )

    def period_events(self) -> list[tuple[str, str, str, datetime, str | None]]:
        with self.connect() as con:
            rows = con.execute(
                "select period_code, action, actor, acted_at, note from period_events "
                "order by rowid"
            ).fetchall()
        return [(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4]) for r in rows]

    def closed_periods(self) -> set[str]:
        """Periods whose latest event is a close."""
        latest: dict[str, str] = {}
        for period, action, *_ in self.period_events():
            latest[period] = action
        return {period for period, action in latest.items() if action == "close"}

    def record_approval_event(
        self, sha256: str, action: str, actor: str, at: datetime, note: str | None = None
    ) -> None:
        with self.connect() as con:
            con.execute(
                "insert into approval_events values (?, ?, ?, ?, ?)",
                (sha256, action, actor, iso(at), note),
            )

    def approval_events(self) -> list[tuple[str, str, str, datetime, str | None]]:
        with self.connect() as con:
            rows = con.execute(
                "select file_sha256, action, actor, acted_at, note from approval_events "
                "order by rowid"
            ).fetchall()
        return [(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4]) for r in rows]

    def set_outcome(self, sha256: str, outcome: str, message_en: str, message_fr: str) -> None:
        with self.connect() as con:
            con.execute(
                "update file_registry set outcome = ?, message_en = ?, message_fr = ? "
                "where file_sha256 = ?",
                (outcome, message_en, message_fr, sha256),
            )

    def findings(self) -> list[tuple[str, int, Finding]]:
        """(file hash, position in the file's report from 0, finding) for every finding."""
        with self.connect() as con:
            rows = con.execute(
                "select file_sha256, position, severity, rule, sheet_name, cell, value_found, "
                "message_en, message_fr, fix_en, fix_fr from intake_findings "
                "order by file_sha256, position"
            ).fetchall()
        return [(r[0], r[1], Finding(*r[2:])) for r in rows]


def _entry(row: tuple) -> RegistryEntry:
    values = list(row)
    values[4] = datetime.fromisoformat(values[4])
    values[5] = datetime.fromisoformat(values[5])
    return RegistryEntry(*values)
