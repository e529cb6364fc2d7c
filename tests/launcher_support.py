"""Runs launched as the Dagster daemon and the UI launch them, not in-process.

The UI and the sensor daemon create a run from the code location (a gRPC code server, as under
`dagster dev`), submit it to the instance's run coordinator (queued), and the run queue's
daemon hands it to the run launcher (`DefaultRunLauncher`: a run worker process started by the
code server). These helpers drive the same Dagster classes, one iteration at a time, on a real
instance (the data home's `dagster.yaml`), so that a test or the benchmark sees what a steward's
run does. Used by tests/test_steward_run_path.py and tests/bench.py.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster._core.remote_representation.external import RemoteRepository
from dagster._core.test_utils import create_test_daemon_workspace_context
from dagster._core.workspace.context import WorkspaceProcessContext
from dagster._core.workspace.load_target import ModuleTarget
from dagster._daemon.run_coordinator.queued_run_coordinator_daemon import (
    QueuedRunCoordinatorDaemon,
)
from dagster._daemon.sensor import execute_sensor_iteration

REPO = Path(__file__).resolve().parent.parent
LOCATION = "spf_warehouse"  # as in workspace.yaml
FINISHED = {dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED}


@contextmanager
def code_location(instance: dg.DagsterInstance) -> Iterator[WorkspaceProcessContext]:
    """The code location of workspace.yaml served by a gRPC code server, as the daemon has it.
    The server and its run workers inherit this process's environment ($SPF_HOME,
    $DAGSTER_HOME)."""
    target = ModuleTarget("dagster_project.definitions", None, str(REPO), LOCATION)
    with create_test_daemon_workspace_context(target, instance) as context:
        yield context


def _repository(context: WorkspaceProcessContext) -> RemoteRepository:
    location = context.create_request_context().get_code_location(LOCATION)
    return next(iter(location.get_repositories().values()))


def launch_from_ui(
    context: WorkspaceProcessContext,
    job_def: dg.JobDefinition,
    asset_selection: Iterable[dg.AssetKey] | None = None,
) -> str:
    """Create and submit a run of ``job_def`` as the UI's Launchpad does (no tags): returns
    its id. The run is queued; `dequeue` launches it."""
    instance = context.instance
    remote_job = _repository(context).get_full_job(job_def.name)
    run = instance.create_run_for_job(
        job_def=job_def,
        asset_selection=None if asset_selection is None else set(asset_selection),
        remote_job_origin=remote_job.get_remote_origin(),
        job_code_origin=remote_job.get_python_origin(),
    )
    instance.submit_run(run.run_id, context.create_request_context())
    return run.run_id


def start_sensor(context: WorkspaceProcessContext, name: str) -> None:
    """Turn a sensor on, as the steward does in the UI (Automation)."""
    sensor = _repository(context).get_sensor(name)
    context.instance.start_sensor(sensor)


def tick_sensors(context: WorkspaceProcessContext) -> None:
    """One iteration of the sensor daemon: each running sensor due for a tick is evaluated
    (in the code server) and its run requests are created and submitted."""
    logger = logging.getLogger("spf.sensor_daemon")
    for _ in execute_sensor_iteration(context, logger, None, None):
        pass


def dequeue(context: WorkspaceProcessContext) -> None:
    """One iteration of the run queue's daemon: queued runs go to the run launcher."""
    daemon = QueuedRunCoordinatorDaemon(interval_seconds=1)
    for _ in daemon.run_iteration(context):
        pass


def wait_for_run(instance: dg.DagsterInstance, run_id: str, timeout: float = 600) -> dg.DagsterRun:
    """Poll until the run finished (success, failure or cancel)."""
    deadline = time.monotonic() + timeout
    while True:
        run = instance.get_run_by_id(run_id)
        if run is not None and run.status in FINISHED:
            return run
        if time.monotonic() > deadline:
            raise TimeoutError(f"run {run_id} not finished after {timeout} s")
        time.sleep(0.5)


def step_processes(instance: dg.DagsterInstance, run_id: str) -> dict[str, int]:
    """``{step key: process id}`` of every step that started in the run."""
    records = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.STEP_START, limit=10_000
    ).records
    return {
        r.event_log_entry.dagster_event.step_key: r.event_log_entry.dagster_event.pid
        for r in records
        if r.event_log_entry.dagster_event is not None
    }
