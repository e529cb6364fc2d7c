"""Initialising a data home: folders, registers, the Dagster instance config, the demo inbox.

Idempotent. On first use it seeds the sample registers and a demo inbox; on later runs it only
adds what a newer version introduced (a new register file, say) and never overwrites the
office's own files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingestion.paths import SpfPaths

DAGSTER_YAML = """\
# Dagster instance of this data home, shared by `make run` and `make ui`.
# DuckDB allows one writer: every step that touches the warehouse takes a slot of the pool
# `duckdb_writer`, and every pool has one slot.
concurrency:
  pools:
    default_limit: 1
telemetry:
  enabled: false
"""
FIRST_USE_MARKER = ".initialised"


@dataclass
class InitReport:
    first_use: bool
    registers_added: list[str] = field(default_factory=list)
    demo_files: int = 0


def initialise_home(paths: SpfPaths, with_demo: bool = True) -> InitReport:
    from ingestion.registers import read_registers, seed_reference

    for folder in paths.all_dirs():
        folder.mkdir(parents=True, exist_ok=True)
    dagster_yaml = paths.dagster_home / "dagster.yaml"
    if not dagster_yaml.exists():
        dagster_yaml.write_text(DAGSTER_YAML, encoding="utf-8")
    marker = paths.state_dir / FIRST_USE_MARKER
    report = InitReport(first_use=not marker.exists())
    report.registers_added = seed_reference(paths.reference)
    if report.first_use and with_demo:
        from ingestion.demo import write_demo_returns, write_demo_statistics

        frames = read_registers(paths.reference)
        returns = write_demo_returns(frames, paths.inbox_returns)
        statistics = write_demo_statistics(frames, paths.inbox_statistics)
        report.demo_files = len(returns) + len(statistics)
    marker.write_text("This data home has been initialised.\n", encoding="utf-8")
    return report
