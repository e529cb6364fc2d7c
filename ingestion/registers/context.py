"""What the registers say a file may contain, in the shape intake needs it.

Built once per run from the validated register frames (not from the warehouse), so intake can
judge a file before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import pandas as pd

BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class Period:
    period_code: str
    ip_year: str
    quarter: int
    deadline_utc: datetime  # the calendar's Europe/Brussels deadline, as an aware UTC datetime
    start_date: date | None = None  # the first day of the period (a return cannot come before)


@dataclass(frozen=True)
class RegisterContext:
    directorates: frozenset[str]
    periods: dict[str, Period]
    deliverables: dict[tuple[str, str], tuple[str, ...]]  # (directorate, ip_year) -> codes
    return_kpis: dict[str, tuple[str, ...]]  # directorate -> KPI codes reported in returns
    objectives: tuple[str, ...]
    members: frozenset[str]
    indicators: frozenset[str]

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> RegisterContext:
        periods = {}
        for row in frames["reporting_calendar"].itertuples(index=False):
            deadline = row.return_deadline.replace(tzinfo=BRUSSELS).astimezone(UTC)
            periods[row.period_code] = Period(
                row.period_code, row.ip_year, int(row.quarter), deadline, row.start_date
            )
        deliverables: dict[tuple[str, str], list[str]] = defaultdict(list)
        for row in frames["deliverables"].itertuples(index=False):
            deliverables[(row.owner_directorate, row.ip_year)].append(row.deliverable_code)
        kpis: dict[str, list[str]] = defaultdict(list)
        for row in frames["kpis"].itertuples(index=False):
            if row.source == "return":
                kpis[row.owner_directorate].append(row.kpi_code)
        return cls(
            directorates=frozenset(frames["directorates"]["directorate_code"]),
            periods=periods,
            deliverables={k: tuple(sorted(v)) for k, v in deliverables.items()},
            return_kpis={k: tuple(sorted(v)) for k, v in kpis.items()},
            objectives=tuple(sorted(frames["objectives"]["objective_code"])),
            members=frozenset(frames["members"]["member_code"]),
            indicators=frozenset(frames["indicators"]["indicator_code"]),
        )
