"""Publication: the serving copy that BI reads, made only after a successful dbt build."""

import dagster as dg

from dagster_project.assets.dbt import mart_asset_keys
from dagster_project.constants import DUCKDB_POOL
from dagster_project.resources import SpfHomeResource


@dg.asset(
    group_name="publication",
    deps=mart_asset_keys(),
    kinds={"duckdb"},
    pool=DUCKDB_POOL,
)
def published_marts(context: dg.AssetExecutionContext, spf_home: SpfHomeResource):
    """$SPF_HOME/published/spf_marts.duckdb: the marts and a `release_info` table.

    Written under a temporary name and renamed into place, so Power BI and Tableau (or anyone
    holding the previous file open) never block the pipeline and never see a half release.
    """
    from publication.serving_copy import publish_serving_copy

    paths = spf_home.paths()
    release = publish_serving_copy(paths.warehouse, paths.published, context.run_id)
    return dg.MaterializeResult(
        metadata={
            "release_id": release.release_id,
            "path": dg.MetadataValue.path(str(release.path)),
            "row_counts": dg.MetadataValue.json(release.row_counts),
        }
    )
