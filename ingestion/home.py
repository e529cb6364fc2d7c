"""Initialising a data home: folders, registers, the Dagster instance config, the demo inbox.

Idempotent. On first use it seeds the sample registers and a demo inbox; on later runs it only
adds what a newer version introduced (a new register file, say) and never overwrites the
office's own files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ingestion.paths import SpfPaths

DAGSTER_YAML_HEADER = "# Dagster instance of this data home, shared by `make run` and `make ui`."
DAGSTER_YAML = f"""\
{DAGSTER_YAML_HEADER}
# Written by `spf init`, which rewrites it while this first line is unchanged (a moved data
# home gets its new paths); remove the line to keep edits of your own.
# DuckDB allows one writer: every step that touches the warehouse takes a slot of the pool
# `duckdb_writer`, and every pool has one slot.
concurrency:
  pools:
    default_limit: 1
telemetry:
  enabled: false
# No first-run pop-up (Dagster's community notice) over the steward's asset catalogue
nux:
  enabled: false
# Runs launched from the UI are queued as by default, and a run of `refresh_all` launched
# without a refresh scope is tagged with one (dagster_project/lib/run_coordinator.py).
run_coordinator:
  module: dagster_project.lib.run_coordinator
  class: SpfRunCoordinator
# Run events in SQLite as by default, with connections kept open between writes
# (dagster_project/event_log_storage.py says why).
event_log_storage:
  module: dagster_project.lib.event_log_storage
  class: PooledSqliteEventLogStorage
  config:
    base_dir: {{runs_dir}}
"""
FIRST_USE_MARKER = ".initialised"


@dataclass
class InitReport:
    first_use: bool
    registers_added: list[str] = field(default_factory=list)
    demo_files: int = 0


def _write_dagster_yaml(paths: SpfPaths) -> None:
    """Write the instance config, or rewrite ours (first line unchanged) with this home's paths;
    a file whose first line was changed is the office's own and is left alone."""
    dagster_yaml = paths.dagster_home / "dagster.yaml"
    runs_dir = (paths.dagster_home / "history" / "runs").resolve()
    wanted = DAGSTER_YAML.format(runs_dir=json.dumps(runs_dir.as_posix()))  # a YAML string
    if dagster_yaml.exists():
        current = dagster_yaml.read_text(encoding="utf-8")
        if current == wanted or not current.startswith(DAGSTER_YAML_HEADER + "\n"):
            return
    dagster_yaml.write_text(wanted, encoding="utf-8")


def initialise_home(paths: SpfPaths, with_demo: bool = True) -> InitReport:
    from ingestion.registers.reader import read_registers, seed_reference

    for folder in paths.all_dirs():
        folder.mkdir(parents=True, exist_ok=True)
    _write_dagster_yaml(paths)
    marker = paths.state_dir / FIRST_USE_MARKER
    report = InitReport(first_use=not marker.exists())
    report.registers_added = seed_reference(paths.reference)
    if report.first_use and with_demo:
        from demo.generator import write_demo_returns, write_demo_statistics

        frames = read_registers(paths.reference)
        returns = write_demo_returns(frames, paths.inbox_returns)
        statistics = write_demo_statistics(frames, paths.inbox_statistics)
        report.demo_files = len(returns) + len(statistics)
    marker.write_text("This data home has been initialised.\n", encoding="utf-8")
    return report
