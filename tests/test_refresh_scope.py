"""What a refresh rebuilds (dagster_project.refresh_policy), the instance config `spf init`
writes, and the event log storage it selects (a real Dagster instance on SQLite files).

The whole path — sensor request, scoped run, same marts as a full refresh — is tested on demo
data in test_end_to_end.py.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest
import yaml

from dagster_project.lib import event_log_storage
from dagster_project.lib.event_log_storage import PooledSqliteEventLogStorage
from dagster_project.refresh_policy import plan_refresh, platform_fingerprint, register_fingerprint
from ingestion.home import DAGSTER_YAML_HEADER, initialise_home
from ingestion.paths import spf_paths
from ingestion.state.registry import StateStore

SAFE = {
    "warehouse_exists": True,
    "registers_unchanged": True,
    "platform_unchanged": True,
    "last_refresh_succeeded": True,
}


@pytest.mark.parametrize(
    ("kinds", "label"),
    [(["returns"], "returns"), (["statistics"], "statistics")],
)
def test_one_kind_of_input_alone_gives_a_scoped_refresh(kinds: list[str], label: str):
    scope = plan_refresh(kinds, **SAFE)
    assert not scope.everything
    assert scope.label == label
    assert label in scope.reason


@pytest.mark.parametrize(
    ("kinds", "unsafe", "reason"),
    [
        (["returns"], "warehouse_exists", "not built"),
        (["returns"], "registers_unchanged", "registers changed"),
        (["returns"], "platform_unchanged", "table layouts changed"),
        (["statistics"], "last_refresh_succeeded", "did not succeed"),
        ([], None, "nothing new"),
        (["returns", "statistics"], None, "together"),
    ],
)
def test_anything_else_refreshes_everything(kinds: list[str], unsafe: str | None, reason: str):
    state = dict(SAFE)
    if unsafe:
        state[unsafe] = False
    scope = plan_refresh(kinds, **state)
    assert scope.everything
    assert scope.label == "everything"
    assert reason in scope.reason


def test_an_unknown_inbox_kind_is_an_error():
    with pytest.raises(ValueError, match="templates"):
        plan_refresh(["templates"], **SAFE)


def test_the_register_fingerprint_follows_names_and_bytes(tmp_path: Path):
    (tmp_path / "kpis.csv").write_text("kpi_code\nK1\n")
    (tmp_path / "notes.txt").write_text("not a register")
    first = register_fingerprint(tmp_path)
    (tmp_path / "notes.txt").write_text("changed, still not a register")
    assert register_fingerprint(tmp_path) == first
    (tmp_path / "kpis.csv").write_text("kpi_code\nK1\nK2\n")
    changed = register_fingerprint(tmp_path)
    assert changed != first
    (tmp_path / "kpis.csv").rename(tmp_path / "kpis_old.csv")
    assert register_fingerprint(tmp_path) not in {first, changed}


def test_the_platform_fingerprint_follows_the_dbt_sources_only(tmp_path: Path):
    """Models, macros and tests count (path and bytes); what dbt writes (target/, logs/) and
    the profile do not."""
    (tmp_path / "dbt_project.yml").write_text("name: x\n")
    (tmp_path / "profiles.yml").write_text("x: {}\n")
    for folder in ("models/marts", "macros", "target", "logs"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "models" / "marts" / "m.sql").write_text("select 1 as a\n")
    (tmp_path / "target" / "manifest.json").write_text("{}")
    first = platform_fingerprint(tmp_path)
    (tmp_path / "target" / "manifest.json").write_text('{"changed": true}')
    (tmp_path / "logs" / "dbt.log").write_text("a run")
    (tmp_path / "profiles.yml").write_text("x: {changed: true}\n")
    assert platform_fingerprint(tmp_path) == first
    (tmp_path / "models" / "marts" / "m.sql").write_text("select 2 as a\n")
    edited = platform_fingerprint(tmp_path)
    assert edited != first
    (tmp_path / "macros" / "new.sql").write_text("{% macro x() %}1{% endmacro %}\n")
    assert platform_fingerprint(tmp_path) not in {first, edited}
    # the real project: stable from one call to the next
    from dagster_project.constants import DBT_PROJECT_DIR

    assert platform_fingerprint(DBT_PROJECT_DIR) == platform_fingerprint(DBT_PROJECT_DIR)


def test_the_last_register_load_is_remembered(tmp_path: Path):
    from datetime import UTC, datetime

    store = StateStore(tmp_path / "state.sqlite")
    assert store.last_register_fingerprint() is None
    store.record_register_load("a" * 64, datetime(2026, 1, 1, tzinfo=UTC))
    store.record_register_load("b" * 64, datetime(2026, 1, 2, tzinfo=UTC))
    assert StateStore(tmp_path / "state.sqlite").last_register_fingerprint() == "b" * 64


# --- the instance config and its event log storage -------------------------------------------


def _config(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_spf_init_writes_the_instance_config_and_follows_a_moved_home(tmp_path: Path):
    paths = spf_paths(tmp_path / "home")
    initialise_home(paths, with_demo=False)
    config_file = paths.dagster_home / "dagster.yaml"
    config = _config(config_file)
    assert config["concurrency"]["pools"]["default_limit"] == 1
    storage = config["event_log_storage"]
    assert storage["class"] == "PooledSqliteEventLogStorage"
    assert storage["config"]["base_dir"] == str((paths.dagster_home / "history/runs").resolve())

    moved = spf_paths(tmp_path / "moved")
    (tmp_path / "home").rename(tmp_path / "moved")
    initialise_home(moved, with_demo=False)
    base_dir = _config(moved.dagster_home / "dagster.yaml")["event_log_storage"]["config"]
    assert base_dir["base_dir"] == str((moved.dagster_home / "history/runs").resolve())


def test_an_older_config_is_upgraded_and_the_offices_own_is_left_alone(tmp_path: Path):
    paths = spf_paths(tmp_path / "home")
    paths.dagster_home.mkdir(parents=True)
    config_file = paths.dagster_home / "dagster.yaml"
    older = f"{DAGSTER_YAML_HEADER}\nconcurrency:\n  pools:\n    default_limit: 1\n"
    config_file.write_text(older, encoding="utf-8")
    initialise_home(paths, with_demo=False)
    assert "event_log_storage" in _config(config_file)

    own = "# our own instance settings\ntelemetry:\n  enabled: false\n"
    config_file.write_text(own, encoding="utf-8")
    initialise_home(paths, with_demo=False)
    assert config_file.read_text(encoding="utf-8") == own


@dg.asset
def numbers() -> int:
    return 3


@dg.asset_check(asset=numbers)
def numbers_are_positive(numbers: int) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=numbers > 0)


def test_runs_on_the_pooled_storage_keep_every_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Several runs on an instance configured as `spf init` does: every event of every run is
    read back (also by a second instance, as the UI reads what a run wrote), and no more than
    OPEN_DATABASES database files stay open."""
    paths = spf_paths(tmp_path / "home")
    initialise_home(paths, with_demo=False)
    monkeypatch.setenv("DAGSTER_HOME", str(paths.dagster_home))
    job = dg.Definitions(assets=[numbers], asset_checks=[numbers_are_positive]).resolve_job_def(
        "__ASSET_JOB"
    )
    runs = event_log_storage.OPEN_DATABASES + 2
    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, PooledSqliteEventLogStorage)
        results = [job.execute_in_process(instance=instance) for _ in range(runs)]
        assert all(result.success for result in results)
        assert len(storage._engines) <= event_log_storage.OPEN_DATABASES
        written = {r.run_id: len(instance.all_logs(r.run_id)) for r in results}
    with dg.DagsterInstance.get() as reader:
        assert {run_id: len(reader.all_logs(run_id)) for run_id in written} == written
        evaluations = reader.event_log_storage.get_latest_asset_check_execution_by_key(
            [dg.AssetCheckKey(dg.AssetKey("numbers"), "numbers_are_positive")]
        )
        [execution] = evaluations.values()
        assert execution.run_id == results[-1].run_id
    assert min(written.values()) > 5
