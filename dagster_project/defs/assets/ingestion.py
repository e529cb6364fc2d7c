"""Ingestion assets: registers, returns and statistics into the warehouse's input schemas.

Thin wiring: the work is done by the plain-Python ``ingestion`` package. Asset keys match the dbt
sources (``reference/<register>``, ``raw/<table>``), so the lineage graph runs from each file
drop to the marts in one picture.
"""

from datetime import UTC, datetime

import dagster as dg
from dagster_duckdb import DuckDBResource
from pydantic import Field

from dagster_project.constants import DUCKDB_POOL
from dagster_project.defs import groups
from dagster_project.defs.resources import SpfHomeResource
from ingestion.display import safe_name
from ingestion.intake import IntakeResult
from ingestion.kinds import RETURNS, STATISTICS
from ingestion.registers.spec import load_register_specs
from ingestion.returns.layout import load_layout

REFERENCE_KEYS = [dg.AssetKey(["reference", spec.name]) for spec in load_register_specs()]
RETURN_TABLES = ["return_files", *(sheet.table for sheet in load_layout().sheets)]
RETURN_KEYS = [dg.AssetKey(["raw", table]) for table in RETURN_TABLES]
STATISTICS_KEY = dg.AssetKey(["raw", "statistics_values"])
REGISTRY_DESCRIPTIONS = {
    "file_registry": "Every file ever received, with its outcome",
    "intake_findings": "Every problem found in received files, located and in EN and FR",
    "period_events": "The steward's period closes and reopenings (who, when, note)",
    "approval_events": "The steward's approvals and refusals of held returns (who, when, note)",
}
REGISTRY_KEYS = [dg.AssetKey(["raw", table]) for table in REGISTRY_DESCRIPTIONS]


def table_metadata(key: dg.AssetKey) -> dict[str, object]:
    """The table's columns and types as intake creates them (``ingestion.warehouse.schema``),
    each with its description from the dbt source that reads it, for the asset's page
    (``dagster/column_schema``), as dbt's own assets have; and a link to the code."""
    from dagster_project.defs.assets.dbt import dbt_manifest
    from ingestion.warehouse.schema import raw_tables, reference_tables

    schema, table = key.path
    columns = (raw_tables() if schema == "raw" else reference_tables()).get(table, ())
    source = dbt_manifest()["sources"].get(f"source.spf_warehouse.{schema}.{table}", {})
    described = source.get("columns", {})
    return {
        "dagster/column_schema": dg.TableSchema(
            columns=[
                dg.TableColumn(
                    name,
                    type_,
                    description=" ".join((described.get(name, {}).get("description") or "").split())
                    or None,
                )
                for name, type_ in columns
            ]
        ),
        "dagster/table_name": f"{schema}.{table}",
    }


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key,
            group_name=groups.REGISTERS,
            owners=[groups.OFFICE_OWNER],
            metadata=table_metadata(key),
            kinds={"duckdb", "csv"},
            description=f"Register `{key.path[-1]}.csv` from $SPF_HOME/reference, validated and "
            "loaded into the warehouse's `reference` schema.",
        )
        for key in REFERENCE_KEYS
    ],
    pool=DUCKDB_POOL,
)
def reference_registers(
    context: dg.AssetExecutionContext, spf_home: SpfHomeResource, duckdb: DuckDBResource
):
    """Validate every register, then replace them all in one transaction.

    A broken register fails this step with every problem listed (file, row, column); nothing is
    loaded and nothing downstream runs, so marts are never built on half a register set.
    """
    from dagster_project.refresh_policy import register_fingerprint
    from ingestion.registers.reader import read_registers
    from ingestion.state.registry import StateStore
    from ingestion.warehouse.loader import load_registers
    from ingestion.warehouse.schema import create_input_schemas

    paths = spf_home.paths()
    fingerprint = register_fingerprint(paths.reference)  # before reading: a later edit shows
    frames = read_registers(paths.reference)
    with duckdb.get_connection() as con:
        create_input_schemas(con)
        counts = load_registers(con, frames)
    StateStore(paths.state_db).record_register_load(fingerprint, datetime.now(UTC))
    for key in REFERENCE_KEYS:
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={
                "dagster/row_count": counts[key.path[-1]],
                "path": dg.MetadataValue.path(str(paths.reference / f"{key.path[-1]}.csv")),
            },
        )


def _intake_metadata(result: IntakeResult) -> dict[str, object]:
    lines = ["| file | outcome | message |", "|---|---|---|"]
    lines += [f"| {safe_name(o.name)} | {o.outcome} | {o.message_en} |" for o in result.outcomes]
    return {
        "accepted": result.count("accepted"),
        "rejected": result.count("rejected"),
        "duplicates": result.count("duplicate"),
        "files": dg.MetadataValue.md("\n".join(lines) if result.outcomes else "No new file."),
    }


class IntakeConfig(dg.Config):
    """Run configuration of the intake steps (set it in the UI's Launchpad)."""

    reprocess: list[str] = Field(
        default_factory=list,
        description="Files to judge again before taking in the inbox (after fixing a register, "
        "say): original file names or content hashes (8+ characters), quarantined or archived.",
    )


