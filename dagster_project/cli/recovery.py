"""Runs that died (a power cut, kill -9) are recognised, marked failed and release the warehouse.

A step that writes the warehouse takes the one slot of the ``duckdb_writer`` pool; a run killed
during that step never gives it back, and Dagster keeps the run STARTED, so every later run
would wait for ever. Before a run starts, ``spf run`` therefore checks every unfinished run of
the instance: a run whose process is gone (or whose process id now belongs to another program)
is marked failed and its slots are freed, with a line saying so. Slots still held by a run that
has ended are freed too. Waiting for a live run is never silent (which run, since when) and has
a limit (``SPF_POOL_WAIT_SECONDS``).

The process of a run started by ``spf run`` is known from the run's tags (``process_tags``); a
run started by the daemon or the UI from the engine event in which Dagster records its worker's
process id. A run on another machine is never judged.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
from dagster._core.events import DagsterEventType
from dagster._core.storage.dagster_run import DagsterRunStatus, RunsFilter

from dagster_project.cli.notice import say
from dagster_project.constants import DUCKDB_POOL
from ingestion.messages import Text, message

PID_TAG = "spf/pid"
HOST_TAG = "spf/host"
PROCESS_START_TAG = "spf/process_start"
POOL_WAIT_ENV = "SPF_POOL_WAIT_SECONDS"
DEFAULT_POOL_WAIT_SECONDS = 1800
UNFINISHED = [DagsterRunStatus.STARTING, DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks since boot) of a process, from Linux's /proc."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # the name may hold spaces and brackets
    return fields[0], fields[19]


def process_tags() -> dict[str, str]:
    """Tags naming this process, so that a later run can tell whether it is still alive."""
    stat = _proc_stat(os.getpid())
    tags = {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}
    if stat is not None:
        tags[PROCESS_START_TAG] = stat[1]
    return tags


def alive(pid: int, started: str | None) -> bool:
    """True while process ``pid`` runs and is the one that started (not a reused id)."""
    stat = _proc_stat(pid)
    if stat is None and Path("/proc/self/stat").exists():
        return False
    if stat is None:  # no /proc (not Linux): ask the system
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    state, start = stat
    if state in ("Z", "X"):  # a zombie has finished; it only waits for its parent
        return False
    return started is None or start == started


def _recorded_process(
    instance: dg.DagsterInstance, run_id: str, tags: Mapping[str, str]
) -> tuple[int, str | None] | None:
    if PID_TAG in tags:
        if tags.get(HOST_TAG) != socket.gethostname():
            return None
        return int(tags[PID_TAG]), tags.get(PROCESS_START_TAG)
    records = instance.get_records_for_run(
        run_id, of_type=DagsterEventType.ENGINE_EVENT, limit=50
    ).records
    for record in records:
        event = record.event_log_entry.dagster_event
        data = event.engine_event_data if event else None
        pid = data.metadata.get("pid") if data else None
        if pid is not None and "Started process for run" in (event.message or ""):
            return int(str(pid.value)), None
    return None


def _stamp(timestamp: float | None) -> str:
    if timestamp is None:
        return "?"
    return datetime.fromtimestamp(timestamp, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def recover_dead_runs(
    instance: dg.DagsterInstance, pool: str = DUCKDB_POOL, tell: Callable[[Text], None] = say
) -> list[str]:
    """Mark failed every unfinished run whose process is gone, and free the pool's slots held
    by runs that have ended. Returns the ids of the runs marked failed."""
    failed = []
    for record in instance.get_run_records(filters=RunsFilter(statuses=UNFINISHED)):
        run = record.dagster_run
        process = _recorded_process(instance, run.run_id, run.tags)
        if process is None or process[0] == os.getpid() or alive(*process):
            continue
        text = message(
            "dead_run_failed",
            run_id=run.run_id,
            value=_stamp(record.start_time or record.create_timestamp.timestamp()),
            pid=process[0],
        )
        instance.report_run_failed(run, message=text.en)
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        tell(text)
        failed.append(run.run_id)
    for run_id in sorted(_holders(instance, pool)):
        run = instance.get_run_by_id(run_id)
        if run is None or run.is_finished:
            instance.event_log_storage.free_concurrency_slots_for_run(run_id)
            ended = run.status.value if run is not None else "deleted"
            tell(message("stale_slot_freed", run_id=run_id, value=ended))
    return failed


def _holders(instance: dg.DagsterInstance, pool: str) -> set[str]:
    info = instance.event_log_storage.get_concurrency_info(pool)
    return {slot.run_id for slot in info.claimed_slots}


def pool_wait_seconds(environ: Mapping[str, str] = os.environ) -> float:
    raw = environ.get(POOL_WAIT_ENV, "").strip()
    try:
        return max(float(raw), 0.0) if raw else DEFAULT_POOL_WAIT_SECONDS
    except ValueError as exc:
        raise ValueError(f"{POOL_WAIT_ENV}={raw!r} is not a number of seconds.") from exc


def wait_for_pool(
    instance: dg.DagsterInstance,
    limit_seconds: float,
    pool: str = DUCKDB_POOL,
    poll_seconds: float = 2.0,
    tell: Callable[[Text], None] = say,
) -> bool:
    """Wait until no other run holds ``pool``, saying which run holds it and since when; a run
    that dies meanwhile is recovered. False when the limit is reached (nothing to start)."""
    deadline = time.monotonic() + limit_seconds
    announced: str | None = None
    while True:
        recover_dead_runs(instance, pool, tell)
        holders = sorted(_holders(instance, pool))
        if not holders:
            return True
        run_id = holders[0]
        if time.monotonic() >= deadline:
            tell(message("pool_wait_expired", run_id=run_id, seconds=int(limit_seconds)))
            return False
        if announced != run_id:
            record = instance.get_run_record_by_id(run_id)
            run = record.dagster_run if record else None
            process = _recorded_process(instance, run_id, run.tags) if run else None
            started = record.start_time if record else None
            tell(
                message(
                    "pool_waiting",
                    run_id=run_id,
                    value=_stamp(started),
                    pid=process[0] if process else "?",
                    seconds=int(limit_seconds),
                )
            )
            announced = run_id
        time.sleep(poll_seconds)
