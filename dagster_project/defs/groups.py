"""Asset groups named by the business, and who owns what.

The UI's asset catalogue and lineage graph are grouped the way the office talks about its
work (registers, returns, statistics, plan, quality, publication, templates, reports), not by tool
or dbt folder: a steward looking for a Directorate's return finds its raw tables, staging views
and marts in one group. A later capability adds its own group here.
"""

from __future__ import annotations

REGISTERS = "registers"
RETURNS = "returns"
STATISTICS = "statistics"
PLAN = "plan"
QUALITY = "quality"
PUBLICATION = "publication"
TEMPLATES = "templates"
REPORTS = "reports"
BUSINESS_GROUPS = (
    REGISTERS,
    RETURNS,
    STATISTICS,
    PLAN,
    QUALITY,
    PUBLICATION,
    TEMPLATES,
    REPORTS,
)

# Dagster owners are e-mail addresses or `team:<name>`. The office owns every asset; each
# Directorate owns its per-Directorate quality check.
OFFICE_OWNER = "team:SPF"


def directorate_owner(code: str) -> str:
    return f"team:{code}"


# dbt models by name: the first matching prefix decides (dbt folders are layers, not topics)
MODEL_GROUPS = (
    ("stg_reference__", REGISTERS),
    ("dim_directorate", REGISTERS),
    ("dim_period", REGISTERS),
    ("dim_region", REGISTERS),
    ("dim_member", REGISTERS),
    ("int_member__", REGISTERS),
    ("stg_returns__", RETURNS),
    ("stg_intake__", RETURNS),
    ("int_returns__", RETURNS),
    ("fct_return_", RETURNS),
    ("stg_statistics__", STATISTICS),
    ("int_statistics__", STATISTICS),
    ("dim_indicator", STATISTICS),
    ("fct_customs_statistics", STATISTICS),
    ("mart_statistics_", STATISTICS),
)


def model_group(name: str) -> str:
    """The business group of a dbt model: by the rules above, else the plan (deliverables,
    KPIs, risks, resources: what the returns report against the Implementation Plan)."""
    return next((group for prefix, group in MODEL_GROUPS if name.startswith(prefix)), PLAN)