def _run_intake(
    kind: str,
    spf_home: SpfHomeResource,
    duckdb: DuckDBResource,
    log: dg.DagsterLogManager,
    reprocess_selectors: list[str] | None = None,
) -> tuple[IntakeResult, dict[str, int]]:
    from ingestion.intake import UnknownFileError, find_entry, process_inbox, reprocess
    from ingestion.registers.context import RegisterContext
    from ingestion.registers.reader import read_registers
    from ingestion.state.registry import StateStore
    from ingestion.warehouse.loader import load_accepted

    paths = spf_home.paths()
    frames = read_registers(paths.reference)
    ctx = RegisterContext.from_frames(frames)
    store = StateStore(paths.state_db)
    reprocessed = []
    for selector in reprocess_selectors or []:
        try:
            entry = find_entry(store, selector)
        except UnknownFileError as exc:
            raise dg.Failure(
                description=f"Cannot reprocess: {exc}. Use a name from the file registry."
            ) from exc
        if entry.kind == kind:
            reprocessed.append(reprocess(paths, selector, ctx, store))
    result = process_inbox(paths, kind, ctx, store, now=datetime.now(UTC))
    for outcome, parsed in reprocessed:
        outcome.outcome = f"reprocessed: {outcome.outcome}"
        result.outcomes.insert(0, outcome)
        if parsed is not None:
            result.parsed[outcome.sha256] = parsed
    for outcome in result.outcomes:
        log_fn = log.warning if outcome.outcome == "rejected" else log.info
        log_fn(f"{safe_name(outcome.name)}: {outcome.outcome}. {outcome.message_en}")
    with duckdb.get_connection() as con:
        loaded = load_accepted(con, paths, store, kind, result.parsed)
    return result, loaded


def _table_count(duckdb: DuckDBResource, table: str) -> int:
    with duckdb.get_connection() as con:
        return con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key,
            group_name=groups.RETURNS,
            owners=[groups.OFFICE_OWNER],
            metadata=table_metadata(key),
            deps=REFERENCE_KEYS,
            kinds={"duckdb", "excel"},
            description=f"Rows of accepted Directorate returns (`raw.{key.path[-1]}`), each with "
            "its lineage: file id, content sha256, sheet, source row and load time.",
        )
        for key in RETURN_KEYS
    ],
    pool=DUCKDB_POOL,
)
def return_intake(
    context: dg.AssetExecutionContext,
    config: IntakeConfig,
    spf_home: SpfHomeResource,
    duckdb: DuckDBResource,
):
    """Take in every return in $SPF_HOME/inbox/returns: accept whole or reject whole.

    Accepted originals go to archive/, rejected ones to quarantine/ with a report beside them.
    A rejected file never fails this step; see the `files` metadata for each outcome. Accepted
    files missing from the warehouse (e.g. after it was deleted) are loaded from archive/.
    """
    result, loaded = _run_intake(RETURNS, spf_home, duckdb, context.log, config.reprocess)
    for key in RETURN_KEYS:
        table = key.path[-1]
        metadata: dict[str, object] = {
            "rows_loaded_now": loaded.get(table, 0),
            "dagster/row_count": _table_count(duckdb, table),
        }
        if table == "return_files":
            metadata.update(_intake_metadata(result))
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            STATISTICS_KEY,
            group_name=groups.STATISTICS,
            owners=[groups.OFFICE_OWNER],
            metadata=table_metadata(STATISTICS_KEY),
            deps=REFERENCE_KEYS,
            kinds={"duckdb", "csv"},
            description="Members' Customs statistics, one row per Member × year × indicator "
            "with lineage.",
        )
    ],
    pool=DUCKDB_POOL,
)
def statistics_intake(
    context: dg.AssetExecutionContext,
    config: IntakeConfig,
    spf_home: SpfHomeResource,
    duckdb: DuckDBResource,
):
    """Members' Customs statistics from $SPF_HOME/inbox/statistics (long CSV), accepted whole or
    rejected whole."""
    result, loaded = _run_intake(STATISTICS, spf_home, duckdb, context.log, config.reprocess)
    yield dg.MaterializeResult(
        asset_key=STATISTICS_KEY,
        metadata={
            **_intake_metadata(result),
            "rows_loaded_now": loaded.get("statistics_values", 0),
            "dagster/row_count": _table_count(duckdb, "statistics_values"),
        },
    )


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key,
            group_name=groups.RETURNS,
            owners=[groups.OFFICE_OWNER],
            metadata=table_metadata(key),
            deps=[*RETURN_KEYS, STATISTICS_KEY],
            kinds={"duckdb"},
            description=REGISTRY_DESCRIPTIONS[key.path[-1]],
        )
        for key in REGISTRY_KEYS
    ],
    pool=DUCKDB_POOL,
)
def intake_registry(spf_home: SpfHomeResource, duckdb: DuckDBResource):
    """Mirror the file registry, findings and the steward's decisions from the state database
    into the warehouse.

    The state database (outside the warehouse) is the record; this copy lets dbt and BI read it.
    """
    from ingestion.state.registry import StateStore
    from ingestion.warehouse.loader import mirror_state

    paths = spf_home.paths()
    with duckdb.get_connection() as con:
        counts = mirror_state(con, StateStore(paths.state_db))
    for key in REGISTRY_KEYS:
        yield dg.MaterializeResult(
            asset_key=key, metadata={"dagster/row_count": counts[key.path[-1]]}
        )
