"""Return templates: the pre-filled workbooks sent to Directorates before each deadline.

Thin wiring of ``ingestion.returns.templates``. The asset reads the registers (CSV) and, for
the previous period's values, the warehouse opened read-only; it writes only files under
$SPF_HOME/templates/, so it takes no slot of the `duckdb_writer` pool. It is not part of
`refresh_all`: templates are made when the office is about to send them, not at every intake.
"""

from datetime import UTC, datetime

import dagster as dg
from pydantic import Field

from dagster_project.defs import groups
from dagster_project.defs.assets.ingestion import REFERENCE_KEYS, RETURN_KEYS
from dagster_project.defs.resources import SpfHomeResource

TEMPLATES_GROUP = groups.TEMPLATES


class TemplatesConfig(dg.Config):
    """Which templates to make (set it in the UI's Launchpad)."""

    period: str | None = Field(
        default=None,
        description="Period code, e.g. 2025-26-Q2. Default: the next period whose return "
        "deadline is in the future.",
    )
    directorates: list[str] = Field(
        default_factory=list,
        description="Directorate codes, e.g. [TTA]. Default: every Directorate in force.",
    )


@dg.asset(
    group_name=TEMPLATES_GROUP,
    owners=[groups.OFFICE_OWNER],
    deps=[*REFERENCE_KEYS, *RETURN_KEYS],
    kinds={"excel"},
)
def return_templates(
    context: dg.AssetExecutionContext, config: TemplatesConfig, spf_home: SpfHomeResource
) -> dg.MaterializeResult:
    """One return template per Directorate for a period, in $SPF_HOME/templates/<period>/.

    Each workbook is pre-filled from the registers with the Directorate's deliverables and KPIs
    (codes and titles locked), in its preferred language with the other one in header comments,
    with drop-downs and typed validations, instructions in English and French, the deadline,
    and last period's accepted values for reference. Send them to the Directorates; intake
    accepts them as filled.
    """
    from ingestion.registers.reader import read_registers
    from ingestion.returns.templates import TemplateError, generate_templates

    paths = spf_home.paths()
    frames = read_registers(paths.reference)
    try:
        run = generate_templates(
            paths,
            frames,
            period_code=config.period,
            directorates=config.directorates or None,
            generated_at=datetime.now(UTC),
        )
    except TemplateError as exc:
        raise dg.Failure(description=str(exc)) from exc
    for directorate, note in run.notes.items():
        context.log.info(f"{directorate}: previous period values left empty ({note}).")
    lines = ["| file | previous period values |", "|---|---|"]
    for path in run.files:
        code = path.stem.split("_")[1]
        lines.append(f"| {path.name} | {run.notes.get(code, 'shown')} |")
    return dg.MaterializeResult(
        metadata={
            "period": run.period_code,
            "previous_period": run.previous_period or "",
            "templates": len(run.files),
            "folder": dg.MetadataValue.path(str(run.folder)),
            "files": dg.MetadataValue.md("\n".join(lines)),
        }
    )
