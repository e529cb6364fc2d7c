"""The executive summary: sentences built by rules from the numbers and the catalogue.

Each sentence is a function of the period's data that returns ``None`` when its data is missing
(a quarter without returns, a release without budgets): the sentence is then left out, never
written with zeros. Plural forms come from Babel's rules (``catalogue.plural``), so "1 is"
and "2 are", "0 est" and "2 sont" agree in both languages.
"""

from __future__ import annotations

from collections.abc import Callable

from briefing import formatting as fmt
from briefing.catalogue import plural, text
from briefing.data import DELAY_STATUSES, HIGH_RATINGS, Briefing

Sentence = Callable[[Briefing, str], str | None]


def _label(period: dict | None, language: str) -> str:
    return period[f"label_{language}"] if period else ""


def _plan_row(rows: list[dict]) -> dict | None:
    return next((r for r in rows if r.get("grouping_type", "plan") == "plan"), None)


def _directorate_name(briefing: Briefing, code: str, language: str) -> str:
    names = {d["directorate_code"]: d for d in briefing.rows("directorates")}
    return names[code][f"name_{language}"] if code in names else code


def _where(briefing: Briefing, code: str, language: str) -> str:
    name = _directorate_name(briefing, code, language)
    key = "where_direction" if name.startswith("Direction ") else "where_directorate"
    return text(key, language, name=name)


def _reported(row: dict | None) -> bool:
    """Whether the plan row holds reported deliverables (a quarter without returns has none)."""
    return bool(row) and (row["deliverable_count"] or 0) > (row["not_reported_count"] or 0)


def deliverables(briefing: Briefing, language: str) -> str | None:
    plan = _plan_row(briefing.rows("progress"))
    if not _reported(plan):
        return None
    total, completed = plan["deliverable_count"], plan["completed_count"]
    parts = [
        plural(
            "sum_deliv_head",
            total,
            language,
            total=fmt.count(total, language),
            period=_label(briefing.period, language),
            completed=fmt.count(completed, language),
            pct=fmt.percent(100 * completed / total, language),
        ),
        plural("sum_deliv_completed", completed, language),
    ]
    before = _plan_row(briefing.rows("previous_progress"))
    if _reported(before):
        change = completed - before["completed_count"]
        previous = _label(briefing.previous, language)
        if change == 0:
            parts.append(text("sum_deliv_same", language, previous=previous))
        else:
            key = "sum_deliv_more" if change > 0 else "sum_deliv_fewer"
            parts.append(text(key, language, n=fmt.count(abs(change), language), previous=previous))
    delayed = [r for r in briefing.rows("deliverables") if r["status"] == DELAY_STATUSES[0]]
    if delayed:
        parts.append(plural("sum_deliv_delayed", len(delayed), language, n=len(delayed)))
        if len(delayed) > 1:
            by_directorate: dict[str, int] = {}
            for row in delayed:
                code = row["owner_directorate_code"]
                by_directorate[code] = by_directorate.get(code, 0) + 1
            top = max(sorted(by_directorate), key=lambda c: by_directorate[c])
            parts.append(
                text(
                    "sum_deliv_where",
                    language,
                    k=fmt.count(by_directorate[top], language),
                    where=_where(briefing, top, language),
                )
            )
    else:
        parts.append(text("sum_deliv_none_delayed", language))
    parts.append(text("sentence_end", language))
    return "".join(parts)


def kpis(briefing: Briefing, language: str) -> str | None:
    rows = briefing.rows("scorecard")
    measured = [r for r in rows if r["rag_status"] in ("green", "amber", "red")]
    if not measured:
        return None
    clauses = []
    for rag in ("green", "amber", "red"):
        n = sum(1 for r in measured if r["rag_status"] == rag)
        if n:
            clauses.append(plural(f"sum_kpi_{rag}", n, language, n=fmt.count(n, language)))
    if len(clauses) > 1:
        listed = text("list_comma", language).join(clauses[:-1])
        listed += text("list_and", language) + clauses[-1]
    else:
        listed = clauses[0]
    head = plural(
        "sum_kpi_head",
        len(measured),
        language,
        n=fmt.count(len(measured), language),
        period=_label(briefing.period, language),
    )
    sentence = head + listed + text("sentence_end", language)
    grey = sum(1 for r in rows if r["rag_status"] == "grey")
    if grey:
        sentence += " " + plural("sum_kpi_grey", grey, language, n=fmt.count(grey, language))
    return sentence


def returns(briefing: Briefing, language: str) -> str | None:
    rows = [r for r in briefing.rows("submissions") if r["is_expected"]]
    received = [r for r in rows if r["last_received_at"] is not None]
    if not rows or not received:
        return None
    accepted = sum(1 for r in rows if r["submission_status"] == "accepted")
    parts = [
        plural(
            "sum_returns_head",
            accepted,
            language,
            accepted=fmt.count(accepted, language),
            expected=fmt.count(len(rows), language),
            period=_label(briefing.period, language),
        )
    ]
    late = sum(1 for r in rows if r["is_on_time"] is False)
    rejected = sum(1 for r in rows if r["submission_status"] == "rejected")
    missing = sum(1 for r in rows if r["submission_status"] == "missing")
    for key, n in (
        ("sum_returns_late", late),
        ("sum_returns_rejected", rejected),
        ("sum_returns_missing", missing),
    ):
        if n:
            parts.append(plural(key, n, language, n=fmt.count(n, language)))
    parts.append(text("sentence_end", language))
    return "".join(parts)


def budget(briefing: Briefing, language: str) -> str | None:
    rows = briefing.rows("budget")
    if not rows:
        return None
    allocated = round(sum(r["budget_allocated_eur"] or 0 for r in rows), 2)
    spent = round(sum(r["budget_spent_eur"] or 0 for r in rows), 2)
    if not allocated:
        return None
    sentence = text(
        "sum_budget",
        language,
        period=_label(briefing.period, language),
        spent=fmt.money(spent, language),
        allocated=fmt.money(allocated, language),
        rate=fmt.percent(100 * spent / allocated, language),
        elapsed=fmt.percent(rows[0]["year_elapsed_pct"], language),
    )
    overspent = sum(r["overspent_line_count"] or 0 for r in rows)
    return (
        sentence
        + " "
        + (
            plural("sum_overspent", overspent, language, n=fmt.count(overspent, language))
            if overspent
            else text("overspends_empty", language)
        )
    )


def risks(briefing: Briefing, language: str) -> str | None:
    rows = briefing.rows("risks")
    if not rows:
        return None
    high_after = sum(1 for r in rows if r["residual_rating"] in HIGH_RATINGS)
    high_before = sum(1 for r in rows if r["inherent_rating"] in HIGH_RATINGS)
    head = plural(
        "sum_risks_head",
        len(rows),
        language,
        n=fmt.count(len(rows), language),
        period=_label(briefing.period, language),
    )
    return head + plural(
        "sum_risks_high",
        high_after,
        language,
        n=fmt.count(high_after, language),
        before=fmt.count(high_before, language),
    )


SENTENCES: dict[str, Sentence] = {
    "deliverables": deliverables,
    "kpis": kpis,
    "returns": returns,
    "budget": budget,
    "risks": risks,
}


def summary(briefing: Briefing, language: str, which: tuple[str, ...]) -> list[str]:
    """The summary's sentences in order, those without data left out."""
    return [s for s in (SENTENCES[name](briefing, language) for name in which) if s]
