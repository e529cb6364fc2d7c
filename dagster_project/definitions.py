"""The spf-warehouse code location: thin wiring of ingestion, dbt and publication.

Loading this module must stay cheap: no Great Expectations, no dbt parsing (the manifest is
prepared at build time), no reading of data.
"""

from __future__ import annotations

import warnings

import dagster as dg

from dagster_project.constants import REFRESH_JOB
from dagster_project.defs.assets.alerts import alert_steward_on_run_failure, quality_alerts
from dagster_project.defs.assets.dbt import spf_dbt_models
from dagster_project.defs.assets.ingestion import (
    intake_registry,
    reference_registers,
    return_intake,
    statistics_intake,
)
from dagster_project.defs.assets.publication import published_marts
from dagster_project.defs.assets.reports import briefing_book
from dagster_project.defs.assets.return_view import return_cycle
from dagster_project.defs.assets.templates import return_templates
from dagster_project.defs.refresh_scope import JOB_SELECTION, scope_tags
from dagster_project.defs.resources import default_resources
from dagster_project.defs.return_cycle_jobs import RETURN_CYCLE_JOBS
from dagster_project.defs.sensors import inbox_sensor
from dagster_project.refresh_policy import full_refresh

refresh_all = dg.define_asset_job(
    REFRESH_JOB,
    # Templates are made on demand (`spf templates` or the UI), not at every intake.
    selection=JOB_SELECTION,
    description="Take in the inbox, validate, load, `dbt build` and publish: everything, in order.",
)

ALL_ASSETS = [
    reference_registers,
    return_intake,
    statistics_intake,
    intake_registry,
    spf_dbt_models,
    published_marts,
    return_cycle,
    return_templates,
    quality_alerts,
    briefing_book,
]


@dg.schedule(
    job=refresh_all,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="A plain refresh of everything at 06:00 UTC every day, while `make ui` runs: "
    "dates move on, so returns become late or missing even when nothing arrives.",
)
def daily_refresh(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """A plain refresh of everything every morning at 06:00 UTC, while `make ui` (the Dagster
    daemon) runs: dates move on, so returns become late or missing and reminders fall due even
    when nothing arrives. Recorded as a full refresh, as `spf run --all`."""
    return dg.RunRequest(
        tags=scope_tags(
            full_refresh("the daily refresh: dates move on (returns become late or missing)")
        )
    )


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=RETURN_CYCLE_JOBS,
    request_job=refresh_all,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="After a steward's decision is recorded (close or reopen a period, approve or "
    "decline a held return), refreshes everything so that the marts show it.",
)
def refresh_after_decision(context: dg.RunStatusSensorContext) -> dg.RunRequest:
    job = context.dagster_run.job_name
    return dg.RunRequest(
        run_key=f"after-{context.dagster_run.run_id}",
        tags=scope_tags(full_refresh(f"a decision was recorded ({job})")),
    )


PYTHON_ASSETS = [a for a in ALL_ASSETS if a is not spf_dbt_models]  # dbt's link to their SQL
with warnings.catch_warnings():  # code references are "beta" in Dagster 1.13; they only link
    warnings.simplefilter("ignore", dg.BetaWarning)
    PYTHON_ASSETS_WITH_CODE = dg.with_source_code_references(PYTHON_ASSETS)


def build_definitions(home: str | None = None) -> dg.Definitions:
    """Definitions bound to one data home (default: ``$SPF_HOME``)."""
    return dg.Definitions(
        assets=[*PYTHON_ASSETS_WITH_CODE, spf_dbt_models],
        jobs=[refresh_all, *RETURN_CYCLE_JOBS],
        schedules=[daily_refresh],
        sensors=[inbox_sensor, alert_steward_on_run_failure, refresh_after_decision],
        resources=default_resources(home),
        # One process for the whole run, as `spf run` (execute_in_process): the steps take the
        # one slot of the DuckDB pool one after another anyway, and the default executor
        # started a Python process per step (importing Dagster, dbt and the project again:
        # about 6 s of CPU each), which made a refresh from the UI or the sensor 2 to 8 times
        # slower than `spf run`.
        executor=dg.in_process_executor,
    )


defs = build_definitions()
