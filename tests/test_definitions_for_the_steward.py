"""What the steward sees in the Dagster UI's catalogue: every asset owned and grouped by the
business, every dbt check explained, the marts with a freshness policy, the automation
described. Loads the definitions only (no run)."""

from __future__ import annotations

import dagster as dg
import pytest

from dagster_project.constants import REFRESH_JOB
from dagster_project.definitions import build_definitions
from dagster_project.defs.assets.dbt import mart_asset_keys
from dagster_project.defs.groups import BUSINESS_GROUPS, OFFICE_OWNER
from dagster_project.defs.refresh_scope import scope_selection
from dagster_project.refresh_policy import RefreshScope


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    return build_definitions()


def test_every_asset_has_an_owner_and_a_business_group(definitions: dg.Definitions) -> None:
    specs = list(definitions.resolve_all_asset_specs())
    assert len(specs) > 80
    assert [s.key.to_user_string() for s in specs if OFFICE_OWNER not in s.owners] == []
    groups = {s.key.to_user_string(): s.group_name for s in specs}
    assert {k: g for k, g in groups.items() if g not in BUSINESS_GROUPS} == {}
    assert groups["marts/fct_return_submission"] == groups["raw/return_files"] == "returns"
    assert groups["reference/directorates"] == "registers"
    assert groups["marts/mart_statistics_regional"] == "statistics"


def test_every_dbt_check_says_what_it_checks(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    checks = [
        spec
        for key in graph.asset_check_keys
        for spec in [graph.get_check_spec(key)]
        if key.asset_key.path[0] in ("staging", "intermediate", "marts")
    ]
    assert len(checks) > 400
    assert [c.key.to_user_string() for c in checks if not (c.description or "").strip()] == []
    by_name = {c.key.name: c.description for c in checks}
    # a generic test, with its column's description from the model's YAML
    unique = by_name["unique_dim_directorate_directorate_key"]
    assert unique.startswith("No two rows of `dim_directorate` share a `directorate_key` (")
    assert "stops the refresh" in unique
    # a singular test's own description
    assert "amber" in by_name["assert_kpi_thresholds_ordered_by_direction"]
    assert "warns" in by_name["assert_kpi_thresholds_ordered_by_direction"]


def test_marts_columns_and_automation_are_described(definitions: dg.Definitions) -> None:
    specs = {s.key: s for s in definitions.resolve_all_asset_specs()}
    assert all(specs[key].freshness_policy is not None for key in mart_asset_keys())
    files = specs[dg.AssetKey(["raw", "return_files"])]
    schema = files.metadata["dagster/column_schema"]
    assert {"file_id", "file_sha256"} <= {c.name for c in schema.columns}
    assert next(c for c in schema.columns if c.name == "file_id").description
    assert specs[dg.AssetKey(["reference", "directorates"])].metadata["dagster/column_schema"]
    for sensor in definitions.sensors:
        assert (sensor.description or "").strip(), sensor.name
    schedule = definitions.resolve_schedule_def("daily_refresh")
    assert schedule.job_name == REFRESH_JOB and (schedule.description or "").strip()


def test_the_keys_a_scoped_refresh_selects_still_resolve(definitions: dg.Definitions) -> None:
    returns = RefreshScope(everything=False, inputs=frozenset({"returns"}), reason="test")
    selected = scope_selection(returns, definitions.resolve_asset_graph())
    assert selected is not None
    names = {key.to_user_string() for key in selected}
    assert {"raw/return_files", "marts/fct_return_submission", "published_marts"} <= names
    assert "raw/statistics_values" not in names and "return_templates" not in names


def test_dagster_dev_loads_the_definitions_without_dbt_on_path(tmp_path) -> None:
    """`.venv/bin/dagster dev -w workspace.yaml` without an activated venv: the dbt project is
    parsed again (as under `dagster dev`) with the venv's dbt, not one from PATH."""
    import subprocess
    import sys
    from pathlib import Path

    env = {
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "DAGSTER_IS_DEV_CLI": "1",
        "SPF_HOME": str(tmp_path / "home"),
        "GX_ANALYTICS_ENABLED": "false",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    code = "import dagster_project.definitions as d; print(len(d.defs.assets))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert Path(sys.executable).parent.joinpath("dbt").exists()
