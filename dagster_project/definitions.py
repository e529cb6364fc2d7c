"""The spf-warehouse code location: thin wiring of ingestion, dbt and publication.

Loading this module must stay cheap: no Great Expectations, no dbt parsing (the manifest is
prepared at build time), no reading of data.
"""

from __future__ import annotations

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
from dagster_project.defs.assets.templates import return_templates
from dagster_project.defs.refresh_scope import JOB_SELECTION
from dagster_project.defs.resources import default_resources
from dagster_project.defs.return_cycle_jobs import RETURN_CYCLE_JOBS
from dagster_project.defs.sensors import inbox_sensor

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
    return_templates,
    quality_alerts,
]


def build_definitions(home: str | None = None) -> dg.Definitions:
    """Definitions bound to one data home (default: ``$SPF_HOME``)."""
    return dg.Definitions(
        assets=ALL_ASSETS,
        jobs=[refresh_all, *RETURN_CYCLE_JOBS],
        sensors=[inbox_sensor, alert_steward_on_run_failure],
        resources=default_resources(home),
        # One process for the whole run, as `spf run` (execute_in_process): the steps take the
        # one slot of the DuckDB pool one after another anyway, and the default executor
        # started a Python process per step (importing Dagster, dbt and the project again:
        # about 6 s of CPU each), which made a refresh from the UI or the sensor 2 to 8 times
        # slower than `spf run`.
        executor=dg.in_process_executor,
    )


defs = build_definitions()
