"""The schema-change guard: a release may add to what BI reads, never silently break it.

Power BI and Tableau reports bind to column names and types. Publishing a mart without a
column a report uses breaks the report for every reader at once, so each release is compared
with the previous one and breaking changes need an explicit acknowledgement.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from publication.marts import MartSchema

DEFAULT_ACKNOWLEDGED_FILE = Path(__file__).with_name("acknowledged_changes.yaml")
ACKNOWLEDGE_ENV = "SPF_PUBLISH_ACKNOWLEDGE"


@dataclass(frozen=True)
class SchemaChange:
    mart: str
    column: str | None  # None: the whole mart
    kind: str  # mart_removed, column_removed, column_retyped
    detail: str

    @property
    def key(self) -> str:
        return self.mart if self.column is None else f"{self.mart}.{self.column}"


class SchemaChangeError(RuntimeError):
    """Breaking changes without acknowledgement; the message lists them and how to proceed."""

    def __init__(self, changes: list[SchemaChange], previous_release: str) -> None:
        self.changes = changes
        lines = [
            f"Publication stopped: {len(changes)} change(s) to the published marts would break "
            f"BI reports built on release {previous_release}:",
            *(f"  - {c.key}: {c.detail}" for c in changes),
            "Nothing was published; the previous release is still in place.",
            "If BI developers have been told, acknowledge each entry in "
            f"publication/acknowledged_changes.yaml or in ${ACKNOWLEDGE_ENV} "
            f"(e.g. {ACKNOWLEDGE_ENV}={','.join(c.key for c in changes)}), then run again.",
        ]
        super().__init__("\n".join(lines))


def load_acknowledged(path: Path = DEFAULT_ACKNOWLEDGED_FILE) -> set[str]:
    """Acknowledged keys from the file and from ``$SPF_PUBLISH_ACKNOWLEDGE``."""
    keys: set[str] = set()
    if path.exists():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        keys.update(str(entry).strip() for entry in data.get("acknowledged") or [])
    keys.update(k.strip() for k in os.environ.get(ACKNOWLEDGE_ENV, "").split(",") if k.strip())
    return keys


def breaking_changes(previous: dict[str, list[dict[str, Any]]], current: list[MartSchema]):
    """Changes from ``previous`` (manifest ``schema`` section) to ``current`` that break readers."""
    now = {m.name: {c.name: c.type for c in m.columns} for m in current}
    changes: list[SchemaChange] = []
    for mart, columns in sorted(previous.items()):
        if mart not in now:
            changes.append(SchemaChange(mart, None, "mart_removed", "mart removed"))
            continue
        for column in columns:
            name, old_type = column["name"], column["type"]
            if name not in now[mart]:
                changes.append(
                    SchemaChange(mart, name, "column_removed", "column removed or renamed")
                )
            elif now[mart][name] != old_type:
                changes.append(
                    SchemaChange(
                        mart,
                        name,
                        "column_retyped",
                        f"type changed from {old_type} to {now[mart][name]}",
                    )
                )
    return changes


def check_schema(
    previous: dict[str, Any] | None, current: list[MartSchema], acknowledged: set[str]
) -> list[SchemaChange]:
    """Raise on unacknowledged breaking changes; return the acknowledged ones (for the manifest)."""
    if not previous:
        return []
    changes = breaking_changes(previous.get("schema", {}), current)
    refused = [c for c in changes if c.key not in acknowledged]
    if refused:
        raise SchemaChangeError(refused, str(previous.get("release_id", "?")))
    return changes
