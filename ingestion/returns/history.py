"""Deliverables already closed in an earlier accepted return of the same IP year.

Every deliverable of a Directorate for the IP year must be in its return, except one reported
completed or cancelled in an earlier quarter: a Directorate may drop that row, and the marts carry
its status forward. Which ones those are is known only from the returns accepted before, so they
are read from the state registry (the latest accepted return of each earlier quarter) and the
archived originals. This is asked only when a return lacks some deliverables, which is rare, so
the cost of parsing a few earlier returns is paid only then.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ingestion.kinds import RETURNS
from ingestion.paths import spf_paths
from ingestion.registers.context import Period, RegisterContext
from ingestion.returns.parser import ParsedReturn, parse_return
from ingestion.state.registry import StateStore

CLOSED_STATUSES = ("completed", "cancelled")
DELIVERABLES_SHEET = "Deliverables"


def closed_in(parsed: ParsedReturn) -> set[str]:
    """Codes of the deliverables a return reports completed or cancelled."""
    sheet = parsed.sheets.get(DELIVERABLES_SHEET)
    if sheet is None:
        return set()
    return {
        code
        for code, status in zip(
            sheet.columns["deliverable_code"], sheet.columns["status"], strict=True
        )
        if code and status in CLOSED_STATUSES
    }


def earlier_periods(period: Period, ctx: RegisterContext) -> set[str]:
    """The quarters of the same IP year before ``period``."""
    return {
        p.period_code
        for p in ctx.periods.values()
        if p.ip_year == period.ip_year and p.quarter < period.quarter
    }


def data_home_of(path: Path) -> Path | None:
    """The data home a file being judged is in (inbox, archive or quarantine), found by its
    state database; None for a file outside any data home."""
    for folder in path.resolve().parents:
        if (folder / "state" / "state.sqlite").exists():
            return folder
    return None


def closed_before(
    directorate: str,
    period: Period,
    ctx: RegisterContext,
    also: Iterable[tuple[str, str, ParsedReturn]] = (),
    home: Path | None = None,
) -> set[str]:
    """Deliverables of ``directorate`` closed in an accepted return of an earlier quarter.

    ``also``: returns of the same drop, as ``(directorate, period, parsed)``, accepted in this
    run (they are not in the registry yet). ``home``: the data home the file is in (default
    ``$SPF_HOME``)."""
    earlier = earlier_periods(period, ctx)
    closed: set[str] = set()
    for other_directorate, other_period, parsed in also:
        if other_directorate == directorate and other_period in earlier:
            closed |= closed_in(parsed)
    paths = spf_paths(home) if home is not None else spf_paths()
    if not earlier or not paths.state_db.exists():
        return closed
    latest: dict[str, tuple[object, str]] = {}
    for entry in StateStore(paths.state_db).entries(RETURNS):
        if (
            entry.outcome == "accepted"
            and entry.directorate_code == directorate
            and entry.period_code in earlier
        ):
            known = latest.get(entry.period_code)
            if known is None or entry.received_at >= known[0]:
                latest[entry.period_code] = (entry.received_at, entry.stored_path)
    for _, stored in latest.values():
        original = paths.home / stored
        if original.exists():
            closed |= closed_in(parse_return(original))
    return closed
