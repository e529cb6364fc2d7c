"""Members' statistics as a kind of input file for intake (``ingestion.file_kind.FileKind``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingestion.file_kind import LINEAGE_COLUMNS, Columns, Verdict, crash_verdict, with_lineage
from ingestion.kinds import STATISTICS

if TYPE_CHECKING:
    import pandas as pd

    from ingestion.paths import SpfPaths
    from ingestion.registers.context import RegisterContext
    from ingestion.state.registry import RegistryEntry
    from ingestion.xlsx.container import IntakeLimits

STATISTICS_COLUMNS: Columns = (
    *LINEAGE_COLUMNS,
    ("member_code", "VARCHAR"),
    ("year", "BIGINT"),
    ("indicator_code", "VARCHAR"),
    ("value", "DOUBLE"),  # in base units: the written number times scale_factor
    ("unit", "VARCHAR"),  # unit or scale as written (cell, else column header)
    ("value_as_reported", "VARCHAR"),
    ("scale_factor", "DOUBLE"),
    ("currency_code", "VARCHAR"),  # currency indicators only: written, else the Member's
    ("footnote", "VARCHAR"),
    ("member_as_reported", "VARCHAR"),
    ("source_cell", "VARCHAR"),
    ("source_layout", "VARCHAR"),  # questionnaire, long, wide_by_indicator, wide_by_year
    # The file's name and when the office received it (from the file registry), so revisions
    # are ordered without reading the registry, which changes with every return received.
    ("original_name", "VARCHAR"),
    ("received_at", "TIMESTAMP"),
)


class StatisticsKind:
    """Statistics files are judged one by one (each reads its own layout) and loaded as one
    row per Member, year and indicator in ``raw.statistics_values``."""

    name = STATISTICS
    marker_table = "statistics_values"

    def judge(
        self,
        files: Sequence[tuple[Path, datetime]],
        ctx: RegisterContext,
        now: datetime,
        limits: IntakeLimits,
    ) -> list[Verdict]:
        from ingestion.statistics.assessment import assess_statistics

        verdicts = []
        for path, _received in files:
            try:
                # Statistics need more of the registers than ctx summarises (name variants,
                # currencies, indicator ranges): read from the data home, cached per change.
                judged = assess_statistics(path, ctx, max_year=now.year, limits=limits)
                verdicts.append(Verdict(judged.findings, judged.frame))
            except Exception as exc:  # a crash on one file rejects that file only
                verdicts.append(crash_verdict(exc))
        return verdicts

    def raw_tables(self) -> dict[str, Columns]:
        return {self.marker_table: STATISTICS_COLUMNS}

    def rows(
        self, entry: RegistryEntry, content: Any, paths: SpfPaths, loaded_at: datetime
    ) -> dict[str, pd.DataFrame]:
        frame = content
        if frame is None:
            from ingestion.registers.context import RegisterContext
            from ingestion.registers.reader import read_registers
            from ingestion.statistics.assessment import assess_statistics

            ctx = RegisterContext.from_frames(read_registers(paths.reference))
            frame = assess_statistics(
                paths.home / entry.stored_path,
                ctx,
                datetime.now(UTC).year,
                reference_dir=paths.reference,
            ).frame
        assert frame is not None
        values = with_lineage(
            frame, entry.file_id, entry.file_sha256, entry.original_name, loaded_at
        )
        values["original_name"] = entry.original_name
        values["received_at"] = entry.received_at.astimezone(UTC).replace(tzinfo=None)
        return {self.marker_table: values}
