"""The steward's view of the return cycle (asset returns/return_cycle), on the demo as `make run`
builds it: statuses in words, every problem of the rejected return with its cell and fix,
every warning with its text, the report and the Directorate's contact; and a failed dbt data
check shows its failing rows."""

from __future__ import annotations

import os

import dagster as dg
import pytest

from ingestion.paths import SpfPaths
from ingestion.state.registry import StateStore

VIEW_KEY = dg.AssetKey(["returns", "return_cycle"])
WORDS = {
    "Accepted",
    "Accepted with warnings",
    "Rejected",
    "Missing",
    "Not yet due",
    "Held for approval",
}


@pytest.fixture(scope="module")
def demo_events(demo_home: SpfPaths) -> tuple[dict[str, object], list[dg.EventLogEntry]]:
    """The view's latest materialization metadata and the asset check evaluations of the
    demo's run, from the demo's Dagster instance."""
    previous = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(demo_home.dagster_home)
    try:
        with dg.DagsterInstance.get() as instance:
            event = instance.get_latest_materialization_event(VIEW_KEY)
            assert event is not None and event.asset_materialization is not None
            checks = instance.get_records_for_run(
                event.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=10_000
            ).records
    finally:
        if previous is None:
            os.environ.pop("DAGSTER_HOME", None)
        else:
            os.environ["DAGSTER_HOME"] = previous
    metadata = event.asset_materialization.metadata
    return {k: getattr(v, "value", v) for k, v in metadata.items()}, [
        r.event_log_entry for r in checks
    ]


@pytest.fixture(scope="module")
def view(demo_events: tuple[dict[str, object], list[dg.EventLogEntry]]) -> dict[str, str]:
    return demo_events[0]  # type: ignore[return-value]


def test_a_failed_data_check_shows_its_failing_rows(
    demo_events: tuple[dict[str, object], list[dg.EventLogEntry]],
) -> None:
    evaluations = [e.dagster_event.event_specific_data for e in demo_events[1]]  # type: ignore[union-attr]
    failed = {e.check_name: e for e in evaluations if not e.passed}
    late = failed["assert_returns_received_by_deadline"]  # the demo's late return
    preview = late.metadata["failing_rows_preview"].value
    header, _, *rows = preview.splitlines()
    assert "directorate_code" in header and 1 <= len(rows) <= 10
    assert late.metadata["failing_rows_table"].value.endswith(
        "dbt_test_failures.assert_returns_received_by_deadline"
    )


def _section(text: str, directorate: str | None, period: str | None) -> str:
    """The part of the view about one Directorate's return for one period."""
    heading = f"{directorate} – "
    sections = [
        s
        for s in text.split("### ")
        if s.startswith(heading) and f", {period}: " in s.split("\n", 1)[0]
    ]
    assert len(sections) == 1, (heading, period, text[:2000])
    return sections[0]


def test_statuses_are_words(view: dict[str, str]) -> None:
    matrix = view["returns_by_period"]
    rows = [line for line in matrix.splitlines()[2:] if line.startswith("| ")]
    assert rows
    cells = {cell.strip() for row in rows for cell in row.strip("|").split("|")[1:]}
    assert cells <= WORDS | {"—"}
    assert {"Accepted", "Rejected"} <= cells
    assert view["rejected"] >= 1


def test_the_rejected_return_shows_every_problem_with_its_cell_and_fix(
    demo_home: SpfPaths, view: dict[str, str]
) -> None:
    store = StateStore(demo_home.state_db)
    entries = store.entries("returns")
    rejected = [e for e in entries if e.outcome == "rejected"]
    assert rejected
    findings = store.findings()
    attention = view["needs_attention"]
    for entry in rejected:
        section = _section(attention, entry.directorate_code, entry.period_code)
        assert "Rejected" in section.split("\n", 1)[0]
        assert entry.original_name in section
        assert f"Report: {demo_home.home / entry.report_path}" in section
        assert "@" in section.split("Contact: ", 1)[1].split("\n", 1)[0]
        mine = [f for sha, _, f in findings if sha == entry.file_sha256]
        assert len(mine) >= 1
        for finding in mine:
            row = next(
                line
                for line in section.splitlines()
                if line.startswith(f"| {finding.severity} | {finding.location} |")
                and " ".join(finding.message_en.split())[:40] in line
            )
            assert " ".join(finding.fix_en.split())[:40] in row


def test_warnings_show_their_text(demo_home: SpfPaths, view: dict[str, str]) -> None:
    store = StateStore(demo_home.state_db)
    warned = [e for e in store.entries("returns") if e.outcome == "accepted" and e.warning_count]
    assert warned, "the demo has a return accepted with warnings"
    findings = store.findings()
    for entry in warned:
        section = _section(view["needs_attention"], entry.directorate_code, entry.period_code)
        assert "Accepted with warnings" in section.split("\n", 1)[0]
        for _, _, finding in (f for f in findings if f[0] == entry.file_sha256):
            assert " ".join(finding.message_en.split())[:40] in section
