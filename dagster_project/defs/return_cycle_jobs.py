"""The steward's decisions as jobs in the UI (Launchpad): close or reopen a period, approve or
decline a held return. Each names who decides (Dagster OSS has no login) and writes only the
state database; a decision recorded starts a full refresh of `refresh_all`
(`refresh_after_decision` in definitions.py), so the marts show it. A value that is not valid
(a period not in the calendar, a file not held) fails the run with the valid values listed,
and nothing changes."""

import dagster as dg
from pydantic import Field

from dagster_project.defs.resources import SpfHomeResource


class PeriodDecision(dg.Config):
    period: str = Field(description="Period code, e.g. 2025-26-Q1")
    by: str = Field(description="Who takes the decision (recorded with the time)")
    note: str | None = Field(default=None, description="A note kept with the decision")


class ReturnDecision(dg.Config):
    file: str = Field(description="The held return: original file name or content hash")
    by: str = Field(description="Who takes the decision (recorded with the time)")
    note: str | None = Field(default=None, description="A note kept with the decision")


def _context(spf_home: SpfHomeResource):
    from ingestion.registers.context import RegisterContext
    from ingestion.registers.reader import read_registers
    from ingestion.state.registry import StateStore

    paths = spf_home.paths()
    return StateStore(paths.state_db), RegisterContext.from_frames(read_registers(paths.reference))


MAX_LISTED = 40  # valid values listed in an error


def _listed(values: list[str]) -> str:
    shown = ", ".join(values[:MAX_LISTED]) or "none"
    return shown + (f" … (+{len(values) - MAX_LISTED} more)" if len(values) > MAX_LISTED else "")


def valid_values(store, ctx, about: str) -> str:
    """The values the decision accepts now, for its error message."""
    if about == "file":
        held = [e.original_name for e in store.entries() if e.outcome == "pending"]
        return f"Returns held for approval now: {_listed(sorted(held))}."
    closed = store.closed_periods()
    if about == "closed":
        return f"Closed periods: {_listed(sorted(closed))}."
    return f"Open periods of the reporting calendar: {_listed(sorted(set(ctx.periods) - closed))}."


def _decide(action, args: tuple, store, ctx, about: str) -> None:
    from ingestion.intake import UnknownFileError
    from ingestion.returns.cycle import CycleError

    try:
        action(*args)
    except (CycleError, UnknownFileError) as exc:
        raise dg.Failure(
            description=f"{exc}. Nothing was changed. {valid_values(store, ctx, about)}"
        ) from exc


@dg.op
def close_period_op(config: PeriodDecision, spf_home: SpfHomeResource) -> None:
    from ingestion.returns.cycle import close_period

    store, ctx = _context(spf_home)
    _decide(
        close_period, (store, ctx, config.period, config.by, None, config.note), store, ctx, "open"
    )


@dg.op
def reopen_period_op(config: PeriodDecision, spf_home: SpfHomeResource) -> None:
    from ingestion.returns.cycle import reopen_period

    store, ctx = _context(spf_home)
    _decide(
        reopen_period,
        (store, ctx, config.period, config.by, None, config.note),
        store,
        ctx,
        "closed",
    )


@dg.op
def approve_return_op(config: ReturnDecision, spf_home: SpfHomeResource) -> None:
    from ingestion.returns.cycle import approve

    store, ctx = _context(spf_home)
    _decide(approve, (store, config.file, config.by, None, config.note), store, ctx, "file")


@dg.op
def decline_return_op(config: ReturnDecision, spf_home: SpfHomeResource) -> None:
    from ingestion.returns.cycle import decline

    store, ctx = _context(spf_home)
    _decide(decline, (store, config.file, config.by, None, config.note), store, ctx, "file")


@dg.job(
    description="Close a period: later returns for it are held until approved. Then the "
    "marts are refreshed (refresh_all)."
)
def close_period():
    close_period_op()


@dg.job(description="Reopen a closed period. Then the marts are refreshed (refresh_all).")
def reopen_period():
    reopen_period_op()


@dg.job(description="Approve a held return. Then the marts are refreshed (refresh_all).")
def approve_return():
    approve_return_op()


@dg.job(description="Decline a held return. Then the marts are refreshed (refresh_all).")
def decline_return():
    decline_return_op()


RETURN_CYCLE_JOBS = [close_period, reopen_period, approve_return, decline_return]
DECISION_JOBS = frozenset(job.name for job in RETURN_CYCLE_JOBS)
