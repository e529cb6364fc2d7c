"""dbt models and tests as Dagster assets and asset checks (dagster-dbt)."""

import json
import os
import re
import shutil
from collections.abc import Iterator, Mapping
from datetime import timedelta
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
from dagster_duckdb import DuckDBResource

from dagster_project.constants import DUCKDB_POOL
from dagster_project.dbt_project import spf_dbt_project
from dagster_project.defs.groups import OFFICE_OWNER, model_group
from dagster_project.defs.resources import SpfHomeResource


class SpfDbtTranslator(DagsterDbtTranslator):
    """Where the dbt project becomes an operations UI (as in Dagster's own platform): business
    groups instead of dbt folders, the office as owner of every model, a link to each model's
    SQL, a freshness policy on the marts, and a description on every dbt test's asset check."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return model_group(dbt_resource_props["name"])

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str]:
        return [OFFICE_OWNER]

    def get_asset_spec(
        self, manifest: Mapping[str, Any], unique_id: str, project: Any
    ) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = manifest["nodes"].get(unique_id, {})
        if node.get("resource_type") == "model" and node.get("fqn", ["", ""])[1] == "marts":
            return spec.replace_attributes(freshness_policy=MART_FRESHNESS)
        return spec

    def get_asset_check_spec(
        self,
        asset_spec: dg.AssetSpec,
        manifest: Mapping[str, Any],
        unique_id: str,
        project: Any,
    ) -> dg.AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return None
        return dg.AssetCheckSpec(
            spec.name,
            asset=spec.asset_key,
            description=test_description(manifest["nodes"][unique_id], manifest),
            additional_deps=spec.additional_deps,
            blocking=spec.blocking,
            metadata=spec.metadata,
        )


# The marts are rebuilt at least daily (the daily refresh schedule): older than two days,
# something is wrong (the schedule or the daemon is off, or refreshes fail).
MART_FRESHNESS = dg.FreshnessPolicy.time_window(
    fail_window=timedelta(days=2), warn_window=timedelta(days=1)
)


def _relation(ref: str) -> str:
    """``ref('stg_reference__kpis')`` (as dbt keeps it in a test's arguments) -> the name."""
    found = re.search(r"""ref\(\s*['"]([^'"]+)['"]""", ref or "")
    return found.group(1) if found else str(ref)


def _column_doc(node: Mapping[str, Any], manifest: Mapping[str, Any]) -> str:
    attached = manifest["nodes"].get(node.get("attached_node") or "", {})
    column = attached.get("columns", {}).get(node.get("column_name") or "", {})
    text = " ".join((column.get("description") or "").split()).rstrip(".")
    return f" ({text})" if text else ""


def test_description(node: Mapping[str, Any], manifest: Mapping[str, Any]) -> str:
    """What a dbt test checks, in words, for its asset check: the test's own description
    (`description:` in its YAML, or `meta.description`), else one made from the generic test
    and its arguments, with the column's description; and whether a failure blocks
    publication or only warns."""
    own = node.get("description") or node.get("meta", {}).get("description") or ""
    severity = (node.get("config", {}).get("severity") or "error").lower()
    effect = (
        "A failure stops the refresh before publication."
        if severity == "error"
        else "A failure warns (the failing rows are kept in schema dbt_test_failures) and the "
        "refresh goes on."
    )
    if own.strip():
        return f"{' '.join(own.split())} {effect}"
    test = node.get("test_metadata") or {}
    kwargs = test.get("kwargs", {})
    attached = manifest["nodes"].get(node.get("attached_node") or "", {})
    model = attached.get("name") or _relation(kwargs.get("model", ""))
    column = node.get("column_name") or kwargs.get("column_name") or ""
    doc = _column_doc(node, manifest)
    name = test.get("name", node.get("name", "test"))
    if name == "not_null":
        what = f"Every row of `{model}` has a `{column}`{doc}."
    elif name == "unique":
        what = f"No two rows of `{model}` share a `{column}`{doc}."
    elif name == "accepted_values":
        values = ", ".join(str(v) for v in kwargs.get("values", []))
        what = f"`{column}` of `{model}`{doc} is one of: {values}."
    elif name == "relationships":
        target = _relation(kwargs.get("to", ""))
        what = f"Every `{column}` of `{model}`{doc} exists in `{target}.{kwargs.get('field')}`."
    elif name == "unique_combination_of_columns":
        columns = ", ".join(kwargs.get("combination_of_columns", []))
        what = f"No two rows of `{model}` share the same ({columns})."
    elif name == "expression_is_true":
        expression = " ".join(str(kwargs.get("expression", "")).split())
        subject = f"{column} {expression}" if column else expression
        what = f"`{subject}` holds on every row of `{model}`{doc}."
    else:
        args = ", ".join(f"{k}={v}" for k, v in sorted(kwargs.items()) if k != "model")
        what = f"dbt test `{name}` on `{model}`" + (f" ({args})." if args else ".")
    return f"{what} {effect}"


TRANSLATOR = SpfDbtTranslator(
    settings=DagsterDbtTranslatorSettings(enable_asset_checks=True, enable_code_references=True)
)


@cache
def dbt_manifest() -> dict[str, Any]:
    """The prepared manifest (``make manifest``), read once per process."""
    return json.loads(spf_dbt_project.manifest_path.read_text(encoding="utf-8"))


@cache
def mart_asset_keys() -> list[dg.AssetKey]:
    """Asset keys of the models in the ``marts`` folder, read from the prepared manifest."""
    manifest = dbt_manifest()
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
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    spf_home: SpfHomeResource,
    duckdb: DuckDBResource,
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
    failed: list[dg.AssetCheckResult] = []
    error: Exception | None = None
    try:
        for event in invocation.stream():
            if isinstance(event, dg.AssetCheckResult) and not event.passed:
                failed.append(event)  # reported once dbt has let go of the warehouse
            else:
                yield event
    except Exception as exc:  # dbt failed (an error test, say): its checks are still reported
        error = exc
    yield from with_failing_rows(failed, duckdb)
    if error is not None:
        raise error
    project_target = spf_dbt_project.project_dir / "target"
    if not keep_partial_parse(Path(invocation.target_path), project_target):
        context.log.info("dbt's parse of this run was not kept: the next run parses again.")
    prune_run_targets(project_target, keep=RUN_TARGETS_KEPT)


PREVIEW_ROWS = 10  # failing rows shown on a failed check
PREVIEW_CELL_CHARS = 80


def _preview(con: Any, relation: str) -> str:
    cursor = con.execute(f"select * from {relation} limit {PREVIEW_ROWS}")
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()

    def cell(value: object) -> str:
        text = " ".join(str(value).split()).replace("|", "\\|")
        return text if len(text) <= PREVIEW_CELL_CHARS else text[: PREVIEW_CELL_CHARS - 1] + "…"

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def with_failing_rows(
    failed: list[dg.AssetCheckResult], duckdb: DuckDBResource
) -> Iterator[dg.AssetCheckResult]:
    """Failed checks, each with the first failing rows (keys and values, at most PREVIEW_ROWS)
    when its dbt test keeps them (`store_failures`: the data-rule tests, in schema
    `dbt_test_failures`); the table's name says where the rest are."""
    if not failed:
        return
    nodes = {
        node["name"]: node
        for node in dbt_manifest()["nodes"].values()
        if node["resource_type"] == "test"
    }
    with duckdb.get_connection() as con:
        for result in failed:
            relation = nodes.get(result.check_name or "", {}).get("relation_name")
            if not relation or not nodes[result.check_name or ""]["config"].get("store_failures"):
                yield result
                continue
            try:
                preview = _preview(con, relation)
            except Exception as exc:  # the table is gone: the check is reported without it
                preview = f"Failing rows not readable: {exc}"
            yield result._replace(
                metadata={
                    **result.metadata,
                    "failing_rows_preview": dg.MetadataValue.md(preview),
                    "failing_rows_table": relation.replace('"', ""),
                }
            )


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
