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

    # return_templates reads the warehouse only, and tolerates a writer; briefing_book reads
    # only the published release, never the warehouse
    readers = {"return_templates", "briefing_book"}
    pools = {
        asset.node_def.name: asset.node_def.pool
        for asset in d.defs.assets  # type: ignore[union-attr]
        if asset.node_def.name not in readers
    }
    assert set(pools.values()) == {DUCKDB_POOL}, pools
    assert all(d.defs.get_assets_def(name).node_def.pool is None for name in readers)


CHECKS_CODE = (
    "import dagster_project.definitions as d; "
    "checks = d.defs.get_assets_def('quality_alerts').check_keys; "
    "print(','.join(sorted(k.name.removeprefix('no_open_critical_issue_') for k in checks)))"
)


def _load_checks(home: Path, dagster_home: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", CHECKS_CODE],
        cwd=REPO,
        env={**os.environ, "SPF_HOME": str(home), "DAGSTER_HOME": str(dagster_home)},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


def test_checks_per_directorate_load_from_the_register_without_touching_the_home(tmp_path):
    sample = "adm,cb,cf,rcp,spf,tta"
    dagster_home = tmp_path / "dagster"
    dagster_home.mkdir()
    empty = tmp_path / "empty-home"
    assert _load_checks(empty, dagster_home) == sample
    assert not empty.exists()  # nothing created: no warehouse, no state DB, no folders

    office = tmp_path / "office-home"
    (office / "reference").mkdir(parents=True)
    register = office / "reference" / "directorates.csv"
    register.write_text(
        "directorate_code,name_en,name_fr,preferred_language,alert_email,valid_from,valid_to\n"
        "ENF,Enforcement,Lutte contre la fraude,fr,enf@example.org,2024-01-01,\n"
        "TTA,Tariff,Tarif,en,tta@example.org,2020-01-01,\n",
        encoding="utf-8",
    )
    assert _load_checks(office, dagster_home) == "enf,spf,tta"  # the office (SPF) always has one
    assert sorted(p.name for p in office.rglob("*")) == ["directorates.csv", "reference"]

    # A register broken in any way still loads (the run reports the register's errors).
    for broken in (b"code;name\nENF;Enforcement\n", b"\xff\xfe\x00garbage"):
        register.write_bytes(broken)
        assert _load_checks(office, dagster_home) == sample
