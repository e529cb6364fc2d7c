"""Period close and approval: held returns, decisions recorded with who and when."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from ingestion.intake import process_inbox
from ingestion.kinds import RETURNS
from ingestion.registers.context import RegisterContext
from ingestion.registers.reader import read_registers
from ingestion.returns.cycle import CycleError, approve, close_period, decline, reopen_period
from ingestion.state.registry import StateStore
from ingestion.warehouse.loader import load_accepted, mirror_state

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture
def cycle(home):
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    return home, ctx, StateStore(home.state_db)


def _drop(home, ctx, store, path):
    (home.inbox_returns / path.name).write_bytes(path.read_bytes())
    [outcome] = process_inbox(home, RETURNS, ctx, store, now=NOW).outcomes
    return outcome


def test_decisions_need_a_name_a_known_period_and_a_pending_file(cycle, make_return):
    home, ctx, store = cycle
    with pytest.raises(CycleError, match="name is required"):
        close_period(store, ctx, "2025-26-Q1", "  ")
    with pytest.raises(CycleError, match="not in the reporting calendar"):
        close_period(store, ctx, "2031-32-Q9", "A. Steward")
    close_period(store, ctx, "2025-26-Q1", "A. Steward", now=NOW)
    with pytest.raises(CycleError, match="already closed"):
        close_period(store, ctx, "2025-26-Q1", "A. Steward")
    with pytest.raises(CycleError, match="not closed"):
        reopen_period(store, ctx, "2025-26-Q2", "A. Steward")
    accepted = _drop(home, ctx, store, make_return("TTA", "2025-26-Q2"))
    with pytest.raises(CycleError, match="not waiting for approval"):
        approve(store, accepted.name, "A. Steward")


def test_return_for_a_closed_period_is_held_then_approved(cycle, make_return):
    home, ctx, store = cycle
    first = _drop(home, ctx, store, make_return("TTA", "2025-26-Q1"))
    assert first.outcome == "accepted"
    close_period(store, ctx, "2025-26-Q1", "A. Steward", now=NOW)
    held = _drop(
        home,
        ctx,
        store,
        make_return(
            "TTA",
            "2025-26-Q1",
            edits={"Deliverables!C2": "Delayed", "Deliverables!F2": "Supplier late"},
            name="return_TTA_2025-26-Q1_v2.xlsx",
        ),
    )
    assert held.outcome == "pending"
    entry = store.entry(held.sha256)
    assert "Held for approval" in entry.message_en and "approbation" in entry.message_fr
    assert entry.stored_path.startswith("archive/")

    approve(store, held.name, "B. Approver", now=NOW, note="confirmed by phone")
    assert store.entry(held.sha256).outcome == "accepted"
    assert "approved by B. Approver" in store.entry(held.sha256).message_en
    events = [(a, who) for _, a, who, _, _ in store.approval_events()]
    assert events == [("held", "intake"), ("approve", "B. Approver")]
    assert [(p, a, who) for p, a, who, _, _ in store.period_events()] == [
        ("2025-26-Q1", "close", "A. Steward")
    ]


def test_declined_and_reopened(cycle, make_return):
    home, ctx, store = cycle
    close_period(store, ctx, "2025-26-Q1", "A. Steward", now=NOW)
    held = _drop(home, ctx, store, make_return("CF", "2025-26-Q1"))
    decline(store, held.sha256[:12], "A. Steward", now=NOW, note="figures not final")
    entry = store.entry(held.sha256)
    assert entry.outcome == "declined" and "figures not final" in entry.message_en
    reopen_period(store, ctx, "2025-26-Q1", "A. Steward", now=NOW)
    assert store.closed_periods() == set()
    again = _drop(home, ctx, store, make_return("TTA", "2025-26-Q1"))
    assert again.outcome == "accepted"


def test_held_and_declined_content_is_loaded_for_the_history_with_events(cycle, make_return):
    home, ctx, store = cycle
    close_period(store, ctx, "2025-26-Q1", "A. Steward", now=NOW)
    held = _drop(home, ctx, store, make_return("TTA", "2025-26-Q1"))
    con = duckdb.connect(str(home.warehouse))
    load_accepted(con, home, store, RETURNS)
    mirror_state(con, store)
    assert con.execute("SELECT file_id FROM raw.return_files").fetchall() == [(held.sha256[:16],)]
    assert con.execute(
        "SELECT outcome FROM raw.file_registry WHERE file_id = ?", [held.sha256[:16]]
    ).fetchone() == ("pending",)
    assert con.execute("SELECT period_code, action, actor FROM raw.period_events").fetchall() == [
        ("2025-26-Q1", "close", "A. Steward")
    ]
    assert con.execute("SELECT action, actor FROM raw.approval_events").fetchall() == [
        ("held", "intake")
    ]
