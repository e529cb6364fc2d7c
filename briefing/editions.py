"""The four editions: which release each reads, which sections and summary sentences it has.

To add a section: write ``briefing/templates/sections/<name>.html.j2`` (catalogue texts only,
through ``t()``), add its title ``section.<name>`` and any text to ``briefing/catalogue.py``,
prepare its rows in ``briefing/view.py`` (``SECTION_ROWS``) and list it here for the editions
that show it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    name: str
    members_release: bool  # read published/members/ (what may leave the Secretariat)
    sections: tuple[str, ...]
    summary: tuple[str, ...]  # sentences of the executive summary (briefing.narrative)


EDITION_SPECS: dict[str, Edition] = {
    "management": Edition(
        "management",
        False,
        (
            "summary",
            "progress",
            "scorecard",
            "charts",
            "deliverables",
            "regional",
            "risks",
            "budget",
            "statistics",
            "data_quality",
            "methods",
        ),
        ("deliverables", "kpis", "returns", "risks", "budget"),
    ),
    "audit": Edition(
        "audit",
        False,
        ("summary", "risks", "data_quality", "methods"),
        ("deliverables", "returns", "risks"),
    ),
    "finance": Edition(
        "finance",
        False,
        ("summary", "budget", "methods"),
        ("deliverables", "budget"),
    ),
    "members": Edition(
        "members",
        True,
        ("summary", "progress", "scorecard", "charts", "regional", "statistics", "methods"),
        ("deliverables", "kpis"),
    ),
}
