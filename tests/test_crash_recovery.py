"""A power cut during a run: the next `spf run` recovers by itself and loses nothing.

The whole process group of a real `spf run` (dbt's child process too) is killed with SIGKILL
while the dbt step runs, as a power cut would. The dead run then holds the warehouse's pool slot
and stays STARTED in Dagster. The next `spf run` must say so, mark it failed, free the slot and
finish on its own; every file received is kept and recorded once, the marts equal those of a
clean rebuild from the archive, and no message is sent twice.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingestion.paths import spf_paths
from ingestion.storage import sha256_of
from tests.publication_support import warehouse_marts

SPF = str(Path(sys.executable).parent / "spf")


def _environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SPF_HOME": str(home),
        "DAGSTER_HOME": str(home / "dagster"),
        "SPF_POOL_WAIT_SECONDS": "120",
    }


def _dbt_running_in(session: int) -> bool:
    """A `dbt build` process runs in the session (process group) of the killed run."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            raw = stat.read_text()
            args = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()
        is_dbt = any(arg == b"dbt" or arg.endswith(b"/dbt") for arg in args)
        if int(fields[3]) == session and b"build" in args and is_dbt:
            return True
    return False


def _spf_run(home: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SPF, "run", "--home", str(home)],
        env=_environment(home),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _unfinished_runs_holding_the_pool(home: Path) -> set[str]:
    """Run ids that the instance says hold a slot of the warehouse's pool."""
    runs = home / "dagster" / "history" / "runs" / "index.db"
    with sqlite3.connect(runs) as con:
        rows = con.execute(
            "select run_id from concurrency_slots where run_id is not null"
        ).fetchall()
    return {row[0] for row in rows}


def _outbox(home: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(home / "state" / "state.sqlite") as con:
        return sorted(
            con.execute("select owner_code, event_type, attempts from alert_outbox").fetchall()
        )


def _float(value: float) -> str:
    return f"{round(value, 6):.12g}"


def _rows(table: str, mart: dict) -> list[str]:
    """A mart's rows in a comparable form: floats to 6 decimals and 12 significant digits (a
    sum of doubles may differ in its last bit with the order of its terms, and a difference of
    two such sums more), the quality issues' last sighting left out (it is the time of the run
    that saw them)."""
    columns = list(mart["types"])
    skipped = {"last_seen_at"} if table == "fct_data_quality_issue" else set()
    kept = [i for i, column in enumerate(columns) if column not in skipped]
    return sorted(
        repr(tuple(_float(row[i]) if isinstance(row[i], float) else row[i] for i in kept))
        for row in mart["data"]
    )


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_run_killed_during_dbt_is_recovered_by_the_next_run(tmp_path):
    home = tmp_path / "home"
    paths = spf_paths(home)
    subprocess.run([SPF, "init", "--home", str(home)], env=_environment(home), check=True)
    received = sorted(
        p.name for kind in ("returns", "statistics") for p in paths.inbox_for(kind).iterdir()
    )
    log = (tmp_path / "killed.log").open("w")
    killed = subprocess.Popen(
        [SPF, "run", "--home", str(home)],
        env=_environment(home),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, dbt's child included
    )
    deadline = time.monotonic() + 600
    while not _dbt_running_in(killed.pid):
        assert killed.poll() is None, (tmp_path / "killed.log").read_text()
        assert time.monotonic() < deadline, "dbt never started"
        time.sleep(0.2)
    time.sleep(3)  # well inside dbt's work
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()
    log.close()
    holders = _unfinished_runs_holding_the_pool(home)
    assert len(holders) == 1, "the fault: a dead run holds the warehouse"
    [dead] = holders

    recovered = _spf_run(home, timeout=900)
    assert recovered.returncode == 0, recovered.stdout + recovered.stderr
    assert f"Run {dead} " in recovered.stderr and "was interrupted" in recovered.stderr
    assert "a été interrompue" in recovered.stderr
    assert not _unfinished_runs_holding_the_pool(home)

    # Nothing lost: every file received is recorded once, its original kept and intact.
    assert not [p for kind in ("returns", "statistics") for p in paths.inbox_for(kind).iterdir()]
    with sqlite3.connect(paths.state_db) as con:
        files = con.execute(
            "select original_name, file_sha256, stored_path from file_registry"
        ).fetchall()
    assert sorted(name for name, _, _ in files) == received
    for _, sha, stored in files:
        assert sha256_of(home / stored) == sha
    sent = _outbox(home)
    assert all(attempts <= 1 for _, _, attempts in sent), sent

    # A damaged warehouse is recognised, set aside and rebuilt from the archive: the marts
    # equal those of the recovered run (the quality issues' last sighting is the rebuild's).
    marts = warehouse_marts(paths.warehouse)
    data = paths.warehouse.read_bytes()
    paths.warehouse.write_bytes(data[: len(data) // 2])
    rebuilt = _spf_run(home, timeout=900)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert f"The warehouse {paths.warehouse} is damaged" in rebuilt.stderr
    assert "endommagé" in rebuilt.stderr and "Refresh: everything" in rebuilt.stdout
    assert list(paths.warehouse_dir.glob("spf.duckdb.damaged-*"))
    clean = warehouse_marts(paths.warehouse)
    assert set(marts) == set(clean)
    for table in clean:
        assert _rows(table, marts[table]) == _rows(table, clean[table]), table
    assert _outbox(home) == sent  # the rebuild sends nothing again
