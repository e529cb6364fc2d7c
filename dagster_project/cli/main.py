"""`spf`: the steward's command line (`make run` calls `spf run`).

    spf init       create/upgrade the data home ($SPF_HOME), seeding the demo on first use
    spf run [--all] [--verbose]
                   init, then run the `refresh_all` job on the persistent Dagster instance:
                   when only returns (or only statistics) wait in the inbox, the run takes
                   them in and rebuilds what they feed; otherwise, or with --all, everything
                   (see dagster_project/refresh_policy.py for the rules). The console shows the
                   warnings and a summary; the run's progress (dbt's lines) goes to
                   $SPF_HOME/logs/spf-run.log, or to the console with --verbose
    spf summary    print what is in the data home: files, marts, where things are
    spf reprocess NAME...
                   judge stored files again (quarantined or archived; by original name or
                   content hash), then refresh everything, as `spf run` does
    spf close-period PERIOD --by NAME      later returns for PERIOD are held for approval
    spf reopen-period PERIOD --by NAME
    spf approve FILE --by NAME             a held return becomes accepted, then refresh
    spf decline FILE --by NAME [--note ..] a held return is refused, then refresh
    spf publish --list | --rollback [--to ID]
                   list the releases kept for BI, or put the previous (or a named) one back
    spf report [--period 2025-26-Q3] [--edition management] [--lang fr]
                   render the briefing book from the published release into
                   $SPF_HOME/reports/<period>/ (default: every edition, both languages)
    spf state [--restore]
                   check the state database (state/state.sqlite, backed up after every
                   successful run); --restore puts its newest good backup in place
    spf outbox [--ack ID ...] [--retry]
                   messages pending or failed; --ack: a failed one is handled (no longer shown
                   at each run); --retry: send the failed ones again (after fixing the address
                   or SPF_SMTP_*)
    spf templates [--period 2025-26-Q2] [--directorate TTA ...]
                   write return templates to $SPF_HOME/templates/<period>/ (default: the
                   next period whose deadline is in the future; every Directorate)

Runs go to the same Dagster instance as `make ui`, so they appear in the UI's run history.
The exit code is non-zero only when the pipeline itself failed (1), another run held the
warehouse longer than SPF_POOL_WAIT_SECONDS (3) or the state database is damaged (4), never
because a submitted file was rejected or a data-quality rule warned. A run whose process died
(a power cut) is marked failed by the next run, which says so and takes over.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import nullcontext
from datetime import UTC, datetime

from dagster_project.cli.run_report import print_this_run
from ingestion.display import safe_name
from ingestion.findings import RegisterError
from ingestion.home import initialise_home
from ingestion.paths import SpfPaths, spf_paths
from ingestion.state.registry import RegistryEntry
from ingestion.warehouse.connection import UnavailableError, open_warehouse


def _init(paths: SpfPaths) -> None:
    from ingestion.registers.reader import read_registers

    report = initialise_home(paths)
    read_registers(paths.reference)  # a broken register stops here, before any run starts
    if report.first_use:
        print(f"Initialised data home {paths.home} (demo inbox: {report.demo_files} files).")
    elif report.registers_added:
        print(f"Added new reference registers: {', '.join(report.registers_added)}")


def _run(
    paths: SpfPaths,
    reprocess: list[str] | None = None,
    everything: bool = False,
    verbose: bool = False,
    why: str = "asked for (--all)",
) -> int:
    """Run `refresh_all`, scoped to what waits in the inbox unless ``everything`` (reprocessing
    and the steward's decisions always refresh everything). What the run prints goes to
    ``paths.run_output_log`` unless ``verbose``; warnings and the summary stay on the console."""
    os.environ.setdefault("DAGSTER_HOME", str(paths.dagster_home))
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import dagster as dg

    from dagster_project.cli.console_log import standard_output_to
    from dagster_project.cli.recovery import (
        pool_wait_seconds,
        process_tags,
        recover_dead_runs,
        wait_for_pool,
    )
    from dagster_project.constants import REFRESH_JOB
    from dagster_project.definitions import build_definitions
    from dagster_project.defs.refresh_scope import refresh_scope, scope_selection, scope_tags
    from dagster_project.refresh_policy import full_refresh
    from ingestion.intake import candidate_files, irregular_entries
    from ingestion.kinds import KINDS

    definitions = build_definitions(str(paths.home))
    job = definitions.resolve_job_def(REFRESH_JOB)
    with dg.DagsterInstance.get() as instance:
        # A run killed earlier (power cut, kill -9) must not hold the warehouse for ever.
        recover_dead_runs(instance)
        if not wait_for_pool(instance, pool_wait_seconds()):
            return 3
        if _set_aside_damaged_warehouse(paths):
            everything = True
        if reprocess:
            scope = full_refresh("stored files are judged again")
        elif everything:
            scope = full_refresh(why)
        else:
            waiting = [
                kind
                for kind in KINDS
                if candidate_files(paths.inbox_for(kind))
                or irregular_entries(paths.inbox_for(kind))
            ]
            scope = refresh_scope(paths, instance, waiting)
        selection = scope_selection(scope, definitions.resolve_asset_graph())
        print(f"Refresh: {scope.label} ({scope.reason}).")
        # Full logs are kept in the instance (see `make ui`); the console shows warnings only.
        run_config: dict[str, object] = {
            "loggers": {"console": {"config": {"log_level": "WARNING"}}}
        }
        if reprocess:
            intake_config = {"config": {"reprocess": reprocess}}
            run_config["ops"] = {"return_intake": intake_config, "statistics_intake": intake_config}
        output = nullcontext(False) if verbose else standard_output_to(paths.run_output_log)
        with output as redirected:
            if redirected:
                print(
                    f"The run's progress (dbt models and tests): {paths.run_output_log}",
                    file=sys.stderr,
                )
            started = datetime.now(UTC).replace(microsecond=0)
            result = job.execute_in_process(
                instance=instance,
                run_config=run_config,
                raise_on_error=False,
                asset_selection=selection,
                tags={**scope_tags(scope), **process_tags()},
            )
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure and event.step_failure_data:
                error = event.step_failure_data.error
                while error is not None and error.cause is not None:
                    error = error.cause  # the user's error, not Dagster's wrapper
                print(f"\nStep {event.step_key} failed:\n{error.message if error else ''}")
        print(f"\nRun {result.run_id} FAILED. See `make ui` for details.", file=sys.stderr)
    if result.success:
        from ingestion.state.backup import backup_state

        backup_state(paths.state_db)  # verified, the last few kept: the one file not derived
    print_this_run(paths, started)
    print_summary(paths, run_id=result.run_id, brief=True)
    return 0 if result.success else 1


def _set_aside_damaged_warehouse(paths: SpfPaths) -> bool:
    """A damaged warehouse is derived: move it aside, say so, and rebuild (True)."""
    from dagster_project.cli.notice import say
    from ingestion.messages import message
    from ingestion.warehouse.health import move_aside, warehouse_damage

    problem = warehouse_damage(paths.warehouse)
    if problem is None:
        return False
    moved = move_aside(paths.warehouse)
    say(message("warehouse_damaged", file=paths.warehouse, detail=problem, value=moved.name))
    return True


def _state(paths: SpfPaths, restore: bool) -> int:
    """`spf state`: is the state database whole, and its newest good backup; `--restore` puts
    that backup in place (the damaged file is kept beside it)."""
    from dagster_project.cli.notice import say
    from ingestion.messages import message
    from ingestion.state import backup

    if restore:
        try:
            restored = backup.restore_state(paths.state_db)
        except backup.StateDamagedError as exc:
            say(exc.text)
            return 4
        kept = restored.damaged_copy.name if restored.damaged_copy else "-"
        say(message("state_restored", file=paths.state_db, backup=restored.backup, value=kept))
        return 0
    try:
        backup.check_state(paths.state_db)
    except backup.StateDamagedError as exc:
        say(exc.text)
        return 4
    newest = backup.newest_good_backup(paths.state_db)
    say(message("state_healthy", file=paths.state_db, backup=newest or "-"))
    return 0


def _templates(paths: SpfPaths, period: str | None, directorates: list[str] | None) -> int:
    from datetime import UTC, datetime

    from ingestion.registers.reader import read_registers
    from ingestion.returns.templates import TemplateError, generate_templates

    try:
        run = generate_templates(
            paths, read_registers(paths.reference), period, directorates, datetime.now(UTC)
        )
    except TemplateError as exc:
        print(f"No template written: {exc}", file=sys.stderr)
        return 2
    print(f"Return templates for {run.period_code} in {run.folder}:")
    for path in run.files:
        code = path.stem.split("_")[1]
        note = run.notes.get(code)
        suffix = f" (previous period values left empty: {note})" if note else ""
        print(f"  {path.name}{suffix}")
    if run.without_deliverables:
        from ingestion.messages import message

        codes = ", ".join(run.without_deliverables)
        print(message("template_no_deliverables_console", ip_year=run.ip_year, codes=codes).en)
    return 0


DECISIONS = ("close-period", "reopen-period", "approve", "decline")
DECIDED = {  # the reason a decision refreshes everything, as the console says it
    "close-period": "the period was closed",
    "reopen-period": "the period was reopened",
    "approve": "a held return was approved",
    "decline": "a held return was declined",
}


def _decide(paths: SpfPaths, command: str, targets: list[str], by: str, note: str | None) -> int:
    """Record the steward's decisions (who and when), then refresh so the marts show them."""
    from ingestion.intake import UnknownFileError
    from ingestion.registers.context import RegisterContext
    from ingestion.registers.reader import read_registers
    from ingestion.returns import cycle as return_cycle
    from ingestion.state.registry import StateStore

    store = StateStore(paths.state_db)
    ctx = RegisterContext.from_frames(read_registers(paths.reference))
    actions = {
        "close-period": lambda t: return_cycle.close_period(store, ctx, t, by, note=note),
        "reopen-period": lambda t: return_cycle.reopen_period(store, ctx, t, by, note=note),
        "approve": lambda t: return_cycle.approve(store, t, by, note=note),
        "decline": lambda t: return_cycle.decline(store, t, by, note=note),
    }
    for target in targets:
        try:
            actions[command](target)
        except (return_cycle.CycleError, UnknownFileError) as exc:
            print(f"{command} {target}: {exc}", file=sys.stderr)
            return 2
        print(f"{command} {target}: recorded (by {by.strip()}).")
    return _run(paths, everything=True, why=DECIDED[command])


def _accepted_replacement(
    rejected: RegistryEntry, accepted: list[RegistryEntry]
) -> RegistryEntry | None:
    """The latest return accepted for the same Directorate and period after ``rejected`` was
    received: the steward need not act on a rejection the Directorate has already mended."""
    if not (rejected.directorate_code and rejected.period_code):
        return None
    later = [
        entry
        for entry in accepted
        if entry.kind == rejected.kind
        and entry.directorate_code == rejected.directorate_code
        and entry.period_code == rejected.period_code
        and entry.received_at > rejected.received_at
    ]
    return max(later, key=lambda entry: entry.received_at, default=None)


def print_summary(paths: SpfPaths, run_id: str | None = None, brief: bool = False) -> None:
    """Everything received so far; ``brief`` (after a run): counts and what to act on only,
    as the run's own files were just listed."""
    from ingestion.state.registry import StateStore

    store = StateStore(paths.state_db)
    entries = store.entries()
    accepted = [e for e in entries if e.outcome == "accepted"]
    rejected = [e for e in entries if e.outcome == "rejected"]
    print("\n=== spf-warehouse summary ===")
    if run_id:
        print(f"Run: {run_id}")
    print(f"Files received: {len(entries)} ({len(accepted)} accepted, {len(rejected)} rejected)")
    if brief:
        open_rejections = [e for e in rejected if _accepted_replacement(e, accepted) is None]
        held = sum(1 for e in entries if e.outcome == "pending")
        print(
            f"To act on: {len(open_rejections)} rejected file(s) not yet replaced, {held} held "
            "for approval (`spf summary` lists every file and the marts)."
        )
        print(f"Warehouse: {paths.warehouse}   Published for BI: {paths.published}")
        _print_undelivered(paths)  # failed deliveries are shown at every run until acknowledged
        return
    warned = [e for e in accepted if e.warning_count]
    for entry in warned:
        print(f"  warning  {safe_name(entry.original_name)}: {safe_name(entry.message_en)}")
    for entry in rejected:
        replacement = _accepted_replacement(entry, accepted)
        if replacement is not None:
            print(
                f"  replaced {safe_name(entry.original_name)}: rejected, then replaced by "
                f"{safe_name(replacement.original_name)} (accepted)"
            )
            continue
        print(f"  REJECTED {safe_name(entry.original_name)}: {safe_name(entry.message_en)}")
        if entry.report_path:
            print(f"           report: {paths.home / entry.report_path}")
    if paths.warehouse.exists():
        try:
            con = open_warehouse(paths.warehouse, read_only=True)
        except UnavailableError as exc:  # a writer still holds it (e.g. after a failure)
            print(f"Marts: the warehouse cannot be read now ({exc}).")
            con = None
    else:
        con = None
    if con is not None:
        try:
            tables = con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' "
                "ORDER BY table_name"
            ).fetchall()
            print("Marts (rows):")
            for (table,) in tables:
                count = con.execute(f'SELECT count(*) FROM marts."{table}"').fetchone()[0]
                print(f"  marts.{table}: {count}")
        finally:
            con.close()
    _print_undelivered(paths)
    print(f"Warehouse: {paths.warehouse}")
    print(f"Published for BI: {paths.published / 'spf_marts.duckdb'}")
    print(f"Quarantine: {paths.quarantine}   Archive: {paths.archive}")
    if paths.run_output_log.exists():
        print(f"Progress of the last `spf run` (dbt's lines): {paths.run_output_log}")
    print("Open the Dagster UI with `make ui`, then http://127.0.0.1:3000")


