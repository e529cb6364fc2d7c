"""Dagster's queued run coordinator, recording the refresh scope of runs launched without one.

`spf run` and the inbox sensor tag every run of `refresh_all` with its scope (`spf/scope`,
`spf/scope_reason`, `spf/platform`); a run launched from the UI's Launchpad, "Materialize all"
or the GraphQL API carries none, so a full refresh from the UI did not count as one and did not
re-enable scoped runs after an upgrade. Every run launched through the instance (UI, sensor,
schedule) passes the run coordinator first: this one adds the missing tags
(`dagster_project.defs.refresh_scope.launch_tags` decides which), then queues the run as
Dagster's `QueuedRunCoordinator` does. `spf run` executes in-process and tags its runs itself.

The data home's `dagster.yaml` (written by `spf init`) selects it. It uses Dagster's public
classes (`QueuedRunCoordinator`, `SubmitRunContext`, `DagsterInstance.add_run_tags`) and the
coordinator's `_instance`; it relies on `QueuedRunCoordinator.submit_run` reading the run from
the context it is given (checked against Dagster 1.13.27: `RELIES_ON`).
"""

from typing import Any

import dagster as dg

RELIES_ON = {"QueuedRunCoordinator.submit_run": "64f8c1aa8ae72958"}


def _job_assets(context: dg.SubmitRunContext) -> Any:
    """The asset keys the whole job materialises, read from the code location the run was
    launched from (``None`` when it cannot be read)."""
    from dagster_project.defs.refresh_scope import JOB_SELECTION

    origin = context.dagster_run.remote_job_origin
    if origin is None:
        return None
    try:
        location = context.workspace.get_code_location(origin.location_name)
        repository = location.get_repository(origin.repository_origin.repository_name)
        return JOB_SELECTION.resolve(repository.asset_graph)
    except Exception:  # a location that does not load: take an explicit selection as a subset
        return None


class SpfRunCoordinator(dg.QueuedRunCoordinator):
    def submit_run(self, context: dg.SubmitRunContext) -> dg.DagsterRun:
        from dagster_project.defs.refresh_scope import launch_tags

        run = context.dagster_run
        tags = launch_tags(
            run.job_name,
            dict(run.tags),
            run.asset_selection,
            _job_assets(context) if run.asset_selection is not None else None,
        )
        if tags:
            self._instance.add_run_tags(run.run_id, tags)
            tagged = self._instance.get_run_by_id(run.run_id)
            if tagged is not None:
                context = dg.SubmitRunContext(tagged, context.workspace)
        return super().submit_run(context)
