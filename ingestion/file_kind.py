"""What intake asks of every kind of input file: one small interface, the same loop for all.

A kind (``ingestion.returns``, ``ingestion.statistics``) judges a batch of files into verdicts
(findings, plus the content to load when the file is accepted) and turns an accepted file's
content into rows of the warehouse's ``raw`` tables it declares. Intake archives, quarantines,
records and loads without ever asking which kind it has in hand: adding a kind means adding a
package that implements ``FileKind`` and naming it in ``ingestion.kinds``.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ingestion.findings import CRITICAL, Finding, make_finding

if TYPE_CHECKING:
    import pandas as pd

    from ingestion.paths import SpfPaths
    from ingestion.registers.context import RegisterContext
    from ingestion.state.registry import RegistryEntry
    from ingestion.xlsx.container import IntakeLimits

Columns = tuple[tuple[str, str], ...]  # (column name, SQL type), in table order

# Every data row of a raw table carries its lineage.
LINEAGE_COLUMNS: Columns = (
    ("file_id", "VARCHAR"),
    ("file_sha256", "VARCHAR"),
    ("sheet_name", "VARCHAR"),
    ("source_row", "BIGINT"),
    ("loaded_at", "TIMESTAMP"),
)


@dataclass
class Verdict:
    """How one file was judged: every finding, and what to load if it is accepted.

    ``directorate_code`` and ``period_code`` say whom and which period the file concerns, when
    the kind knows (returns do; statistics files do not): a verdict for a closed period is held
    for the steward's approval.
    """

    findings: list[Finding] = field(default_factory=list)
    content: Any = None
    directorate_code: str | None = None
    period_code: str | None = None

    @property
    def accepted(self) -> bool:
        return not any(f.severity == CRITICAL for f in self.findings)


def crash_finding(exc: BaseException) -> Finding:
    """The finding of a file that crashed its reader: the error, and where, for the steward."""
    detail = f"{type(exc).__name__}: {exc}"
    return make_finding("read_failed", detail=detail, value=traceback.format_exc(-3))


def crash_verdict(exc: BaseException) -> Verdict:
    """A file that crashed its reader is rejected alone, with the error recorded."""
    return Verdict([crash_finding(exc)])


class FileKind(Protocol):
    """One kind of input file (its inbox folder and registry kind are ``name``)."""

    name: str
    # The raw table with one row per loaded file or value: a file whose id is there is loaded.
    marker_table: str

    def judge(
        self,
        files: Sequence[tuple[Path, datetime]],
        ctx: RegisterContext,
        now: datetime,
        limits: IntakeLimits,
    ) -> list[Verdict]:
        """One verdict per file (each given with its time of receipt), in order. A file that
        crashes the reader gets ``crash_verdict``; the others are judged as usual."""
        ...

    def raw_tables(self) -> dict[str, Columns]:
        """The ``raw`` tables this kind loads, with their columns."""
        ...

    def rows(
        self, entry: RegistryEntry, content: Any, paths: SpfPaths, loaded_at: datetime
    ) -> dict[str, pd.DataFrame]:
        """Rows to load for one accepted file, per raw table. ``content`` is the verdict's
        content when the file was judged in this run, else None: read the stored original."""
        ...


def with_lineage(
    frame: pd.DataFrame, file_id: str, sha: str, sheet: str, loaded_at: datetime
) -> pd.DataFrame:
    """The frame's rows with the lineage columns first and the load time last."""
    out = frame.copy()
    out.insert(0, "source_row", [int(i) for i in frame.index])
    out.insert(0, "sheet_name", sheet)
    out.insert(0, "file_sha256", sha)
    out.insert(0, "file_id", file_id)
    out["loaded_at"] = loaded_at.replace(tzinfo=None)
    return out.reset_index(drop=True)
