"""Resources: where the data home is, and the warehouse connection."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from ingestion.paths import SpfPaths, spf_paths


class SpfHomeResource(dg.ConfigurableResource):
    """The data home (``$SPF_HOME``); every path is derived from it by ``ingestion.paths``."""

    home: str

    def paths(self) -> SpfPaths:
        return spf_paths(self.home)


def dbt_executable() -> str:
    """The dbt installed beside this interpreter (the project's venv), even when not on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def default_resources(home: str | None = None) -> dict[str, object]:
    """Resources for the code location, tests and ``make run`` alike."""
    from dagster_project.dbt_project import spf_dbt_project
    from dagster_project.lib.dbt_resource import SpfDbtCliResource

    paths = spf_paths(home)
    return {
        "spf_home": SpfHomeResource(home=str(paths.home)),
        "duckdb": DuckDBResource(database=str(paths.warehouse)),
        "dbt": SpfDbtCliResource(project_dir=spf_dbt_project, dbt_executable=dbt_executable()),
    }
