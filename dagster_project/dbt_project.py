"""The dbt project as Dagster sees it.

The manifest is prepared at build/test time (``make manifest``, i.e. ``dbt parse``), not on every
code-location load; under ``dagster dev`` it is refreshed when the dbt files change.
"""

from __future__ import annotations

from dagster_dbt import DbtProject

from dagster_project.constants import DBT_PROJECT_DIR

spf_dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
spf_dbt_project.prepare_if_dev()
