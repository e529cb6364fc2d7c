"""The inbox sensor: which files are ready, the cursor round trip, and exactly-once intake."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.defs import sensors
from dagster_project.defs.resources import SpfHomeResource
from dagster_project.defs.sensors import (
    FileObservation,
    InboxCursor,
    inbox_sensor,
    observe_inbox,
    plan_inbox_tick,
    run_key_for,
)
from ingestion.intake import sha256_of
from ingestion.paths import SpfPaths
from ingestion.state.registry import RegistryEntry, StateStore

NOW = 1_750_000_000.0
LONG_AGO_NS = int((NOW - 60) * 1e9)


# --- the pure decision ---------------------------------------------------------------------------


def _plan(observations, cursor=None, now=NOW, received=frozenset(), settle=5.0):
    return plan_inbox_tick(
        observations,
        cursor or InboxCursor(),
        now,
        settle_seconds=settle,
        hash_of=lambda path: f"sha-of-{path}",
        already_received=lambda sha: sha in received,
    )


def test_a_new_file_waits_one_tick_then_is_ready():
    seen = [FileObservation("returns/a.xlsx", 100, LONG_AGO_NS)]
    first = _plan(seen)
    assert first.ready == [] and first.settling == ["returns/a.xlsx"]
    assert first.cursor.pending == {"returns/a.xlsx": (100, LONG_AGO_NS)}

    second = _plan(seen, first.cursor)
    assert [(f.path, f.sha256) for f in second.ready] == [
        ("returns/a.xlsx", "sha-of-returns/a.xlsx")
    ]
    assert second.cursor.requested == {
        "sha-of-returns/a.xlsx": run_key_for(["sha-of-returns/a.xlsx"])
    }


def test_a_file_still_growing_or_just_written_is_not_ready():
    growing = _plan([FileObservation("returns/a.xlsx", 100, LONG_AGO_NS)])
    grown = _plan([FileObservation("returns/a.xlsx", 200, LONG_AGO_NS + 1)], growing.cursor)
    assert grown.ready == []

    # same size and mtime as last tick, but modified 2 s ago: within the settle time
    recent = [FileObservation("returns/b.xlsx", 100, int((NOW - 2) * 1e9))]
    assert _plan(recent, _plan(recent).cursor).ready == []
    assert len(_plan(recent, _plan(recent).cursor, now=NOW + 10).ready) == 1


def test_files_ready_together_share_one_run_key_whatever_their_order():
    seen = [
        FileObservation("statistics/s.csv", 10, LONG_AGO_NS),
        FileObservation("returns/a.xlsx", 100, LONG_AGO_NS),
    ]
    plan = _plan(seen, _plan(seen).cursor)
    assert [f.path for f in plan.ready] == ["returns/a.xlsx", "statistics/s.csv"]
    assert set(plan.cursor.requested.values()) == {
        run_key_for(["sha-of-statistics/s.csv", "sha-of-returns/a.xlsx"])
    }


def test_a_sha_already_in_the_registry_or_already_requested_is_not_requested():
    seen = [FileObservation("returns/a.xlsx", 100, LONG_AGO_NS)]
    plan = _plan(seen, _plan(seen).cursor, received={"sha-of-returns/a.xlsx"})
    assert plan.ready == [] and plan.already_received == ["returns/a.xlsx"]

    requested = _plan(seen, _plan(seen).cursor)
    again = _plan(seen, requested.cursor)
    assert again.ready == [] and again.already_requested == ["returns/a.xlsx"]
    assert again.cursor.requested == requested.cursor.requested


def test_the_cursor_forgets_files_that_left_the_inbox():
    seen = [FileObservation("returns/a.xlsx", 100, LONG_AGO_NS)]
    requested = _plan(seen, _plan(seen).cursor)
    after_the_run = _plan([], requested.cursor)
    assert after_the_run.cursor.pending == {} and after_the_run.cursor.requested == {}


def test_changed_content_under_the_same_name_is_requested_again():
    seen = [FileObservation("returns/a.xlsx", 100, LONG_AGO_NS)]
    requested = _plan(seen, _plan(seen).cursor)
    changed = [FileObservation("returns/a.xlsx", 120, LONG_AGO_NS + 5)]
    plan = plan_inbox_tick(
        changed,
        _plan(changed, requested.cursor).cursor,
        NOW,
        hash_of=lambda path: "new-content",
        already_received=lambda sha: False,
    )
    assert [f.sha256 for f in plan.ready] == ["new-content"]


def test_an_unreadable_cursor_starts_afresh():
    assert InboxCursor.from_json("not json") == InboxCursor()
    cursor = InboxCursor({"returns/a.xlsx": (1, 2)}, {"abc": "key"})
    assert InboxCursor.from_json(cursor.to_json()) == cursor


def test_lock_hidden_and_partial_files_are_not_observed(home: SpfPaths):
    for name in ["~$a.xlsx", ".hidden.xlsx", "b.xlsx.part", "c.tmp", "d.crdownload", "e.xlsx"]:
        (home.inbox_returns / name).write_bytes(b"x")
    (home.inbox_statistics / "s.csv").write_text("member_code\n")
    assert sorted(o.path for o in observe_inbox(home.inbox)) == [
        "returns/e.xlsx",
        "statistics/s.csv",
    ]


# --- the sensor, with Dagster's sensor test context ----------------------------------------------


def _drop(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    past = time.time() - 60
    os.utime(path, (past, past))  # saved a minute ago: settled once stable for one tick
    return path


def _tick(home: SpfPaths, cursor: str | None) -> dg.SensorResult:
    with dg.DagsterInstance.ephemeral() as instance:
        context = dg.build_sensor_context(
            cursor=cursor,
            resources={"spf_home": SpfHomeResource(home=str(home.home))},
            instance=instance,
        )
        result = inbox_sensor(context)
    assert isinstance(result, dg.SensorResult)
    return result


def _accept(store: StateStore, path: Path, sha: str) -> None:
    moment = datetime(2025, 7, 1, tzinfo=UTC)
    entry = RegistryEntry(
        file_sha256=sha,
        file_id=sha[:16],
        kind="returns",
        original_name=path.name,
        first_seen_at=moment,
        received_at=moment,
        outcome="accepted",
        stored_path=f"archive/returns/{sha}.xlsx",
        report_path=None,
        directorate_code="TTA",
        period_code="2025-26-Q1",
        error_count=0,
        warning_count=0,
        message_en="Accepted.",
        message_fr="Accepté.",
    )
    store.record(entry, [], moment)


def test_sensor_cursor_round_trip_requests_one_run_once(home: SpfPaths):
    a = _drop(home.inbox_returns, "return_TTA.xlsx", b"return of TTA")
    s = _drop(home.inbox_statistics, "stats.csv", b"member_code,year\n")
    _drop(home.inbox_returns, "~$return_TTA.xlsx", b"lock")
    shas = [sha256_of(a), sha256_of(s)]

    first = _tick(home, None)
    assert not first.run_requests
    assert first.skip_reason and "settling" in (first.skip_reason.skip_message or "")
    assert set(json.loads(first.cursor or "{}")["pending"]) == {
        "returns/return_TTA.xlsx",
        "statistics/stats.csv",
    }

    second = _tick(home, first.cursor)
    assert second.run_requests is not None and len(second.run_requests) == 1
    request = second.run_requests[0]
    assert request.run_key == run_key_for(shas)
    assert request.tags["spf/file_count"] == "2"
    assert request.tags["spf/files"] == "returns/return_TTA.xlsx, statistics/stats.csv"
    assert json.loads(second.cursor or "{}")["requested"] == dict.fromkeys(shas, request.run_key)

    third = _tick(home, second.cursor)  # same files, run not finished yet
    assert not third.run_requests
    assert third.cursor == second.cursor


def test_a_file_already_received_starts_no_run_after_a_restart(home: SpfPaths):
    path = _drop(home.inbox_returns, "again.xlsx", b"same bytes as last quarter's file")
    _accept(StateStore(home.state_db), path, sha256_of(path))

    first = _tick(home, None)  # restart: the sensor remembers nothing
    second = _tick(home, first.cursor)
    assert not first.run_requests and not second.run_requests
    assert "already received" in (second.skip_reason.skip_message or "")  # type: ignore[union-attr]
    assert json.loads(second.cursor or "{}")["requested"] == {}


def test_the_settle_time_uses_the_injectable_clock(home: SpfPaths, monkeypatch: pytest.MonkeyPatch):
    path = home.inbox_returns / "fresh.xlsx"
    path.write_bytes(b"just saved")
    saved = path.stat().st_mtime
    monkeypatch.setattr(sensors, "now", lambda: saved + 1)
    cursor = _tick(home, None).cursor
    assert not _tick(home, cursor).run_requests  # stable, but saved 1 s ago
    monkeypatch.setattr(sensors, "now", lambda: saved + 6)
    assert len(_tick(home, cursor).run_requests or []) == 1


def test_the_sensor_is_registered_stopped_on_the_refresh_job(home: SpfPaths):
    from dagster_project.constants import REFRESH_JOB
    from dagster_project.definitions import build_definitions

    sensor = build_definitions(str(home.home)).resolve_sensor_def("inbox_sensor")
    assert sensor.job_name == REFRESH_JOB
    assert sensor.default_status == dg.DefaultSensorStatus.STOPPED
    assert sensor.minimum_interval_seconds == sensors.MINIMUM_INTERVAL_SECONDS
