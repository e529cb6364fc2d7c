"""Audiences: which marts and rows go to the internal release and to the Members' release.

The rules are data (``audiences.yaml``), not code, so that the steward can read and review
them; this module only parses them strictly, so that a typo stops publication instead of
silently publishing a confidential mart to Members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_AUDIENCES_FILE = Path(__file__).with_name("audiences.yaml")
INTERNAL = "internal"


class AudienceConfigError(ValueError):
    """The audience configuration is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Audience:
    name: str
    folder: str  # relative to the published folder; "." for the top level
    postgres_schema: str | None
    description: str = ""


@dataclass(frozen=True)
class MartRule:
    """Whether an audience gets a mart, and which rows (a DuckDB predicate, None = all)."""

    included: bool = True
    where: str | None = None


@dataclass(frozen=True)
class AudienceConfig:
    audiences: tuple[Audience, ...]
    rules: dict[str, dict[str, MartRule]] = field(default_factory=dict)  # mart -> audience ->
    source: Path | None = None

    def rule(self, mart: str, audience: str) -> MartRule:
        return self.rules.get(mart, {}).get(audience, MartRule())

    def unknown_marts(self, marts: list[str]) -> list[str]:
        """Marts with rules that the warehouse does not have (yet): reported, not an error."""
        return sorted(set(self.rules) - set(marts))


def _fail(source: Path, message: str) -> AudienceConfigError:
    return AudienceConfigError(f"{source}: {message}")


def _parse_rule(source: Path, mart: str, audience: str, raw: Any) -> MartRule:
    if isinstance(raw, bool):
        return MartRule(included=raw)
    if isinstance(raw, dict) and set(raw) <= {"where"} and isinstance(raw.get("where"), str):
        predicate = raw["where"].strip()
        if not predicate or ";" in predicate:
            raise _fail(source, f"marts.{mart}.{audience}.where must be one SQL predicate")
        return MartRule(where=predicate)
    raise _fail(source, f"marts.{mart}.{audience} must be true, false or {{where: <SQL>}}")


def load_audiences(path: Path = DEFAULT_AUDIENCES_FILE) -> AudienceConfig:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raw_audiences = data.get("audiences") or {}
    if INTERNAL not in raw_audiences:
        raise _fail(path, f"the '{INTERNAL}' audience must be defined")
    audiences = []
    folders: set[str] = set()
    for name, spec in raw_audiences.items():
        spec = spec or {}
        folder = str(spec.get("folder", name))
        if folder in folders or folder.startswith(("/", "..")) or folder in ("releases", "current"):
            raise _fail(path, f"audience {name}: folder {folder!r} is not a free relative folder")
        folders.add(folder)
        audiences.append(
            Audience(name, folder, spec.get("postgres_schema"), str(spec.get("description", "")))
        )
    names = {a.name for a in audiences}
    rules: dict[str, dict[str, MartRule]] = {}
    for mart, per_audience in (data.get("marts") or {}).items():
        if not isinstance(per_audience, dict):
            raise _fail(path, f"marts.{mart} must map audience names to rules")
        for audience, raw in per_audience.items():
            if audience not in names:
                raise _fail(path, f"marts.{mart} names unknown audience {audience!r}")
            rules.setdefault(mart, {})[audience] = _parse_rule(path, mart, audience, raw)
    return AudienceConfig(tuple(audiences), rules, path)
