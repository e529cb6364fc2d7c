"""Shared fixtures: temporary data homes, register frames and a builder of return workbooks."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from demo.generator import DemoFlaws, build_return
from ingestion.paths import SpfPaths, spf_paths
from ingestion.registers.reader import read_registers, seed_reference
from ingestion.returns.layout import load_layout

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
NO_FLAWS = DemoFlaws(rejected=("-", "-"), missing_kpi=("-", "-"), late=("-", "-"))


@pytest.fixture
def home(tmp_path: Path) -> Iterator[SpfPaths]:
    """An initialised data home with the sample registers and an empty inbox."""
    previous = os.environ.get("SPF_HOME")
    paths = spf_paths(tmp_path / "home")
    for folder in paths.all_dirs():
        folder.mkdir(parents=True, exist_ok=True)
    seed_reference(paths.reference)
    yield paths
    if previous is None:
        os.environ.pop("SPF_HOME", None)
    else:
        os.environ["SPF_HOME"] = previous


@pytest.fixture(scope="session")
def sample_frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    folder = tmp_path_factory.mktemp("reference")
    seed_reference(folder)
    return read_registers(folder)


ReturnBuilder = Callable[..., Path]


@pytest.fixture
def make_return(sample_frames: dict[str, pd.DataFrame], tmp_path: Path) -> ReturnBuilder:
    """Write a valid return (as the demo would), optionally edited cell by cell.

    ``edits`` maps ``"Sheet!A1"`` to a new value; ``drop_sheet`` removes a sheet.
    """

    def build(
        directorate: str = "TTA",
        period: str = "2025-26-Q1",
        edits: dict[str, object] | None = None,
        name: str | None = None,
        drop_sheet: str | None = None,
    ) -> Path:
        wb: Workbook = build_return(sample_frames, directorate, period, NO_FLAWS, load_layout())
        path = tmp_path / (name or f"return_{directorate}_{period}.xlsx")
        wb.save(path)
        if edits or drop_sheet:
            wb = load_workbook(path)
            for ref, value in (edits or {}).items():
                sheet, cell = ref.split("!")
                wb[sheet][cell] = value
            if drop_sheet:
                del wb[drop_sheet]
            wb.save(path)
        return path

    return build


def pytest_sessionstart(session: pytest.Session) -> None:
    """The dbt manifest is prepared at build time (`make`); prepare it if pytest runs alone."""
    from dagster_project.dbt_project import spf_dbt_project

    if not spf_dbt_project.manifest_path.exists():
        import subprocess
        import sys

        dbt = Path(sys.executable).parent / "dbt"
        subprocess.run(
            [str(dbt), "parse", "--quiet", "--project-dir", ".", "--profiles-dir", "."],
            cwd=spf_dbt_project.project_dir,
            check=True,
            env={**os.environ, "SPF_HOME": os.environ.get("SPF_HOME", str(Path.cwd() / "data"))},
        )


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> SpfPaths:
    """The demo as `make run` builds it (DuckDB), once per test worker.

    Read-only for its users: the tests that build the dbt project on PostgreSQL and on Spark
    start from its raw and reference tables and compare their marts with its marts."""
    from dagster_project.cli import main as cli
    from tests.warehouse_support import restore_environment

    paths = spf_paths(tmp_path_factory.mktemp("demo") / "home")
    saved = {key: os.environ.get(key) for key in ("SPF_HOME", "DAGSTER_HOME")}
    os.environ["DAGSTER_HOME"] = str(paths.dagster_home)
    try:
        assert cli.main(["run", "--home", str(paths.home)]) == 0
    finally:
        restore_environment(saved)
    return paths
