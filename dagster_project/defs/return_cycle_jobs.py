"""The steward's decisions as jobs in the UI (Launchpad): close or reopen a period, approve or
decline a held return. Each names who decides (Dagster OSS has no login) and writes only the
state database; run `refresh_all` afterwards to see the effect in the marts."""

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


def _decide(action, *args) -> None:
    from ingestion.intake import UnknownFileError
    from ingestion.returns.cycle import CycleError

    try:
        action(*args)
    except (CycleError, UnknownFileError) as exc:
        raise dg.Failure(description=str(exc)) from exc


@dg.op
def close_period_op(config: PeriodDecision, spf_home: SpfHomeResource) -> None:
    from ingestion.returns.cycle import close_period

    store, ctx = _context(spf_home)
    _decide(close_period, store, ctx, config.period, config.by, None, config.note)


@dg.op
def reopen_period_op(config: PeriodDecision, spf_home: SpfHomeResource) -> None:
    from ingestion.returns.cycle import reopen_period

    store, ctx = _context(spf_home)
    _decide(reopen_period, store, ctx, config.period, config.by, None, config.note)


@dg.op
def approve_return_op(config: ReturnDecision, spf_home: SpfHomeResource) -> None:
    from ingestion.returns.cycle import approve

    store, _ = _context(spf_home)
    _decide(approve, store, config.file, config.by, None, config.note)


@dg.op
def decline_return_op(config: ReturnDecision, spf_home: SpfHomeResource) -> None:
    from ingestion.returns.cycle import decline

    store, _ = _context(spf_home)
    _decide(decline, store, config.file, config.by, None, config.note)


@dg.job(description="Close a period: later returns for it are held until approved.")
def close_period():
    close_period_op()


@dg.job(description="Reopen a closed period.")
def reopen_period():
    reopen_period_op()


@dg.job(description="Approve a held return (then run refresh_all).")
def approve_return():
    approve_return_op()


@dg.job(description="Decline a held return (then run refresh_all).")
def decline_return():
    decline_return_op()


RETURN_CYCLE_JOBS = [close_period, reopen_period, approve_return, decline_return]
