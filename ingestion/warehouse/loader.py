"""Load the registers, accepted files and the state registry's mirror into the warehouse.

The warehouse is derived data: every accepted file that is not yet in ``raw`` is loaded from
what intake parsed in this run or, failing that, from its original in ``archive/``. So a deleted
warehouse is rebuilt by the next run, and a file is never loaded twice (one transaction per file,
keyed by file id).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import duckdb
import pandas as pd

from ingestion.file_kind import FileKind
from ingestion.intake import LOADED_OUTCOMES
from ingestion.kinds import file_kind
from ingestion.paths import SpfPaths
from ingestion.state.registry import StateStore
from ingestion.warehouse.schema import (
    APPROVAL_EVENTS_COLUMNS,
    FILE_REGISTRY_COLUMNS,
    INTAKE_FINDINGS_COLUMNS,
    PERIOD_EVENTS_COLUMNS,
    create_input_schemas,
    raw_tables,
    reference_tables,
)


def load_registers(
    con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]
) -> dict[str, int]:
    """Replace every ``reference`` table in one transaction; returns row counts."""
    tables = reference_tables()
    counts = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for name, frame in frames.items():
            columns = ", ".join(f'"{c}"' for c, _ in tables[name])
            con.execute(f'DELETE FROM reference."{name}"')
            if len(frame):
                con.register("register_frame", frame)
                con.execute(
                    f'INSERT INTO reference."{name}" ({columns}) '
                    f"SELECT {columns} FROM register_frame"
                )
                con.unregister("register_frame")
            counts[name] = len(frame)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return counts


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = [name for name, _ in raw_tables()[table]]
    quoted = ", ".join(f'"{c}"' for c in columns)
    con.register("load_frame", frame[columns])
    try:
        con.execute(f'INSERT INTO raw."{table}" ({quoted}) SELECT {quoted} FROM load_frame')
    finally:
        con.unregister("load_frame")


def _loaded_ids(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(f"SELECT DISTINCT file_id FROM raw.{table}").fetchall()}


def load_accepted(
    con: duckdb.DuckDBPyConnection,
    paths: SpfPaths,
    store: StateStore,
    kind: str,
    parsed_in_run: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Load every accepted file of ``kind`` missing from ``raw``; returns rows loaded per table."""
    create_input_schemas(con)
    of_kind = file_kind(kind)
    parsed_in_run = parsed_in_run or {}
    _drop_unloaded(con, store, of_kind)
    loaded = _loaded_ids(con, of_kind.marker_table)
    counts: dict[str, int] = {}
    loaded_at = datetime.now(UTC)
    for entry in store.entries(kind):
        if entry.outcome not in LOADED_OUTCOMES or entry.file_id in loaded:
            continue
        tables = of_kind.rows(entry, parsed_in_run.get(entry.file_sha256), paths, loaded_at)
        con.execute("BEGIN TRANSACTION")
        try:
            for table, frame in tables.items():
                _insert(con, table, frame)
                counts[table] = counts.get(table, 0) + len(frame)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return counts


def _drop_unloaded(con: duckdb.DuckDBPyConnection, store: StateStore, kind: FileKind) -> None:
    """Rows of files whose outcome changed to rejected (by a reprocess) leave the warehouse."""
    rejected = [e.file_id for e in store.entries(kind.name) if e.outcome not in LOADED_OUTCOMES]
    if not rejected:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for table in kind.raw_tables():
            con.execute(f"DELETE FROM raw.{table} WHERE file_id IN (SELECT unnest(?))", [rejected])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def mirror_state(con: duckdb.DuckDBPyConnection, store: StateStore) -> dict[str, int]:
    """Replace ``raw.file_registry`` and ``raw.intake_findings`` with the state's contents."""
    create_input_schemas(con)
    entries = store.entries()
    registry = pd.DataFrame(
        [
            {
                **{
                    k: getattr(e, k)
                    for k, _ in FILE_REGISTRY_COLUMNS
                    if k not in ("first_seen_at", "received_at")
                },
                "first_seen_at": e.first_seen_at.astimezone(UTC).replace(tzinfo=None),
                "received_at": e.received_at.astimezone(UTC).replace(tzinfo=None),
            }
            for e in entries
        ],
        columns=[c for c, _ in FILE_REGISTRY_COLUMNS],
    )
    by_sha = {e.file_sha256: e for e in entries}
    findings = pd.DataFrame(
        [
            {
                "file_id": by_sha[sha].file_id,
                "finding_number": position + 1,
                "kind": by_sha[sha].kind,
                "original_name": by_sha[sha].original_name,
                "severity": f.severity,
                "rule": f.rule,
                "sheet_name": f.sheet,
                "cell": f.cell,
                "value_found": f.value,
                "message_en": f.message_en,
                "message_fr": f.message_fr,
                "fix_en": f.fix_en,
                "fix_fr": f.fix_fr,
            }
            for sha, position, f in store.findings()
            if sha in by_sha
        ],
        columns=[c for c, _ in INTAKE_FINDINGS_COLUMNS],
    )
    period_events = pd.DataFrame(
        [
            {
                "period_code": p,
                "action": a,
                "actor": who,
                "note": note,
                "acted_at": at.astimezone(UTC).replace(tzinfo=None),
            }
            for p, a, who, at, note in store.period_events()
        ],
        columns=[c for c, _ in PERIOD_EVENTS_COLUMNS],
    )
    approval_events = pd.DataFrame(
        [
            {
                "file_id": by_sha[sha].file_id if sha in by_sha else sha[:16],
                "action": a,
                "actor": who,
                "note": note,
                "acted_at": at.astimezone(UTC).replace(tzinfo=None),
            }
            for sha, a, who, at, note in store.approval_events()
        ],
        columns=[c for c, _ in APPROVAL_EVENTS_COLUMNS],
    )
    tables = {
        "file_registry": registry,
        "intake_findings": findings,
        "period_events": period_events,
        "approval_events": approval_events,
    }
    con.execute("BEGIN TRANSACTION")
    try:
        for table, frame in tables.items():
            con.execute(f"DELETE FROM raw.{table}")
            _insert(con, table, frame)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {table: len(frame) for table, frame in tables.items()}
