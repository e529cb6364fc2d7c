"""Quality alerts: the issue register after each `dbt build`, digests to Directorates, and the
steward's alert when a run fails.

Thin wiring: the work is done by the plain-Python ``alerts`` package. The clock is read here,
once per run, and passed down (``now``), so the package itself is testable at any date.
"""

import csv
import re
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from dagster_project.constants import DUCKDB_POOL
from dagster_project.defs import groups
from dagster_project.defs.assets.dbt import mart_asset_keys
from dagster_project.defs.resources import SpfHomeResource
from dagster_project.defs.return_cycle_jobs import DECISION_JOBS
from demo import SAMPLE_REGISTERS
from ingestion.paths import spf_paths

ALERTS_GROUP = groups.QUALITY
OFFICE = "SPF"  # alerts.settings.OFFICE; kept literal so loading stays cheap


def _register_codes(path: Path) -> set[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {(row.get("directorate_code") or "").strip() for row in csv.DictReader(handle)}


def directorate_codes() -> list[str]:
    """Directorates to show a check for: the office's register, else the shipped sample.

    Asset checks must be declared when the code location loads, so this runs at import: it
    reads one small CSV with the csv module (no pandas, never the warehouse or the state DB)
    and never fails. A home not yet initialised, or a register that cannot be read (it is
    validated, with located errors, by the `reference_registers` asset), gives the sample's
    Directorates. A Directorate added to the register gets its check when the code location is
    reloaded; until then `quality_alerts` lists it in `owners_without_check`.
    """
    path = spf_paths().reference / "directorates.csv"
    codes: set[str] = set()
    try:
        codes = _register_codes(path) if path.is_file() else set()
    except (OSError, UnicodeDecodeError, csv.Error):
        codes = set()
    codes.discard("")
    if not codes:
        codes = _register_codes(SAMPLE_REGISTERS / "directorates.csv") - {""}
    return [*sorted(codes - {OFFICE}), OFFICE]


def _check_name(code: str) -> str:
    return "no_open_critical_issue_" + re.sub(r"\W", "_", code).lower()


CHECK_OWNERS = {_check_name(code): code for code in directorate_codes()}


@dg.asset(
    group_name=ALERTS_GROUP,
    owners=[groups.OFFICE_OWNER],
    deps=mart_asset_keys(),
    kinds={"duckdb", "email"},
    pool=DUCKDB_POOL,
    check_specs=[
        dg.AssetCheckSpec(
            name,
            asset="quality_alerts",
            description=f"{owner} has no open critical data quality issue (warns otherwise).",
            metadata={"owner": groups.directorate_owner(owner)},
        )
        for name, owner in CHECK_OWNERS.items()
    ],
)
def quality_alerts(
    context: dg.AssetExecutionContext, spf_home: SpfHomeResource, duckdb: DuckDBResource
):
    """Updates the register of quality issues and tells each Directorate what concerns it.

    After each refresh: every intake finding, failing dbt data test and missing or late return
    becomes an issue in the register (state DB; first seen / resolved kept across rebuilds),
    exposed to BI as `marts.fct_data_quality_issue`. Each Directorate then gets one digest of
    its new, still-open (after its reminder interval) and resolved issues, in its language,
    with an .xlsx of locations and fixes; plus receipts of accepted returns and reminders
    before deadlines. SMTP from SPF_SMTP_* variables, else .eml files in $SPF_HOME/outbox/.
    A rerun sends nothing new; an SMTP outage leaves messages pending for the next run.
    """
    from alerts.delivery import make_transport
    from alerts.dispatch import dispatch
    from alerts.outbox import FAILED, PENDING, entries
    from alerts.register import issue_records, refresh_register
    from alerts.settings import settings_from_env
    from alerts.state import AlertStore

    now = datetime.now(UTC)
    paths = spf_home.paths()
    store = AlertStore(paths.state_db)
    settings = settings_from_env()
    transport = make_transport(settings.smtp, paths.outbox)
    with duckdb.get_connection() as con:
        reconciliation = refresh_register(con, store, now)
        result = dispatch(con, store, settings, transport, now)
    if result.delivery.pending:
        context.log.warning(
            f"{len(result.delivery.pending)} message(s) left pending (will retry next run): "
            f"{result.delivery.errors[:1]}"
        )
    open_critical: dict[str, list[str]] = {}
    open_owners: set[str] = set()
    for issue in issue_records(store):
        if issue.is_open:
            open_owners.add(issue.owner_code)
        if issue.is_open and issue.severity == "critical":
            open_critical.setdefault(issue.owner_code, []).append(
                f"{issue.location}: {issue.message.en}"
            )
    checks = [
        dg.AssetCheckResult(
            check_name=name,
            passed=owner not in open_critical,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "open_critical": len(open_critical.get(owner, [])),
                "issues": dg.MetadataValue.md(
                    "\n".join(f"- {line}" for line in open_critical.get(owner, [])[:50]) or "None."
                ),
            },
        )
        for name, owner in CHECK_OWNERS.items()
    ]
    return dg.MaterializeResult(
        metadata={
            "new_issues": reconciliation.new + reconciliation.reopened,
            "resolved_issues": reconciliation.resolved,
            "open_issues": reconciliation.open,
            "messages_queued": len(result.queued),
            "messages_sent": len(result.delivery.sent) + len(result.steward_delivery.sent),
            "messages_pending": len(entries(store, PENDING)),
            "messages_failed": len(entries(store, FAILED)),
            "outbox": dg.MetadataValue.path(str(paths.outbox)),
            # Owners with open issues but no check (added to the register since the code
            # location loaded): reload the code location to see their check.
            "owners_without_check": ", ".join(sorted(open_owners - set(CHECK_OWNERS.values())))
            or "none",
        },
        check_results=checks,
    )


MAX_ERROR_CHARS = 4000


def run_failure_text(context: dg.RunFailureSensorContext) -> str:
    """What failed, in words the steward can act on: Dagster's summary of the run ("Steps
    failed: [...]") followed by each failed step and its root error (the exception raised in
    our code, not Dagster's wrapper around it)."""
    parts = [context.failure_event.message or "unknown error"]
    for event in context.get_step_failure_events():
        error = event.step_failure_data.error if event.step_failure_data else None
        while error is not None and error.cause is not None:
            error = error.cause
        detail = error.message.strip() if error is not None else "unknown error"
        parts.append(f"{event.step_key}: {detail}")
    return "\n".join(parts)[:MAX_ERROR_CHARS]


@dg.run_failure_sensor(
    name="alert_steward_on_run_failure",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="E-mails the data steward (SPF_STEWARD_EMAIL) when any run fails.",
)
def alert_steward_on_run_failure(
    context: dg.RunFailureSensorContext, spf_home: SpfHomeResource
) -> None:
    """A failed refresh means Directorates get no digest: the steward must hear of it."""
    from alerts.delivery import deliver_pending, make_transport
    from alerts.dispatch import queue_run_failure
    from alerts.settings import settings_from_env
    from alerts.state import AlertStore

    now = datetime.now(UTC)
    paths = spf_home.paths()
    store = AlertStore(paths.state_db)
    settings = settings_from_env()
    error = run_failure_text(context)
    job = context.dagster_run.job_name
    key = queue_run_failure(
        store, settings, job, context.dagster_run.run_id, error, now, decision=job in DECISION_JOBS
    )
    deliver_pending(
        store, make_transport(settings.smtp, paths.outbox), settings.sender, now, only_keys={key}
    )
