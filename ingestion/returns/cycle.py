"""The steward's decisions on the return cycle: closing and reopening periods, approving or
declining returns held because their period was closed.

Dagster OSS has no login, so every decision names its author explicitly; each one is recorded
with who and when in the state database (outside the warehouse, so a rebuild keeps it).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ingestion.intake import find_entry
from ingestion.messages import message
from ingestion.registers.context import BRUSSELS, RegisterContext
from ingestion.state.registry import RegistryEntry, StateStore

PENDING, DECLINED, ACCEPTED = "pending", "declined", "accepted"


class CycleError(ValueError):
    """A decision that cannot be taken as asked (unknown period, file not pending, no name)."""


def _actor(actor: str) -> str:
    name = (actor or "").strip()
    if not name:
        raise CycleError("say who takes the decision (a name is required: --by NAME)")
    return name


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).replace(microsecond=0)


def close_period(
    store: StateStore,
    ctx: RegisterContext,
    period: str,
    actor: str,
    now: datetime | None = None,
    note: str | None = None,
) -> None:
    """After closing, a new return for the period is held until approved."""
    if period not in ctx.periods:
        raise CycleError(f"period '{period}' is not in the reporting calendar")
    if period in store.closed_periods():
        raise CycleError(f"period '{period}' is already closed")
    store.record_period_event(period, "close", _actor(actor), _now(now), note)


def reopen_period(
    store: StateStore,
    ctx: RegisterContext,
    period: str,
    actor: str,
    now: datetime | None = None,
    note: str | None = None,
) -> None:
    if period not in ctx.periods:
        raise CycleError(f"period '{period}' is not in the reporting calendar")
    if period not in store.closed_periods():
        raise CycleError(f"period '{period}' is not closed")
    store.record_period_event(period, "reopen", _actor(actor), _now(now), note)


def _pending(store: StateStore, selector: str) -> RegistryEntry:
    entry = find_entry(store, selector)
    if entry.outcome != PENDING:
        raise CycleError(
            f"'{entry.original_name}' is not waiting for approval (it is {entry.outcome})"
        )
    return entry


def _settle_held(
    store: StateStore,
    selector: str,
    actor: str,
    now: datetime | None,
    note: str | None,
    outcome: str,
) -> RegistryEntry:
    entry = _pending(store, selector)
    name, at = _actor(actor), _now(now)
    when = at.astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M")
    rule, action = ("approved", "approve") if outcome == ACCEPTED else ("declined", "decline")
    text = message(rule, actor=name, value=when, detail=f" ({note})" if note else "")
    store.set_outcome(entry.file_sha256, outcome, text.en, text.fr)
    store.record_approval_event(entry.file_sha256, action, name, at, note)
    return entry


def approve(
    store: StateStore,
    selector: str,
    actor: str,
    now: datetime | None = None,
    note: str | None = None,
) -> RegistryEntry:
    """A held return becomes accepted: the next refresh puts it in the marts."""
    return _settle_held(store, selector, actor, now, note, ACCEPTED)


def decline(
    store: StateStore,
    selector: str,
    actor: str,
    now: datetime | None = None,
    note: str | None = None,
) -> RegistryEntry:
    """A held return is refused: its content stays in the history, out of the marts."""
    return _settle_held(store, selector, actor, now, note, DECLINED)
