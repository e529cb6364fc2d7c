"""Returns as a kind of input file for intake (``ingestion.file_kind.FileKind``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingestion.file_kind import LINEAGE_COLUMNS, Columns, Verdict, with_lineage
from ingestion.kinds import RETURNS
from ingestion.returns.layout import load_layout

if TYPE_CHECKING:
    import pandas as pd

    from ingestion.paths import SpfPaths
    from ingestion.registers.context import RegisterContext
    from ingestion.returns.parser import ParsedReturn
    from ingestion.state.registry import RegistryEntry
    from ingestion.xlsx.container import IntakeLimits

RETURN_SQL_TYPES = {
    "code": "VARCHAR",
    "text": "VARCHAR",
    "status": "VARCHAR",
    "risk_trend": "VARCHAR",
    "percent": "DOUBLE",
    "number": "DOUBLE",
    "int": "BIGINT",
    "date": "DATE",
}
# One row per loaded return: its metadata and when it was received.
RETURN_FILES_COLUMNS: Columns = (
    ("file_id", "VARCHAR"),
    ("file_sha256", "VARCHAR"),
    ("original_name", "VARCHAR"),
    ("layout_version", "VARCHAR"),
    ("directorate_code", "VARCHAR"),
    ("period_code", "VARCHAR"),
    ("prepared_by", "VARCHAR"),
    ("received_at", "TIMESTAMP"),
    ("loaded_at", "TIMESTAMP"),
)


class ReturnKind:
    """Returns are judged as a batch (one expectation run per sheet type for the whole drop)
    and loaded as one row in ``raw.return_files`` plus the rows of each table sheet."""

    name = RETURNS
    marker_table = "return_files"

    def judge(
        self,
        files: Sequence[tuple[Path, datetime]],
        ctx: RegisterContext,
        now: datetime,
        limits: IntakeLimits,
    ) -> list[Verdict]:
        from ingestion.returns.assessment import assess_returns

        return [
            Verdict(a.findings, a.parsed, a.directorate_code, a.period_code)
            for a in assess_returns(list(files), ctx, now.date(), limits)
        ]

    def raw_tables(self) -> dict[str, Columns]:
        return {
            self.marker_table: RETURN_FILES_COLUMNS,
            **{
                sheet.table: (
                    *LINEAGE_COLUMNS,
                    *((c.name, RETURN_SQL_TYPES[c.type]) for c in sheet.loaded_columns),
                )
                for sheet in load_layout().sheets
            },
        }

    def rows(
        self, entry: RegistryEntry, content: Any, paths: SpfPaths, loaded_at: datetime
    ) -> dict[str, pd.DataFrame]:
        import pandas as pd

        from ingestion.returns.parser import parse_return

        parsed: ParsedReturn = content or parse_return(paths.home / entry.stored_path)
        meta = parsed.metadata
        tables = {
            self.marker_table: pd.DataFrame(
                [
                    {
                        "file_id": entry.file_id,
                        "file_sha256": entry.file_sha256,
                        "original_name": entry.original_name,
                        "layout_version": meta.get("layout_version"),
                        "directorate_code": meta.get("directorate_code"),
                        "period_code": meta.get("period_code"),
                        "prepared_by": meta.get("prepared_by"),
                        "received_at": entry.received_at.astimezone(UTC).replace(tzinfo=None),
                        "loaded_at": loaded_at.replace(tzinfo=None),
                    }
                ]
            )
        }
        for sheet in parsed.sheets.values():
            columns = [c.name for c in sheet.spec.loaded_columns]
            tables[sheet.spec.table] = with_lineage(
                sheet.frame[columns], entry.file_id, entry.file_sha256, sheet.spec.name, loaded_at
            )
        return tables
