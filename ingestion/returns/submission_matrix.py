"""Which return each Directorate has sent for each period: accepted, rejected or missing.

The steward's at-a-glance view (shown in the Dagster UI on the intake asset), computed from the
state registry and the registers.
"""

from __future__ import annotations

from datetime import datetime

from ingestion.registers.context import RegisterContext
from ingestion.state.registry import RegistryEntry

ACCEPTED, WARNED, PENDING, REJECTED, MISSING, NOT_DUE = (
    "accepted",
    "warnings",
    "pending",
    "rejected",
    "missing",
    "",
)
SYMBOLS = {
    ACCEPTED: "✅",
    WARNED: "✅⚠",
    PENDING: "⏳",
    REJECTED: "❌",
    MISSING: "— missing",
    NOT_DUE: "·",
}


def submission_status(
    entries: list[RegistryEntry], ctx: RegisterContext, now: datetime
) -> dict[tuple[str, str], str]:
    """(directorate, period) -> status; an accepted return wins over rejected attempts."""
    status: dict[tuple[str, str], str] = {}
    for directorate in sorted(ctx.directorates):
        for code, period in sorted(ctx.periods.items()):
            mine = [
                e
                for e in entries
                if e.kind == "returns"
                and e.directorate_code == directorate
                and e.period_code == code
            ]
            if any(e.outcome == "accepted" for e in mine):
                latest = max(
                    (e for e in mine if e.outcome == "accepted"), key=lambda e: e.received_at
                )
                status[(directorate, code)] = WARNED if latest.warning_count else ACCEPTED
            elif any(e.outcome == "pending" for e in mine):
                status[(directorate, code)] = PENDING
            elif mine:
                status[(directorate, code)] = REJECTED
            elif now > period.deadline_utc:
                status[(directorate, code)] = MISSING
            else:
                status[(directorate, code)] = NOT_DUE
    return status


def render_markdown(status: dict[tuple[str, str], str]) -> str:
    directorates = sorted({d for d, _ in status})
    periods = sorted({p for _, p in status})
    lines = ["| Directorate | " + " | ".join(periods) + " |", "|---|" + "---|" * len(periods)]
    for directorate in directorates:
        cells = [SYMBOLS[status[(directorate, p)]] for p in periods]
        lines.append(f"| {directorate} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "✅ accepted · ✅⚠ accepted with warnings · ❌ rejected (no accepted return) · "
        "— missing after the deadline · `·` not yet due"
    )
    return "\n".join(lines)
