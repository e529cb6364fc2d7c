"""Which inputs a refresh must take in, so that a dropped return rebuilds only what it feeds.

A return changes the return-fed models and marts, not the Members' statistics; a statistics
extract changes the statistics-fed ones, not the plan's. Rebuilding only what a drop feeds
halves the time from drop to refreshed marts, and gives the same marts as a full refresh
(tested). The narrow scope is taken only when it is safe: the warehouse exists, the registers
are those the last load read (a changed register can change every dimension), the platform is
the one that built the warehouse (an upgrade can change any model or raw table), the last
finished refresh succeeded (otherwise something may be stale anywhere) and the inbox holds
files. Otherwise everything is rebuilt, which is also what a refresh with an empty inbox
does (dates move on: returns become late or missing).

Plain Python (no Dagster): the sensor and `spf run` ask it the same question, and the Dagster
side only turns the answer into an asset selection.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingestion.kinds import KINDS


@dataclass(frozen=True)
class RefreshScope:
    """``inputs`` are the inbox kinds to take in (``returns``, ``statistics``); ``everything``
    means a full refresh (registers, both inboxes, every model); ``reason`` says why, for the
    run's tags and the steward."""

    everything: bool
    inputs: frozenset[str]
    reason: str

    @property
    def label(self) -> str:
        return "everything" if self.everything else "+".join(sorted(self.inputs))


def full_refresh(reason: str) -> RefreshScope:
    return RefreshScope(everything=True, inputs=frozenset(KINDS), reason=reason)


def register_fingerprint(reference_dir: Path) -> str:
    """SHA-256 over the name and bytes of every register file (``*.csv``), in name order."""
    digest = hashlib.sha256()
    for path in sorted(reference_dir.glob("*.csv")):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


# What in the dbt project shapes the warehouse (not target/, logs/ or the profile)
DBT_SOURCES = ("dbt_project.yml", "models", "macros", "tests", "seeds", "snapshots")


def platform_fingerprint(dbt_project_dir: Path) -> str:
    """SHA-256 over what builds the warehouse: the dbt project's sources (models, macros,
    tests, ...: path and bytes of each file) and the tables intake writes (raw and reference,
    with their columns and types). An upgrade of the platform changes it."""
    from ingestion.warehouse.schema import raw_tables, reference_tables

    digest = hashlib.sha256()
    for name in DBT_SOURCES:
        root = dbt_project_dir / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            digest.update(path.relative_to(dbt_project_dir).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    for tables in (raw_tables(), reference_tables()):
        digest.update(repr(sorted(tables.items())).encode("utf-8"))
    return digest.hexdigest()


def plan_refresh(
    inbox_kinds: Iterable[str],
    *,
    warehouse_exists: bool,
    registers_unchanged: bool,
    platform_unchanged: bool,
    last_refresh_succeeded: bool,
) -> RefreshScope:
    """The scope of the next refresh, given what waits in the inbox and the platform's state."""
    kinds = frozenset(inbox_kinds)
    unknown = kinds - set(KINDS)
    if unknown:
        raise ValueError(f"unknown inbox kinds: {sorted(unknown)}")
    if not warehouse_exists:
        return full_refresh("the warehouse is not built yet")
    if not registers_unchanged:
        return full_refresh("the reference registers changed since they were last loaded")
    if not platform_unchanged:
        return full_refresh(
            "the platform's dbt project or table layouts changed since the last full refresh"
        )
    if not last_refresh_succeeded:
        return full_refresh("the last refresh did not succeed")
    if not kinds:
        return full_refresh("nothing new in the inbox: a plain refresh")
    if kinds == set(KINDS):
        return full_refresh("returns and statistics arrived together")
    return RefreshScope(
        everything=False, inputs=kinds, reason=f"only {' and '.join(sorted(kinds))} arrived"
    )
