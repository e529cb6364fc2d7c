"""The summary `spf run` ends with: what the steward still has to act on."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dagster_project.cli.main import print_summary
from ingestion.paths import spf_paths
from ingestion.state.registry import RegistryEntry, StateStore

T0 = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def _entry(name: str, outcome: str, minutes: int, directorate: str | None, period: str | None):
    sha = hashlib.sha256(name.encode()).hexdigest()
    return RegistryEntry(
        file_sha256=sha,
        file_id=sha[:16],
        kind="returns",
        original_name=name,
        first_seen_at=T0 + timedelta(minutes=minutes),
        received_at=T0 + timedelta(minutes=minutes),
        outcome=outcome,
        stored_path=f"{outcome}/{name}",
        report_path=f"quarantine/returns/{name}.report.txt" if outcome == "rejected" else None,
        directorate_code=directorate,
        period_code=period,
        error_count=1 if outcome == "rejected" else 0,
        warning_count=0,
        message_en=f"{outcome} message",
        message_fr=f"message {outcome}",
    )


def _summary(home: Path, capsys: pytest.CaptureFixture[str], *entries: RegistryEntry) -> str:
    """What `spf summary` prints for a data home whose registry holds ``entries``."""
    paths = spf_paths(home)
    store = StateStore(paths.state_db)
    for entry in entries:
        store.record(entry, [], entry.received_at)
    print_summary(paths)
    return capsys.readouterr().out


def test_a_rejection_mended_by_a_later_accepted_return_is_not_shown_as_pending(tmp_path, capsys):
    out = _summary(
        tmp_path / "home",
        capsys,
        _entry("cb_q3.xlsx", "rejected", 0, "CB", "2025-26-Q3"),
        _entry("cb_q3 corrected.xlsx", "accepted", 10, "CB", "2025-26-Q3"),
        # same Directorate, another period: still to act on
        _entry("cb_q4.xlsx", "rejected", 20, "CB", "2025-26-Q4"),
        # accepted before the rejection: the rejected one is the latest word
        _entry("tta_q1.xlsx", "accepted", 0, "TTA", "2025-26-Q1"),
        _entry("tta_q1 v2.xlsx", "rejected", 30, "TTA", "2025-26-Q1"),
        # metadata unreadable: cannot be matched with anything
        _entry("unknown.xlsx", "rejected", 40, None, None),
    )
    assert "replaced cb_q3.xlsx: rejected, then replaced by cb_q3 corrected.xlsx (accepted)" in out
    assert "REJECTED cb_q3.xlsx" not in out
    for pending in ("cb_q4.xlsx", "tta_q1 v2.xlsx", "unknown.xlsx"):
        assert f"REJECTED {pending}: rejected message" in out
    assert out.count("report: ") == 3


def test_the_summary_still_counts_a_replaced_rejection(tmp_path, capsys):
    out = _summary(
        tmp_path / "home",
        capsys,
        _entry("a.xlsx", "rejected", 0, "CB", "2025-26-Q1"),
        _entry("b.xlsx", "accepted", 5, "CB", "2025-26-Q1"),
    )
    assert "Files received: 2 (1 accepted, 1 rejected)" in out


def test_the_console_says_what_this_run_did_then_the_state(tmp_path, capsys, make_return):
    """`spf close-period` says why everything is refreshed; `spf run` names every file of the
    drop with what became of it (accepted, rejected, duplicate, held), then a short state;
    `spf reprocess` says how the file was judged this time (one Dagster run fewer: its report
    is printed by the same function after intake judged the file again)."""
    from dagster_project.cli.main import main
    from dagster_project.cli.run_report import print_this_run
    from ingestion.intake import reprocess
    from ingestion.registers.context import RegisterContext
    from ingestion.registers.reader import read_registers
    from tests.warehouse_support import pipeline_environment

    with pipeline_environment(spf_paths(tmp_path / "home")) as home:
        run = ["--home", str(home.home)]
        assert main(["close-period", "2025-26-Q2", "--by", "Steward", *run]) == 0
        out = capsys.readouterr().out
        assert "(the period was closed)" in out and "--all" not in out
        assert "No new file in the inbox." in out

        accepted = make_return("TTA", "2025-26-Q1")
        rejected = make_return("CF", "2025-26-Q1", edits={"Deliverables!C2": "Nearly done"})
        held = make_return("RCP", "2025-26-Q2")
        for path in (accepted, rejected, held):
            (home.inbox_returns / path.name).write_bytes(path.read_bytes())
        copy = home.inbox_returns / "copy of TTA.xlsx"
        copy.write_bytes(accepted.read_bytes())
        later = copy.stat().st_mtime + 60  # received after the original: the duplicate
        os.utime(copy, (later, later))
        assert main(["run", *run]) == 0
        out = capsys.readouterr().out
        this_run, _, state = out.partition("=== spf-warehouse summary ===")
        assert f"accepted {accepted.name} (received " in this_run
        assert "Brussels time): Accepted" in this_run
        assert f"REJECTED {rejected.name}" in this_run and "report: " in this_run
        assert "duplicate copy of TTA.xlsx: same content as a file already received" in this_run
        assert f"held     {held.name}" in this_run and "spf approve" in this_run
        assert (
            "Taken in this run: 3 (1 accepted, 1 rejected, 1 held for approval); "
            "1 duplicate(s) skipped; 0 left waiting." in this_run
        )
        assert "Files received: 3 (1 accepted, 1 rejected)" in state
        assert "To act on: 1 rejected file(s) not yet replaced, 1 held for approval" in state
        assert "marts.fct" not in state  # the full listing is `spf summary`'s

        # `spf reprocess` prints the same report after its run; the run itself is `spf run`'s
        # (already exercised above), so the file is judged again here by intake directly.
        since = datetime.now(UTC).replace(microsecond=0)
        ctx = RegisterContext.from_frames(read_registers(home.reference))
        reprocess(home, rejected.name, ctx, StateStore(home.state_db))
        print_this_run(home, since)
        out = capsys.readouterr().out
        assert f"judged again {rejected.name}: now rejected. Rejected" in out
