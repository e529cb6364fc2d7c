"""Helpers for tests that run the whole pipeline on a data home of their own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from dagster_project.dbt_project import spf_dbt_project
from ingestion.home import initialise_home
from ingestion.paths import SpfPaths


@contextmanager
def pipeline_environment(home: SpfPaths) -> Iterator[SpfPaths]:
    """Initialise ``home`` (sample registers, no demo) with a Dagster instance of its own.

    ``spf run`` reads DAGSTER_HOME (and sets SPF_HOME); both are restored afterwards so that a
    module-scoped pipeline does not leak into the next test module of the same worker.
    """
    saved = {k: os.environ.get(k) for k in ("SPF_HOME", "DAGSTER_HOME")}
    os.environ["DAGSTER_HOME"] = str(home.dagster_home)
    initialise_home(home, with_demo=False)
    try:
        yield home
    finally:
        restore_environment(saved)


def restore_environment(saved: dict[str, str | None]) -> None:
    """Put environment variables back as ``saved`` (``None``: the variable was not set).

    Module-scoped pipelines set DAGSTER_HOME and the like, and `spf run` sets SPF_HOME: the next
    test module of the same worker must not inherit them."""
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def query(home: SpfPaths, sql: str, *params: object) -> list[tuple]:
    """Rows of a read-only query on the home's warehouse."""
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def query_dicts(home: SpfPaths, sql: str, *params: object) -> list[dict]:
    """The same, each row as a dict of column name to value."""
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        cursor = con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def copy_warehouse(home: SpfPaths, folder: Path) -> Path:
    """A new data home under ``folder`` holding a copy of ``home``'s warehouse (to tamper with)."""
    copy = folder / "home"
    (copy / "warehouse").mkdir(parents=True)
    shutil.copyfile(home.warehouse, copy / "warehouse" / "spf.duckdb")
    return copy


def run_dbt(home: Path, target: Path, *args: str) -> dict:
    """Run dbt on the warehouse of data home ``home``, with its own target folder.

    Returns run_results.json, or sources.json for ``source freshness``. The target folder is
    the test's own, so parallel test workers never share dbt's partial-parse state.
    """
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run(
        [str(dbt), *args, "--project-dir", ".", "--profiles-dir", ".",
         "--target-path", str(target), "--log-path", str(target / "logs")],
        cwd=spf_dbt_project.project_dir,
        env={**os.environ, "SPF_HOME": str(home)},
        capture_output=True,
        check=False,
    )  # fmt: skip
    name = "sources.json" if args[0] == "source" else "run_results.json"
    return json.loads((target / name).read_text(encoding="utf-8"))


def declared_precision(unit: str | None = None) -> float:
    """Half the last decimal the marts round a value of ``unit`` to (dbt vars ``unit_decimals``
    and ``default_decimals`` in dbt_project.yml): a figure recomputed from the facts equals the
    published one within it."""
    import yaml

    from dagster_project.constants import DBT_PROJECT_DIR

    project = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    variables = project["vars"]
    decimals = variables["unit_decimals"].get(unit or "", variables["default_decimals"])
    return 0.5 * 10 ** (-decimals) + 1e-9
