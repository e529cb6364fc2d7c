"""The dbt project as Dagster sees it.

The manifest is prepared at build/test time (``make manifest``, i.e. ``dbt parse``), not on every
code-location load; under ``dagster dev`` it is refreshed when the dbt files change.
"""

from __future__ import annotations

import os

from dagster_dbt import DbtProject

from dagster_project.constants import DBT_PROJECT_DIR

spf_dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def prepare_if_dev() -> None:
    """Under `dagster dev`, parse the dbt project again (dagster-dbt's `prepare_if_dev`), with
    the dbt installed beside this interpreter: dagster-dbt's own preparer runs `dbt` from PATH,
    which holds no dbt when `dagster dev` is started from the venv without activating it
    (`.venv/bin/dagster dev -w workspace.yaml`), and the code location then failed to load."""
    if not os.getenv("DAGSTER_IS_DEV_CLI"):  # dagster-dbt's test of `dagster dev`
        return
    from dagster_project.defs.resources import dbt_executable
    from dagster_project.lib.dbt_resource import SpfDbtCliResource

    dbt = SpfDbtCliResource(project_dir=spf_dbt_project, dbt_executable=dbt_executable())
    dbt.cli(["parse", "--quiet"], target_path=spf_dbt_project.target_path).wait()


prepare_if_dev()