def _print_undelivered(paths: SpfPaths) -> None:
    """Every message that failed for good, at every run, until the steward acknowledges it."""
    from alerts.failures import short_id, unacknowledged
    from alerts.state import AlertStore
    from ingestion.messages import message

    failed = unacknowledged(AlertStore(paths.state_db))
    if not failed:
        return
    text = message("outbox_undelivered", count=len(failed))
    print(f"{text.en}\n  {text.fr}")
    for entry in failed:
        print(
            f"  NOT SENT {short_id(entry.idempotency_key)}  {entry.event_type} to "
            f"{safe_name(','.join(entry.recipients))}: {safe_name(entry.last_error or '')}"
        )


def _outbox(paths: SpfPaths, ack: list[str] | None, retry: bool) -> int:
    """`spf outbox`: pending and failed messages; --ack ID: handled; --retry: send again."""
    from datetime import UTC, datetime

    from alerts import failures
    from alerts.delivery import make_transport
    from alerts.settings import settings_from_env
    from alerts.state import AlertStore
    from dagster_project.cli.notice import say
    from ingestion.messages import message

    store = AlertStore(paths.state_db)
    now = datetime.now(UTC)
    if ack:
        done = failures.acknowledge(store, ack, now)
        for wanted in ack:
            if not any(key.startswith(wanted.strip().lower()) for key in done):
                say(message("outbox_unknown", value=wanted))
        say(message("outbox_acknowledged", count=len(done)))
        return 0 if done else 2
    if retry:
        settings = settings_from_env()
        transport = make_transport(settings.smtp, paths.outbox)
        keys, report = failures.retry_failed(store, transport, settings.sender, now)
        say(
            message(
                "outbox_retried",
                count=len(keys),
                sent=len(report.sent),
                failed=len(report.failed),
                pending=len(report.pending),
            )
        )
        return 0 if not report.failed and not report.pending else 1
    listed = failures.listing(store)
    if not listed:
        say(message("outbox_empty"))
        return 0
    for entry, created_at, acknowledged_at in listed:
        state = entry.status + (" (acknowledged)" if acknowledged_at else "")
        print(
            f"{failures.short_id(entry.idempotency_key)}  {state:<22} {created_at}  "
            f"{entry.event_type} to {safe_name(','.join(entry.recipients))}  "
            f"attempts={entry.attempts}  {safe_name(entry.last_error or '')}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    from publication.cli import dispatch

    published = dispatch(argv)  # `spf publish --list | --rollback [--to ID]`
    if published is not None:
        return published
    from briefing.cli import dispatch as report_dispatch

    reported = report_dispatch(argv)  # `spf report [--period P] [--edition E] [--lang L]`
    if reported is not None:
        return reported
    parser = argparse.ArgumentParser(prog="spf", description=__doc__.split("\n")[0])
    parser.add_argument(
        "command",
        choices=[
            "init",
            "run",
            "summary",
            "reprocess",
            "templates",
            "state",
            "outbox",
            *DECISIONS,
        ],
    )
    parser.add_argument(
        "files", nargs="*", help="file names or content hashes; periods for *-period commands"
    )
    parser.add_argument("--by", default="", help="who takes the decision (decision commands)")
    parser.add_argument("--note", help="a note kept with the decision")
    parser.add_argument("--home", help="data home (default: $SPF_HOME, else ./data)")
    parser.add_argument(
        "--all", action="store_true", help="with run: refresh everything, whatever arrived"
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="with run and reprocess: print the run's progress (dbt's lines) on the console",
    )
    parser.add_argument(
        "--restore",
        action="store_true",
        help="with state: put the newest good backup of the state database in place",
    )
    parser.add_argument(
        "--ack", nargs="+", metavar="ID", help="with outbox: failed messages handled by you"
    )
    parser.add_argument(
        "--retry", action="store_true", help="with outbox: send the failed messages again"
    )
    parser.add_argument("--period", help="with templates: period code (default: next deadline)")
    parser.add_argument(
        "--directorate",
        action="append",
        help="with templates: a Directorate code (repeat for several; default: all)",
    )
    args = parser.parse_intermixed_args(argv)
    paths = spf_paths(args.home)
    if args.command == "state":
        return _state(paths, args.restore)
    from dagster_project.cli.notice import say
    from ingestion.state.backup import StateDamagedError, check_state

    try:
        check_state(paths.state_db)  # the one file nothing rebuilds: never run on a damaged one
    except StateDamagedError as exc:
        say(exc.text)
        say(exc.hint)
        return 4
    try:
        if args.command in ("init", "run", "reprocess", "templates", *DECISIONS):
            _init(paths)
        if args.command in DECISIONS:
            if not args.files:
                parser.error(f"{args.command} needs a period code or a file name")
            return _decide(paths, args.command, args.files, args.by, args.note)
        if args.command == "templates":
            return _templates(paths, args.period, args.directorate)
        if args.command == "run":
            return _run(paths, everything=args.all, verbose=args.verbose)
        if args.command == "reprocess":
            if not args.files:
                parser.error("reprocess needs at least one file name or content hash")
            return _run(paths, reprocess=args.files, verbose=args.verbose)
        if args.command == "summary":
            print_summary(paths)
        if args.command == "outbox":
            return _outbox(paths, args.ack, args.retry)
    except RegisterError as exc:
        print("A reference register is invalid; nothing was loaded:", file=sys.stderr)
        for finding in exc.findings:
            print(f"  - {finding.message_en}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
