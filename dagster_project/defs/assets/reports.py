"""The briefing book (group `reports`): the quarterly report rendered from the published release.

Thin wiring of ``briefing.render``. It reads only ``$SPF_HOME/published`` (never the warehouse,
so it takes no slot of the `duckdb_writer` pool) and writes ``$SPF_HOME/reports/<period>/``.
In `refresh_all` it runs after publication with the default config: the default period (latest
closed, else latest reported), every edition and language, and it renders nothing when that
period's data in the new release is what the files already show (a return for another
quarter changes nothing there, so drop-to-marts pays only a fingerprint, well under a second).
Another period, edition or language: launch the asset alone from the UI with a config.
"""

import dagster as dg
from pydantic import Field

from dagster_project.defs.groups import OFFICE_OWNER, REPORTS
from dagster_project.defs.resources import SpfHomeResource

REPORTS_GROUP = REPORTS


class ReportsConfig(dg.Config):
    """Which briefings to render (set it in the UI's Launchpad)."""

    period: str | None = Field(
        default=None,
        description="Quarter code, e.g. 2025-26-Q3. Default: the latest closed quarter, else "
        "the latest reported one (marked provisional); skipped if its data did not change.",
    )
    editions: list[str] = Field(
        default_factory=list,
        description="management, audit, finance, members. Default: all four.",
    )
    languages: list[str] = Field(default_factory=list, description="en, fr. Default: both.")


@dg.asset(
    group_name=REPORTS_GROUP,
    owners=[OFFICE_OWNER],
    deps=[dg.AssetKey("published_marts")],
    kinds={"html", "pdf"},
)
def briefing_book(
    context: dg.AssetExecutionContext, config: ReportsConfig, spf_home: SpfHomeResource
) -> dg.MaterializeResult:
    """The quarterly briefing book in $SPF_HOME/reports/<period>/: management, audit, finance
    and Members' editions, in English and French, each as self-contained HTML and PDF, with
    the release id on the cover and in briefing.json."""
    from briefing import EDITIONS, LANGUAGES
    from briefing.data import PeriodNotFound, ReleaseNotFound
    from briefing.render import render_reports

    paths = spf_home.paths()
    try:
        run = render_reports(
            paths.published,
            paths.reports,
            period=config.period,
            editions=tuple(config.editions or EDITIONS),
            languages=tuple(config.languages or LANGUAGES),
            skip_unchanged=config.period is None,
        )
    except PeriodNotFound as exc:
        if config.period is not None:  # the steward asked for a period the release lacks
            raise dg.Failure(description=str(exc)) from exc
        # A refresh before any return was accepted: nothing to report yet, and not a failure.
        context.log.info(str(exc))
        return dg.MaterializeResult(metadata={"skipped_no_reported_quarter": True})
    except ReleaseNotFound as exc:
        raise dg.Failure(description=str(exc)) from exc
    if run.skipped:
        context.log.info(f"{run.period}: data unchanged since the last rendering; kept.")
    lines = ["| file |", "|---|", *(f"| {p.name} |" for p in run.files)]
    return dg.MaterializeResult(
        metadata={
            "period": run.period,
            "provisional": run.provisional,
            "release_id": run.release_ids.get("internal", ""),
            "skipped_unchanged": run.skipped,
            "data_fingerprint": run.fingerprint,
            "folder": dg.MetadataValue.path(str(run.folder)),
            "files": dg.MetadataValue.md("\n".join(lines)),
        }
    )
