"""The summary `spf run` ends with: what the steward still has to act on."""

from __future__ import annotations

import hashlib
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
