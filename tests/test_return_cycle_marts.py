"""The return cycle through the whole pipeline: submission tracking, resubmission, close, hold,
approval — asserted in the marts against values computed by hand.

Calendar (sample registers): 2025-26-Q1 deadline 2025-10-15 17:00 Europe/Brussels (CEST), i.e.
15:00 UTC. Drops: TTA two days early (on time, -2 days), CF three days late (+3), ADM with an
invalid status (rejected), CB nothing (missing).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from dagster_project.cli import main as cli
from ingestion.paths import spf_paths
from tests.warehouse_support import pipeline_environment, query

pytestmark = pytest.mark.xdist_group("return_cycle")

DEADLINE_UTC = datetime(2025, 10, 15, 15, 0, tzinfo=UTC)
ON_TIME = datetime(2025, 10, 13, 15, 0, tzinfo=UTC)
LATE = datetime(2025, 10, 18, 15, 0, tzinfo=UTC)
ROW = "Deliverables!C2"


def _drop(home, make_return, directorate, received, name=None, edits=None):
    path = make_return(directorate, "2025-26-Q1", edits=edits, name=name)
    target = home.inbox_returns / path.name
    target.write_bytes(path.read_bytes())
    os.utime(target, (received.timestamp(), received.timestamp()))
    return target.name


def _status(home, directorate):
    return query(
        home,
        "SELECT status FROM marts.fct_deliverable_status WHERE owner_directorate_code = ? "
        "AND period_code = '2025-26-Q1' ORDER BY deliverable_code LIMIT 1",
        directorate,
    )[0][0]


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    with pipeline_environment(spf_paths(tmp_path_factory.mktemp("cycle") / "home")) as home:
        yield home


def test_submission_resubmission_close_hold_and_approval(cycle, make_return):
    home = cycle
    run = lambda *args: cli.main([*args, "--home", str(home.home)])  # noqa: E731

    # 1. first returns: on time, late, rejected, missing
    _drop(home, make_return, "TTA", ON_TIME)
    _drop(home, make_return, "CF", LATE)
    _drop(home, make_return, "ADM", ON_TIME, edits={ROW: "Nearly done"})
    assert run("run") == 0
    rows = {
        r[0]: r[1:]
        for r in query(
            home,
            "SELECT directorate_code, submission_status, is_on_time, days_from_deadline, "
            "files_received FROM marts.fct_return_submission WHERE period_code = '2025-26-Q1'",
        )
    }
    assert rows["TTA"] == ("accepted", True, -2, 1)
    assert rows["CF"] == ("accepted", False, 3, 1)
    assert rows["ADM"] == ("rejected", None, None, 1)
    assert rows["CB"] == ("missing", None, None, 0)
    later = dict(
        query(
            home,
            "SELECT period_code, submission_status FROM marts.fct_return_submission "
            "WHERE directorate_code = 'TTA' AND period_code IN ('2025-26-Q2', '2026-27-Q4')",
        )
    )
    assert later == {"2025-26-Q2": "missing", "2026-27-Q4": "not_due"}
    assert _status(home, "TTA") == "on_track"

    # 2. a resubmission supersedes, and its change is queryable cell by cell
    second = datetime(2025, 10, 20, 9, 0, tzinfo=UTC)
    _drop(
        home,
        make_return,
        "TTA",
        second,
        name="return_TTA_v2.xlsx",
        edits={ROW: "At risk", "Deliverables!F2": "Waiting for Member comments"},
    )
    assert run("run") == 0
    assert _status(home, "TTA") == "at_risk"
    changes = query(
        home,
        "SELECT field, previous_value, new_value, file_outcome FROM marts.fct_return_revision "
        "WHERE directorate_code = 'TTA' AND sheet_name = 'Deliverables' ORDER BY field",
    )
    assert ("status", "on_track", "at_risk", "accepted") in changes
    assert ("comment", None, "Waiting for Member comments", "accepted") in changes
    # lateness is judged on the first acceptable return, not on the correction
    assert query(
        home,
        "SELECT is_on_time, files_received FROM marts.fct_return_submission "
        "WHERE submission_key = 'TTA|2025-26-Q1'",
    ) == [(True, 2)]

    # 3. close the period: a new resubmission is held and changes nothing published
    assert run("close-period", "2025-26-Q1", "--by", "A. Steward") == 0
    third = datetime(2025, 11, 3, 9, 0, tzinfo=UTC)
    held = _drop(
        home,
        make_return,
        "TTA",
        third,
        name="return_TTA_v3.xlsx",
        edits={ROW: "Delayed", "Deliverables!F2": "Member comments late"},
    )
    assert run("run") == 0
    assert _status(home, "TTA") == "at_risk"
    assert query(
        home,
        "SELECT submission_status, has_pending_resubmission, is_period_closed "
        "FROM marts.fct_return_submission WHERE submission_key = 'TTA|2025-26-Q1'",
    ) == [("accepted", True, True)]
    assert ("status", "at_risk", "delayed", "pending") in query(
        home,
        "SELECT field, previous_value, new_value, file_outcome FROM marts.fct_return_revision "
        "WHERE directorate_code = 'TTA'",
    )

    # 4. approval: only now does the held return reach the marts; who and when are kept
    assert run("approve", held, "--by", "B. Approver") == 0
    assert _status(home, "TTA") == "delayed"
    events = query(home, "SELECT action, actor FROM raw.approval_events ORDER BY acted_at, action")
    assert events == [("held", "intake"), ("approve", "B. Approver")]
    assert query(home, "SELECT period_code, action, actor FROM raw.period_events") == [
        ("2025-26-Q1", "close", "A. Steward")
    ]
    assert run("reopen-period", "2025-26-Q1", "--by", "A. Steward") == 0
    assert query(
        home,
        "SELECT is_period_closed FROM marts.fct_return_submission "
        "WHERE submission_key = 'TTA|2025-26-Q1'",
    ) == [(False,)]
