"""dbt models and tests as Dagster assets and asset checks (dagster-dbt)."""

import json
import os
import shutil
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from dagster_project.constants import DUCKDB_POOL
from dagster_project.dbt_project import spf_dbt_project
from dagster_project.defs.resources import SpfHomeResource


class SpfDbtTranslator(DagsterDbtTranslator):
    """Groups assets by dbt folder (staging, intermediate, marts) so the UI shows the layers."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "model":
            return f"dbt_{dbt_resource_props['fqn'][1]}"
        return super().get_group_name(dbt_resource_props)


TRANSLATOR = SpfDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


@cache
def mart_asset_keys() -> list[dg.AssetKey]:
    """Asset keys of the models in the ``marts`` folder, read from the prepared manifest."""
    manifest = json.loads(spf_dbt_project.manifest_path.read_text(encoding="utf-8"))
    return sorted(
        (
            TRANSLATOR.get_asset_key(node)
            for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["fqn"][1] == "marts"
        ),
        key=lambda k: k.to_user_string(),
    )


@dbt_assets(
    manifest=spf_dbt_project.manifest_path,
    project=spf_dbt_project,
    dagster_dbt_translator=TRANSLATOR,
    pool=DUCKDB_POOL,
)
def spf_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, spf_home: SpfHomeResource
):
    """`dbt build`: staging views, intermediate models and the marts, with their tests.

    Structural tests (keys, relationships) fail the step and so block publication; data-rule
    tests warn, store their failing rows in schema `dbt_test_failures`, and let the run go on.
    dbt unit tests check the SQL, not the data: they run in `make test`
    (tests/test_marts_plan.py), not on every refresh, where they would cost seconds per run.
    """
    spf_home.paths()  # exports this data home's SPF_HOME, which dbt's profile reads
    # The run's log file at info level: per node, not every SQL statement (7 MB a run at debug)
    build = ["build", "--exclude-resource-type", "unit_test", "--log-level-file", "info"]
    invocation = dbt.cli(build, context=context)
    yield from invocation.stream()
    project_target = spf_dbt_project.project_dir / "target"
    if not keep_partial_parse(Path(invocation.target_path), project_target):
        context.log.info("dbt's parse of this run was not kept: the next run parses again.")
    prune_run_targets(project_target, keep=RUN_TARGETS_KEPT)


RUN_TARGETS_KEPT = 20  # dbt artefacts of the latest runs (manifest, run_results, log, SQL)


def prune_run_targets(project_target: Path, keep: int) -> list[Path]:
    """Delete the target folders of all but the ``keep`` latest dbt runs (about 7 MB each;
    dagster-dbt makes one per run and never removes them). Returns the folders deleted."""
    runs = sorted(
        (p for p in project_target.glob(f"{spf_dbt_models.op.name}-*") if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in runs[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    return runs[keep:]


def keep_partial_parse(run_target: Path, project_target: Path) -> bool:
    """Make this run's parse the one the next run starts from.

    dagster-dbt gives every invocation a target folder of its own, seeded with the project's
    `target/partial_parse.msgpack`. dbt discards that file when the profile differs (another
    data home: the warehouse path is part of the profile) and parses the whole project again,
    about 6 seconds, on every later run too, since the project's copy never changes. Copying
    the run's file back (atomically; dbt checks it against the files and profile anyway) lets
    the next run of the same home parse only what changed. A read-only install keeps its copy.
    """
    fresh = run_target / "partial_parse.msgpack"
    if not fresh.exists():
        return False
    try:
        staged = project_target / f".partial_parse.{os.getpid()}.tmp"
        shutil.copyfile(fresh, staged)
        os.replace(staged, project_target / "partial_parse.msgpack")
    except OSError:
        return False
    return True
