"""The Dagster code location loads cheaply and validates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "SPF_HOME": str(tmp_path), "DAGSTER_HOME": str(tmp_path)}


def test_loading_the_code_location_does_not_import_great_expectations(tmp_path):
    code = (
        "import sys, dagster_project.definitions as d; "
        "assert d.defs.resolve_job_def('refresh_all'); "
        "print(sorted(m for m in ('great_expectations', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[]"


def test_dagster_definitions_validate(tmp_path):
    dagster = Path(sys.executable).parent / "dagster"
    result = subprocess.run(
        [str(dagster), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=REPO,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "All code locations passed validation" in result.stderr + result.stdout


def test_every_warehouse_writer_shares_the_one_pool():
    import dagster_project.definitions as d
    from dagster_project.constants import DUCKDB_POOL

    readers = {"return_templates"}  # reads the warehouse only, and tolerates a writer
    pools = {
        asset.node_def.name: asset.node_def.pool
        for asset in d.defs.assets  # type: ignore[union-attr]
        if asset.node_def.name not in readers
    }
    assert set(pools.values()) == {DUCKDB_POOL}, pools
    assert all(d.defs.get_assets_def(name).node_def.pool is None for name in readers)
