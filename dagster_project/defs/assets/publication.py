"""Publication: the release that Power BI, Tableau and Excel read, made only after `dbt build`."""

import dagster as dg

from dagster_project.constants import DUCKDB_POOL
from dagster_project.dbt_project import spf_dbt_project
from dagster_project.defs import groups
from dagster_project.defs.assets.dbt import mart_asset_keys
from dagster_project.defs.resources import SpfHomeResource

# Assets other than dbt that write tables into schema `marts` (quality_alerts writes
# marts.fct_data_quality_issue): publication waits for them, so a release never holds a table
# from the previous refresh, nor misses one after a rebuild.
MARTS_WRITTEN_OUTSIDE_DBT = [dg.AssetKey("quality_alerts")]


@dg.asset(
    group_name=groups.PUBLICATION,
    owners=[groups.OFFICE_OWNER],
    deps=[*mart_asset_keys(), *MARTS_WRITTEN_OUTSIDE_DBT],
    kinds={"duckdb", "parquet", "tableau", "postgres"},
    pool=DUCKDB_POOL,
)
def published_marts(context: dg.AssetExecutionContext, spf_home: SpfHomeResource):
    """A release of the marts in $SPF_HOME/published/, for the Secretariat and for Members.

    Runs only when every mart was built (a failed `dbt build` leaves the previous release in
    place). Writes a DuckDB file, Parquet, Tableau Hyper and CSV (Excel) files, a data
    dictionary and a manifest for each audience (rules: publication/audiences.yaml), loads
    PostgreSQL when SPF_PUBLISH_POSTGRES_URL is set, and stops if a mart lost or retyped a
    column that BI reports use (acknowledge in publication/acknowledged_changes.yaml).
    Previous releases are kept in published/releases/ for `spf publish --rollback`.
    """
    from publication.release import publish_release

    paths = spf_home.paths()
    release = publish_release(
        paths.warehouse, paths.published, context.run_id, spf_dbt_project.manifest_path
    )
    if release.unknown_rules:
        context.log.info(f"Audience rules for marts not built (yet): {release.unknown_rules}")
    if release.missing_fr:
        context.log.warning(
            f"{len(release.missing_fr)} French labels or descriptions missing in the dbt docs "
            "(English used instead); see missing_fr in published/manifest.json."
        )
    return dg.MaterializeResult(
        metadata={
            "release_id": release.release_id,
            "path": dg.MetadataValue.path(str(release.published_dir)),
            "row_counts": dg.MetadataValue.json(release.row_counts),
            "postgres": dg.MetadataValue.json(release.postgres or {}),
            "acknowledged_changes": dg.MetadataValue.json(release.acknowledged),
            "missing_fr": len(release.missing_fr),
        }
    )
