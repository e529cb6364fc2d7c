"""Turn a refresh scope (``dagster_project.refresh_policy``) into the assets a run of `refresh_all`
materialises: the intake of what arrived and everything downstream of it (staging, marts and
their dbt tests, quality alerts, publication). The sensor and `spf run` both use it."""

from collections.abc import Iterable
from typing import Any

import dagster as dg

from dagster_project.constants import DBT_PROJECT_DIR, REFRESH_JOB
from dagster_project.defs.assets.ingestion import RETURN_KEYS, STATISTICS_KEY
from dagster_project.defs.assets.templates import TEMPLATES_GROUP
from dagster_project.refresh_policy import (
    RefreshScope,
    full_refresh,
    plan_refresh,
    platform_fingerprint,
    register_fingerprint,
)
from ingestion.kinds import RETURNS, STATISTICS
from ingestion.paths import SpfPaths
from ingestion.state.registry import StateStore

SCOPE_TAG = "spf/scope"
SCOPE_REASON_TAG = "spf/scope_reason"
PLATFORM_TAG = "spf/platform"  # platform_fingerprint of the code that ran the run
ROOTS = {RETURNS: RETURN_KEYS, STATISTICS: [STATISTICS_KEY]}
# What `refresh_all` materialises: everything but templates (made when they are sent)
JOB_SELECTION = dg.AssetSelection.all() - dg.AssetSelection.groups(TEMPLATES_GROUP)
FINISHED = [dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED]


def last_refresh_succeeded(instance: dg.DagsterInstance) -> bool:
    """Whether the most recent finished run of `refresh_all` succeeded (False if none ran)."""
    runs = instance.get_runs(
        filters=dg.RunsFilter(job_name=REFRESH_JOB, statuses=FINISHED), limit=1
    )
    return bool(runs) and runs[0].status == dg.DagsterRunStatus.SUCCESS


def platform_built_warehouse(instance: dg.DagsterInstance, fingerprint: str) -> bool:
    """Whether the latest successful full refresh ran on this platform (same dbt project and
    table layouts): after an upgrade, models outside a narrow scope would be stale."""
    runs = instance.get_runs(
        filters=dg.RunsFilter(
            job_name=REFRESH_JOB,
            statuses=[dg.DagsterRunStatus.SUCCESS],
            tags={SCOPE_TAG: "everything"},
        ),
        limit=1,
    )
    return bool(runs) and runs[0].tags.get(PLATFORM_TAG) == fingerprint


def refresh_scope(
    paths: SpfPaths, instance: dg.DagsterInstance, inbox_kinds: Iterable[str]
) -> RefreshScope:
    """The scope of a refresh about to take in files of ``inbox_kinds`` from this data home."""
    loaded = StateStore(paths.state_db).last_register_fingerprint()
    return plan_refresh(
        inbox_kinds,
        warehouse_exists=paths.warehouse.exists(),
        registers_unchanged=loaded is not None and loaded == register_fingerprint(paths.reference),
        platform_unchanged=platform_built_warehouse(
            instance, platform_fingerprint(DBT_PROJECT_DIR)
        ),
        last_refresh_succeeded=last_refresh_succeeded(instance),
    )


def scope_selection(scope: RefreshScope, asset_graph: Any) -> list[dg.AssetKey] | None:
    """Asset keys of a scoped run (``None``: the whole job), resolved on the code location's
    asset graph (``Definitions.resolve_asset_graph()``, or a sensor's
    ``repository_def.asset_graph``). Asset checks (the dbt tests) come with the assets they
    check."""
    if scope.everything:
        return None
    roots = [key for kind in sorted(scope.inputs) for key in ROOTS[kind]]
    selected = dg.AssetSelection.assets(*roots).downstream() & JOB_SELECTION
    return sorted(selected.resolve(asset_graph), key=lambda k: k.to_user_string())


def launch_tags(
    job_name: str,
    tags: dict[str, str],
    asset_selection: Iterable[dg.AssetKey] | None,
    job_assets: Iterable[dg.AssetKey] | None,
) -> dict[str, str]:
    """Tags to add to a run of `refresh_all` launched without a scope (from the UI's Launchpad
    or "Materialize all", or Dagster's API), so that it is recorded as `spf run` records its
    runs: the whole job is a full refresh (as `spf run --all`: it re-enables scoped runs after
    an upgrade); a hand-picked subset is scope ``selection``, which never counts as a full
    refresh. Runs that carry a scope (the sensor's, `spf run`'s) and other jobs get nothing.
    ``job_assets`` is what the whole job materialises (``None``: unknown, so a run with an
    explicit selection is taken for a subset)."""
    if job_name != REFRESH_JOB or SCOPE_TAG in tags:
        return {}
    selected = None if asset_selection is None else set(asset_selection)
    if selected is None or (job_assets is not None and selected >= set(job_assets)):
        return scope_tags(full_refresh("launched from the Dagster UI or API: the whole job"))
    return {
        SCOPE_TAG: "selection",
        SCOPE_REASON_TAG: f"launched from the Dagster UI or API: {len(selected)} asset(s) chosen",
        PLATFORM_TAG: platform_fingerprint(DBT_PROJECT_DIR),
    }


def scope_tags(scope: RefreshScope) -> dict[str, str]:
    """The run's tags: its scope, why, and the platform it runs on (see
    ``platform_built_warehouse``)."""
    return {
        SCOPE_TAG: scope.label,
        SCOPE_REASON_TAG: scope.reason,
        PLATFORM_TAG: platform_fingerprint(DBT_PROJECT_DIR),
    }
