"""The steward's runs (launched from the UI or by the inbox sensor) run as `spf run` does: in
one process, with their refresh scope recorded in the run's tags.

The run is launched through Dagster's own path (code server, run coordinator, run queue's
daemon, `DefaultRunLauncher`), not `execute_in_process`.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.constants import DBT_PROJECT_DIR, REFRESH_JOB
from dagster_project.definitions import build_definitions
from dagster_project.defs.refresh_scope import (
    PLATFORM_TAG,
    SCOPE_REASON_TAG,
    SCOPE_TAG,
    launch_tags,
    platform_built_warehouse,
)
from dagster_project.lib.run_coordinator import SpfRunCoordinator
from dagster_project.refresh_policy import platform_fingerprint
from ingestion.home import initialise_home
from ingestion.paths import spf_paths
from tests.launcher_support import (
    code_location,
    dequeue,
    launch_from_ui,
    step_processes,
    wait_for_run,
)

KEY_A, KEY_B = dg.AssetKey(["raw", "a"]), dg.AssetKey(["raw", "b"])


def test_launch_tags_record_a_scope_only_where_none_was_given() -> None:
    whole = launch_tags(REFRESH_JOB, {}, None, None)
    assert whole[SCOPE_TAG] == "everything"
    assert "Dagster UI" in whole[SCOPE_REASON_TAG]
    assert launch_tags(REFRESH_JOB, {}, [KEY_A, KEY_B], [KEY_A, KEY_B])[SCOPE_TAG] == "everything"
    assert launch_tags(REFRESH_JOB, {}, [KEY_A], [KEY_A, KEY_B])[SCOPE_TAG] == "selection"
    assert launch_tags(REFRESH_JOB, {}, [KEY_A], None)[SCOPE_TAG] == "selection"
    assert launch_tags(REFRESH_JOB, {SCOPE_TAG: "returns"}, [KEY_A], None) == {}
    assert launch_tags("close_period", {}, None, None) == {}


def test_a_refresh_launched_from_the_ui_runs_in_one_process_and_records_its_scope(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = spf_paths(tmp_path / "home")
    initialise_home(paths, with_demo=False)
    monkeypatch.setenv("SPF_HOME", str(paths.home))
    monkeypatch.setenv("DAGSTER_HOME", str(paths.dagster_home))
    job = build_definitions(str(paths.home)).resolve_job_def(REFRESH_JOB)
    with dg.DagsterInstance.get() as instance:  # the data home's dagster.yaml, as `make ui`
        assert isinstance(instance.run_coordinator, SpfRunCoordinator)
        assert not instance.nux_enabled  # no first-run pop-up over the catalogue
        with code_location(instance) as context:
            run_id = launch_from_ui(context, job)
            queued = instance.get_run_by_id(run_id)
            assert queued is not None and queued.status == dg.DagsterRunStatus.QUEUED
            dequeue(context)
            run = wait_for_run(instance, run_id)
        processes = step_processes(instance, run_id)
        assert run.status == dg.DagsterRunStatus.SUCCESS
        # every step of the refresh ran, all in the one run worker (not this test's process)
        assert {"reference_registers", "return_intake", "published_marts"} <= set(processes)
        assert len(set(processes.values())) == 1
        assert os.getpid() not in processes.values()
        fingerprint = platform_fingerprint(DBT_PROJECT_DIR)
        assert run.tags[SCOPE_TAG] == "everything"
        assert run.tags[PLATFORM_TAG] == fingerprint
        # ... so it counts as the full refresh that re-enables scoped runs after an upgrade
        assert platform_built_warehouse(instance, fingerprint)
