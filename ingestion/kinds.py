"""The kinds of input file the platform takes in, by name (the inbox folder and registry kind).

The one list of kinds: intake, the warehouse's raw tables, the sensor and the refresh policy
read it. A new kind is a package implementing ``ingestion.file_kind.FileKind`` and one entry
here.
"""

from __future__ import annotations

from functools import cache

from ingestion.file_kind import FileKind

RETURNS = "returns"
STATISTICS = "statistics"
KINDS = (RETURNS, STATISTICS)


@cache
def all_kinds() -> tuple[FileKind, ...]:
    from ingestion.returns.kind import ReturnKind
    from ingestion.statistics.kind import StatisticsKind

    kinds: tuple[FileKind, ...] = (ReturnKind(), StatisticsKind())
    assert tuple(k.name for k in kinds) == KINDS
    return kinds


def file_kind(name: str) -> FileKind:
    """The kind called ``name``; a ``KeyError`` names the known kinds."""
    for kind in all_kinds():
        if kind.name == name:
            return kind
    raise KeyError(f"unknown kind of file {name!r}; known: {', '.join(KINDS)}")
