"""`make bench`: how fast we read and validate returns, next to pandas and raw calamine.

    python -m tests.bench            full sizes: 1 return of 50,000 deliverable rows, 200 returns,
                                     peak memory, and drop-to-marts (warm: one return dropped,
                                     the run scoped to what returns feed, as the sensor does;
                                     a full warm refresh beside it for reference); a few minutes
    python -m tests.bench --quick    20 returns, 5,000 rows, no drop-to-marts: a smoke run
    python -m tests.bench --profile  also print the top cProfile entries of our path

Three paths read the same files, timed with ``time.perf_counter`` after all imports and after
one warm-up call each: ours (``assess_returns``, everything intake does to judge the files of
one drop: container checks, package scan, calamine parse, typing, Great Expectations suites;
filing the originals away and loading the warehouse are in drop-to-marts),
``pandas.read_excel(engine="openpyxl")`` of every sheet, and raw python-calamine
(``to_python()`` of every sheet). The paths take turns, ``--rounds`` times (default 3), and
each keeps its best time, so a burst of load from other processes does not decide a ratio.
Rows are the data rows of all sheets (header rows excluded), counted once per file. Great
Expectations' import and its context creation are one-time costs per process, reported apart.
Peak memory is each path run alone in a fresh child process. The targets in force (5x faster
than pandas, drop-to-marts under 30 s) are printed with PASS or MISS; nothing here is tuned to
pass them. The ratio to raw calamine is printed with Great Expectations' share of ours but no
verdict: its target (within 2x) is retired, since Great Expectations stays on the judging path
and its time alone is about the 1x that target left beside parsing.

Results: a table on stdout and the same figures in ``build/bench/results.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import csv
import dataclasses
import io
import json
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from demo.generator import DemoFlaws, build_return
from ingestion.registers.context import RegisterContext
from ingestion.registers.reader import read_registers, seed_reference
from ingestion.returns.assessment import assess_returns
from ingestion.returns.layout import ReturnLayout, load_layout
from ingestion.xlsx.container import IntakeLimits

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "build" / "bench"
NO_FLAWS = DemoFlaws(rejected=("-", "-"), missing_kpi=("-", "-"), late=("-", "-"))
IP_YEAR = "2025-26"  # the year the sample registers give deliverables for
RECEIVED_AT = datetime(2025, 10, 1, 12, 0, tzinfo=UTC)  # before every 2025-26 deadline
LARGE_DIRECTORATE, LARGE_PERIOD = "CF", "2025-26-Q2"

FULL = {"ordinary": 200, "large_rows": 50_000}
QUICK = {"ordinary": 20, "large_rows": 5_000}

TARGET_SPEEDUP_VS_PANDAS = 5.0  # ours at least 5x faster than pandas.read_excel
TARGET_DROP_TO_MARTS_S = 30.0
DEFAULT_ROUNDS = 3  # each path's best of this many turns (see measure_workload)

PATHS = ("ours", "pandas", "calamine")
PATH_LABELS = {
    "ours": "ours: assess_returns",
    "pandas": "pandas.read_excel(openpyxl)",
    "calamine": "raw python-calamine",
}


# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass
class Workload:
    """Files read by every path; ``generated`` = extra deliverable codes the registers must know."""

    name: str
    files: list[Path]
    rows: int  # data rows of all sheets, all files
    size_bytes: int
    reference_dir: Path
    generated: int = 0

    def manifest(self) -> dict[str, Any]:
        return {
            "files": [str(p) for p in self.files],
            "reference_dir": str(self.reference_dir),
            "generated": self.generated,
        }


def generated_codes(count: int) -> tuple[str, ...]:
    return tuple(f"D-BENCH-{i:06d}" for i in range(1, count + 1))


def bench_context(reference_dir: Path, generated: int = 0) -> RegisterContext:
    """The registers' context; with ``generated`` codes added to the large return's owner."""
    ctx = RegisterContext.from_frames(read_registers(reference_dir))
    if not generated:
        return ctx
    key = (LARGE_DIRECTORATE, IP_YEAR)
    deliverables = dict(ctx.deliverables)
    deliverables[key] = tuple(sorted((*ctx.deliverables.get(key, ()), *generated_codes(generated))))
    return dataclasses.replace(ctx, deliverables=deliverables)


def count_data_rows(path: Path, layout: ReturnLayout) -> int:
    """Non-empty rows of every sheet, minus the header rows of the table sheets."""
    headers = {s.name: s.header_row for s in layout.sheets}
    total = 0
    workbook = CalamineWorkbook.from_path(str(path))
    try:
        for name in workbook.sheet_names:
            rows = workbook.get_sheet_by_name(name).to_python()
            filled = sum(1 for r in rows if any(v not in (None, "") for v in r))
            total += max(0, filled - headers.get(name, 0))
    finally:
        workbook.close()
    return total


def _combinations(frames: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    calendar = frames["reporting_calendar"]
    periods = sorted(calendar.loc[calendar["ip_year"] == IP_YEAR, "period_code"])
    directorates = sorted(frames["directorates"]["directorate_code"])
    return [(d, p) for p in periods for d in directorates]


def write_ordinary_returns(
    frames: dict[str, pd.DataFrame], layout: ReturnLayout, folder: Path, count: int
) -> list[Path]:
    """``count`` valid returns cycling over every Directorate x period (repeats: new names)."""
    folder.mkdir(parents=True, exist_ok=True)
    combos = _combinations(frames)
    originals: dict[tuple[str, str], Path] = {}
    files = []
    for number in range(count):
        directorate, period = combos[number % len(combos)]
        path = folder / f"return_{directorate}_{period}_{number:03d}.xlsx"
        if (directorate, period) in originals:
            shutil.copyfile(originals[(directorate, period)], path)
        else:
            build_return(frames, directorate, period, NO_FLAWS, layout).save(path)
            originals[(directorate, period)] = path
        files.append(path)
    return files


def write_large_return(
    frames: dict[str, pd.DataFrame], layout: ReturnLayout, path: Path, rows: int
) -> Path:
    """A valid return whose Deliverables sheet has the Directorate's deliverables and ``rows``
    more (codes from generated_codes).

    Other sheets are those of an ordinary return of the same Directorate and period.
    """
    template = build_return(frames, LARGE_DIRECTORATE, LARGE_PERIOD, NO_FLAWS, layout)
    labels = {c.code: c.label_en for c in layout.statuses}
    plan = [  # (status, % complete, needs a comment, has a completion date)
        ("on_track", 40.0, False, False),
        ("completed", 100.0, False, True),
        ("at_risk", 30.0, True, False),
        ("not_started", 0.0, False, False),
        ("delayed", 20.0, True, False),
        ("cancelled", 10.0, False, False),
    ]
    first_day = date(2025, 7, 1)
    wb = Workbook(write_only=True)
    for name in template.sheetnames:
        ws = wb.create_sheet(name)
        for values in template[name].iter_rows(values_only=True):
            ws.append(list(values))  # every deliverable of the Directorate must be reported
        if name != "Deliverables":
            continue
        for number, code in enumerate(generated_codes(rows)):
            status, percent, comment, done = plan[number % len(plan)]
            ws.append(
                [
                    code,
                    f"Benchmark deliverable {number + 1}: capacity building workshop",
                    labels[status],
                    percent,
                    first_day + timedelta(days=number % 90) if done else None,
                    "Recovery plan agreed with the Policy Commission." if comment else None,
                ]
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


@dataclass
class Inputs:
    reference_dir: Path
    large: Workload
    batch: Workload


def prepare_inputs(folder: Path, ordinary: int, large_rows: int) -> Inputs:
    reference_dir = folder / "reference"
    seed_reference(reference_dir)
    frames = read_registers(reference_dir)
    layout = load_layout()
    large_path = write_large_return(
        frames, layout, folder / "large" / "return_large.xlsx", large_rows
    )
    batch_files = write_ordinary_returns(frames, layout, folder / "ordinary", ordinary)

    def workload(name: str, files: list[Path], generated: int = 0) -> Workload:
        return Workload(
            name=name,
            files=files,
            rows=sum(count_data_rows(p, layout) for p in files),
            size_bytes=sum(p.stat().st_size for p in files),
            reference_dir=reference_dir,
            generated=generated,
        )

    return Inputs(
        reference_dir=reference_dir,
        large=workload("large", [large_path], generated=large_rows),
        batch=workload("batch", batch_files),
    )


# ---------------------------------------------------------------------------------------------
# The three measured paths


PathFunction = Callable[[list[Path]], list[Any]]


def path_functions(reference_dir: Path, generated: int = 0) -> dict[str, PathFunction]:
    """One callable per path, over a list of files; ``ours`` says whether each was accepted.

    Ours judges the files together, as intake does with one drop (one expectation run per
    sheet type); the baselines read them one by one, which is all they can do."""
    ctx = bench_context(reference_dir, generated)
    limits, layout, today = IntakeLimits(), load_layout(), date.today()

    def ours(files: list[Path]) -> list[bool]:
        judged = assess_returns([(p, RECEIVED_AT) for p in files], ctx, today, limits, layout)
        return [a.accepted for a in judged]

    def pandas_read(files: list[Path]) -> list[dict[str, pd.DataFrame]]:
        return [pd.read_excel(p, sheet_name=None, engine="openpyxl") for p in files]

    def calamine_one(path: Path) -> int:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            return sum(len(workbook.get_sheet_by_name(n).to_python()) for n in workbook.sheet_names)
        finally:
            workbook.close()

    def calamine(files: list[Path]) -> list[int]:
        return [calamine_one(p) for p in files]

    return {"ours": ours, "pandas": pandas_read, "calamine": calamine}


def import_great_expectations() -> float:
    """Seconds to import GX and our suites (0 if already imported): excluded from timings."""
    started = time.perf_counter()
    import great_expectations  # noqa: F401

    import expectations.return_suites  # noqa: F401

    return time.perf_counter() - started


def warm_up(functions: dict[str, PathFunction], sample: Path) -> dict[str, float]:
    """Call each path twice on ``sample``; first-call overhead = first call - second call."""
    overhead = {}
    for name, fn in functions.items():
        started = time.perf_counter()
        fn([sample])
        first = time.perf_counter() - started
        started = time.perf_counter()
        fn([sample])
        overhead[name] = max(0.0, first - (time.perf_counter() - started))
    return overhead


def time_path(fn: PathFunction, files: list[Path]) -> tuple[float, list[Any]]:
    started = time.perf_counter()
    outputs = fn(files)
    return time.perf_counter() - started, outputs


@contextlib.contextmanager
def great_expectations_clock() -> Any:
    """Seconds spent inside Great Expectations' validations while the block runs.

    Wraps the one function through which every expectation run goes (``runner._validate``),
    so the report can say how much of our path is GX and how much is everything else: what
    moving GX off the judging path would and would not buy."""
    import expectations.runner as runner

    spent = [0.0]
    original = runner._validate

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    runner._validate = timed
    try:
        yield spent
    finally:
        runner._validate = original


def measure_workload(
    workload: Workload,
    functions: dict[str, PathFunction],
    memory: bool = True,
    rounds: int = DEFAULT_ROUNDS,
) -> dict[str, Any]:
    """Time every path on the workload (already warmed up); optionally peak memory per path.

    The machine is shared, so its load changes from one second to the next: the paths run in
    turn, ``rounds`` times (ours, pandas, calamine, ours, ...), and each keeps its best time.
    The ratios come from those best times; the spread of the ratio within each round is kept
    too, to show how much the load moved them."""
    result: dict[str, Any] = {
        "files": len(workload.files),
        "rows": workload.rows,
        "bytes": workload.size_bytes,
        "rounds": rounds,
        "paths": {},
    }
    times: dict[str, list[float]] = {name: [] for name in PATHS}
    gx_seconds: list[float] = []
    for _ in range(rounds):
        for name in PATHS:
            with great_expectations_clock() as spent:
                seconds, outputs = time_path(functions[name], workload.files)
            times[name].append(seconds)
            if name == "ours":
                gx_seconds.append(spent[0])
                accepted = sum(1 for ok in outputs if ok)
                result["accepted"] = min(result.get("accepted", accepted), accepted)
    for name in PATHS:
        seconds = min(times[name])
        entry: dict[str, Any] = {
            "seconds": seconds,
            "seconds_each_round": times[name],
            "rows_per_s": workload.rows / seconds,
            "files_per_s": len(workload.files) / seconds,
        }
        if memory:
            entry["memory"] = peak_memory(name, workload)
        result["paths"][name] = entry
    ours, pandas_s, calamine_s = (result["paths"][n]["seconds"] for n in PATHS)
    speedup, slowdown = pandas_s / ours, ours / calamine_s
    result["speedup_vs_pandas"] = speedup
    result["slowdown_vs_calamine"] = slowdown
    result["speedup_vs_pandas_each_round"] = [
        p / o for p, o in zip(times["pandas"], times["ours"], strict=True)
    ]
    result["slowdown_vs_calamine_each_round"] = [
        o / c for o, c in zip(times["ours"], times["calamine"], strict=True)
    ]
    best = times["ours"].index(ours)
    result["ours_gx_seconds"] = gx_seconds[best]
    result["ours_without_gx_vs_calamine"] = (ours - gx_seconds[best]) / calamine_s
    # GX's time alone against calamine's: why "within 2x of raw calamine" was retired (it left
    # 1x for everything beside parsing, about what GX alone takes); no verdict on that ratio.
    result["gx_alone_vs_calamine"] = gx_seconds[best] / calamine_s
    result["pass_speedup_vs_pandas"] = speedup >= TARGET_SPEEDUP_VS_PANDAS
    return result


# ---------------------------------------------------------------------------------------------
# Peak memory: each path alone in a fresh interpreter


def _maxrss_mib() -> float:
    """Peak resident set of this process image, in MiB.

    On Linux getrusage's ru_maxrss survives execve, so a child forked from a large parent
    reports the parent's peak; VmHWM (/proc/self/status) belongs to the new image only.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024  # bytes vs KiB


def memory_child(manifest_path: str) -> None:
    """Entry point of the child process: run one path over the files, print its peak RSS."""
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    if manifest["path"] == "ours":
        import_great_expectations()
    fn = path_functions(Path(manifest["reference_dir"]), manifest["generated"])[manifest["path"]]
    baseline = _maxrss_mib()
    fn([Path(file) for file in manifest["files"]])
    peak = _maxrss_mib()
    print(json.dumps({"peak_rss_mib": peak, "baseline_rss_mib": baseline}))


def in_child(entry: str, argument: str, what: str) -> dict[str, Any]:
    """Run ``tests.bench.<entry>(argument)`` in a fresh interpreter; return the JSON object it
    printed last. Its stderr is passed on; a failure raises with its end."""
    code = f"import sys; from tests.bench import {entry}; {entry}(sys.argv[1])"
    done = subprocess.run(
        [sys.executable, "-c", code, argument],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{what} child failed:\n{done.stderr[-3000:]}")
    if done.stderr:
        print(done.stderr[-4000:], file=sys.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _peak_memory_in_child(entry: str, manifest: dict[str, Any], what: str) -> dict[str, float]:
    """Peak RSS figures of a child given ``manifest`` (written to a scratch file)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "manifest.json"
        path.write_text(json.dumps(manifest), "utf-8")
        figures = in_child(entry, str(path), what)
    figures["work_rss_mib"] = figures["peak_rss_mib"] - figures["baseline_rss_mib"]
    return figures


def peak_memory(path_name: str, workload: Workload) -> dict[str, float]:
    """Peak RSS of a fresh child process running one path over the workload."""
    manifest = {"path": path_name, **workload.manifest()}
    return _peak_memory_in_child("memory_child", manifest, f"memory ({path_name})")


# ---------------------------------------------------------------------------------------------
# Drop-to-marts (warm)


def _refresh_line(log: str) -> str:
    """The "Refresh: <scope> (<reason>)." line `spf run` printed last."""
    lines = [line for line in log.splitlines() if line.startswith("Refresh: ")]
    return lines[-1].removeprefix("Refresh: ").rstrip(".") if lines else "?"


WARM_DROPS = 2  # resubmissions timed one after the other; the best is the figure


def _drop_resubmission(home: Path, folder: Path, number: int) -> str:
    """Drop TTA's demo return again with one comment changed (new bytes), saved before the
    deadline; returns its file name."""
    frames = read_registers(home / "reference")
    wb = build_return(frames, "TTA", "2025-26-Q1", NO_FLAWS, load_layout())
    wb["Deliverables"]["F2"] = f"Benchmark resubmission {number} {datetime.now(UTC).isoformat()}"
    staged = folder / f"return_TTA_2025-26-Q1_resubmitted_{number}.xlsx"
    wb.save(staged)
    stamp = datetime(2025, 10, 10, 9, 0, tzinfo=UTC).timestamp()  # before the deadline
    os.utime(staged, (stamp, stamp))
    shutil.move(staged, home / "inbox" / "returns" / staged.name)
    return staged.name


def drop_to_marts(folder: Path) -> dict[str, Any]:
    """Cold `spf run` on a fresh home (seeds the demo); then, WARM_DROPS times, drop one
    resubmitted return and time `spf run` (scoped to what returns feed, as the inbox sensor
    does) until the marts are republished; then, for reference, a full refresh of the same warm
    home (`spf run --all`). Runs in a child process of its own (`drop_to_marts_child`), as a
    refresh does, not in the benchmark's process and its heap."""
    from dagster_project.cli.main import main
    from ingestion.state.registry import StateStore

    home = folder / "home"
    os.environ["DAGSTER_HOME"] = str(home / "dagster")
    log = io.StringIO()
    with contextlib.redirect_stdout(log):
        started = time.perf_counter()
        codes = [main(["run", "--home", str(home)])]
        cold = time.perf_counter() - started
    published = home / "published" / "spf_marts.duckdb"
    warm, scopes, names, republished = [], [], [], []
    for number in range(1, WARM_DROPS + 1):
        before = published.stat().st_mtime_ns if published.exists() else 0
        names.append(_drop_resubmission(home, folder, number))
        warm_log = io.StringIO()
        with contextlib.redirect_stdout(warm_log):
            started = time.perf_counter()
            codes.append(main(["run", "--home", str(home)]))
            warm.append(time.perf_counter() - started)
        republished.append(published.exists() and published.stat().st_mtime_ns > before)
        scopes.append(_refresh_line(warm_log.getvalue()))
        log.write(warm_log.getvalue())
    sensor = sensor_drops(home, folder, first_number=WARM_DROPS + 1)
    names += sensor["names"]
    with contextlib.redirect_stdout(log):
        started = time.perf_counter()
        codes.append(main(["run", "--all", "--home", str(home)]))
        full = time.perf_counter() - started
    outcomes = {
        e.original_name: e.outcome for e in StateStore(home / "state/state.sqlite").entries()
    }
    dropped = [outcomes.get(name, "not seen") for name in names]
    ok = (
        set(codes) == {0}
        and set(dropped) == {"accepted"}
        and all(republished)
        and sensor["succeeded"]
    )
    if not ok:
        print(log.getvalue()[-4000:], file=sys.stderr)
    best = min(warm)
    return {
        "cold_seconds": cold,
        "warm_seconds": best,
        "warm_seconds_each_drop": warm,
        "warm_scope": scopes[warm.index(best)],
        "full_refresh_warm_seconds": full,
        "exit_codes": codes,
        "dropped_file_outcome": "accepted" if set(dropped) == {"accepted"} else ", ".join(dropped),
        "marts_republished": all(republished),
        "valid": ok,
        "target_seconds": TARGET_DROP_TO_MARTS_S,
        "pass": ok and best < TARGET_DROP_TO_MARTS_S,
        "sensor": {
            key: sensor[key]
            for key in (
                "seconds_each_drop",
                "detection_seconds_each_drop",
                "scopes",
                "run_ids",
                "tick_interval_seconds",
            )
        },
        "sensor_warm_seconds": min(sensor["seconds_each_drop"]),
        "sensor_pass": ok and min(sensor["seconds_each_drop"]) < TARGET_DROP_TO_MARTS_S,
    }


def sensor_drops(home: Path, folder: Path, first_number: int) -> dict[str, Any]:
    """Drop-to-marts on the steward's path, WARM_DROPS times on the warm home: the inbox sensor
    turned on, the sensor daemon ticking (its own 15-second interval and the settle rule decide
    when it requests a run), the run queue's daemon handing the run to Dagster's run launcher
    (a run worker started by the code server, as under `make ui`), until the marts are
    republished. Timed from the run's request (the run's creation) to the published file's
    modification; detection (drop to request) is reported apart. Steps after publication
    (alerts) do not count."""
    import dagster as dg

    from dagster_project.defs.sensors import MINIMUM_INTERVAL_SECONDS
    from tests.launcher_support import code_location, dequeue, start_sensor, tick_sensors

    os.environ["SPF_HOME"] = str(home)  # the code server and run workers read it
    published = home / "published" / "spf_marts.duckdb"
    result: dict[str, Any] = {
        "names": [],
        "seconds_each_drop": [],
        "detection_seconds_each_drop": [],
        "scopes": [],
        "run_ids": [],
        "succeeded": True,
        "tick_interval_seconds": MINIMUM_INTERVAL_SECONDS,
    }
    with dg.DagsterInstance.get() as instance, code_location(instance) as context:
        start_sensor(context, "inbox_sensor")
        for number in range(first_number, first_number + WARM_DROPS):
            before = published.stat().st_mtime_ns
            known = {run.run_id for run in instance.get_runs()}
            result["names"].append(_drop_resubmission(home, folder, number))
            dropped = time.time()
            run_id = None
            while run_id is None:  # the sensor daemon's loop
                tick_sensors(context)
                new = [run.run_id for run in instance.get_runs() if run.run_id not in known]
                run_id = new[0] if new else None
                if run_id is None:
                    time.sleep(0.5)
            record = instance.get_run_record_by_id(run_id)
            assert record is not None
            requested = record.create_timestamp.timestamp()
            while True:  # the run queue's daemon and the run
                run = instance.get_run_by_id(run_id)
                assert run is not None
                if run.status == dg.DagsterRunStatus.QUEUED:
                    dequeue(context)
                if published.stat().st_mtime_ns > before or run.is_finished:
                    break
                time.sleep(0.2)
            published_at = published.stat().st_mtime_ns / 1e9
            while not run.is_finished:
                time.sleep(0.5)
                run = instance.get_run_by_id(run_id)
                assert run is not None
            result["succeeded"] &= run.is_success and published.stat().st_mtime_ns > before
            result["seconds_each_drop"].append(published_at - requested)
            result["detection_seconds_each_drop"].append(requested - dropped)
            result["scopes"].append(run.tags.get("spf/scope", "?"))
            result["run_ids"].append(run_id)
    return result


def drop_to_marts_child(folder: str) -> None:
    """Entry point of the child process: print drop_to_marts' figures as JSON."""
    print(json.dumps(drop_to_marts(Path(folder))))


def drop_to_marts_in_child(folder: Path) -> dict[str, Any]:
    return in_child("drop_to_marts_child", str(folder), "drop-to-marts")


# ---------------------------------------------------------------------------------------------
# Members' statistics: a bulk extract read three ways (CSV and xlsx)

STATISTICS_FULL = {"members": 187, "years": 20, "indicators": 50}
STATISTICS_QUICK = {"members": 40, "years": 5, "indicators": 20}
TARGET_STATISTICS_VS_DUCKDB = 3.0  # ours within 3x of DuckDB's read_csv on the CSV
STATISTICS_PATHS = ("ours", "pandas", "duckdb")
STATISTICS_LABELS = {
    "ours": "ours: assess_statistics",
    "pandas": "pandas read + merge",
    "duckdb": "DuckDB read_csv",
}


def statistics_reference(folder: Path, indicators: int) -> Path:
    """Sample registers with generated count indicators added up to ``indicators`` in all."""
    reference = folder / "statistics-reference"
    seed_reference(reference)
    path = reference / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    extra = []
    for n in range(indicators - len(frame)):
        row = dict(frame.iloc[1])  # DECL_IMPORT: a count, summed
        row.update(indicator_code=f"BENCH_{n:02d}", name_en=f"Bench indicator {n}")
        row.update(name_fr=f"Indicateur d'essai {n}")
        extra.append(row)
    pd.concat([frame, pd.DataFrame(extra)]).to_csv(path, index=False)
    return reference


def write_statistics_extract(
    folder: Path, reference: Path, members: int, years: int, indicators: int
) -> tuple[Path, Path, int]:
    """A long bulk extract (member name, year, indicator, value, unit) as CSV and as xlsx."""
    frames = read_registers(reference)
    names = frames["members"]["name_en"].tolist()[:members]
    codes = frames["indicators"]["indicator_code"].tolist()[:indicators]
    units = frames["indicators"].set_index("indicator_code")["unit"].to_dict()
    index = pd.MultiIndex.from_product(
        [names, range(2025 - years, 2025), codes], names=["member", "year", "indicator"]
    )
    extract = index.to_frame(index=False)
    position = pd.Series(range(len(extract)))
    extract["value"] = ((position * 7919) % 500 + 1).astype(float) / 10  # within every range
    extract["unit"] = extract["indicator"].map(units).replace({"currency": "USD"})
    csv_path = folder / "statistics_extract.csv"
    extract.to_csv(csv_path, index=False)
    xlsx_path = folder / "statistics_extract.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Extract")
    sheet.append(list(extract.columns))
    for row in extract.itertuples(index=False):
        sheet.append(list(row))
    workbook.save(xlsx_path)
    return csv_path, xlsx_path, len(extract)


def statistics_functions(reference: Path) -> dict[str, Callable[[Path], int]]:
    """Each path returns the number of rows it produced (and must read every value)."""
    import duckdb

    from ingestion.statistics.assessment import StatisticsContext, assess_statistics

    frames = read_registers(reference)
    context = StatisticsContext.from_frames(frames)
    members = frames["members"][["member_code", "name_en"]]
    indicators = frames["indicators"][["indicator_code", "unit"]]

    def ours(path: Path) -> int:
        result = assess_statistics(path, None, 2025, context=context)
        if result.frame is None:
            raise RuntimeError([f.describe() for f in result.findings][:5])
        return len(result.frame)

    def pandas_path(path: Path) -> int:
        raw = pd.read_csv(path) if path.suffix == ".csv" else pd.read_excel(path)
        joined = raw.merge(members, left_on="member", right_on="name_en").merge(
            indicators, left_on="indicator", right_on="indicator_code"
        )
        return len(joined)

    def duckdb_path(path: Path) -> int:
        con = duckdb.connect()
        try:
            con.execute(
                "CREATE TABLE extract AS SELECT * FROM read_csv(?, quote = '\"')", [str(path)]
            )
            return con.execute("SELECT count(*) FROM extract").fetchone()[0]
        finally:
            con.close()

    return {"ours": ours, "pandas": pandas_path, "duckdb": duckdb_path}


def statistics_memory_child(manifest_path: str) -> None:
    """Child process: one statistics path over one file; prints its peak RSS (VmHWM)."""
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    if manifest["path"] == "ours":
        import_great_expectations()
    fn = statistics_functions(Path(manifest["reference_dir"]))[manifest["path"]]
    baseline = _maxrss_mib()
    fn(Path(manifest["file"]))
    print(json.dumps({"peak_rss_mib": _maxrss_mib(), "baseline_rss_mib": baseline}))


def statistics_peak_memory(path_name: str, file: Path, reference: Path) -> dict[str, float]:
    manifest = {"path": path_name, "file": str(file), "reference_dir": str(reference)}
    return _peak_memory_in_child("statistics_memory_child", manifest, f"memory ({path_name})")


def statistics_benchmark(
    folder: Path, members: int, years: int, indicators: int, memory: bool
) -> dict[str, Any]:
    """Rows/s of ours, pandas and DuckDB on the same bulk extract (CSV, xlsx), same run."""
    reference = statistics_reference(folder, indicators)
    csv_path, xlsx_path, rows = write_statistics_extract(
        folder, reference, members, years, indicators
    )
    functions = statistics_functions(reference)
    small = folder / "statistics_small.csv"
    pd.read_csv(csv_path, nrows=50).to_csv(small, index=False)
    for fn in functions.values():
        fn(small)  # warm-up: GX context, imports, DuckDB start
    result: dict[str, Any] = {"rows": rows, "members": members, "years": years}
    result["indicators"] = indicators
    for label, path in (("csv", csv_path), ("xlsx", xlsx_path)):
        entry: dict[str, Any] = {"bytes": path.stat().st_size, "paths": {}}
        for name, fn in functions.items():
            if name == "duckdb" and label == "xlsx":
                continue  # read_xlsx needs the excel extension, which is not installed offline
            best, produced = float("inf"), 0
            for _ in range(2):
                start = time.perf_counter()
                produced = fn(path)
                best = min(best, time.perf_counter() - start)
            figures: dict[str, Any] = {
                "seconds": best,
                "rows_out": produced,
                "rows_per_s": rows / best,
            }
            if memory:
                figures["memory"] = statistics_peak_memory(name, path, reference)
            entry["paths"][name] = figures
        ours = entry["paths"]["ours"]["seconds"]
        entry["ours_vs_pandas"] = entry["paths"]["pandas"]["seconds"] / ours
        if "duckdb" in entry["paths"]:
            ratio = ours / entry["paths"]["duckdb"]["seconds"]
            entry["ours_vs_duckdb"] = ratio
            entry["pass_vs_duckdb"] = ratio <= TARGET_STATISTICS_VS_DUCKDB
        entry["valid"] = entry["paths"]["ours"]["rows_out"] == rows
        result[label] = entry
    return result


OPEN_DATA_FULL = {"economies": 217, "years": 60, "series": 50}
OPEN_DATA_QUICK = {"economies": 40, "years": 10, "series": 5}


def write_open_data_download(
    folder: Path, economies: int, years: int, series: int
) -> tuple[Path, Path, int]:
    """A World Bank DataBank download as the site writes it: ``Country Name, Country Code,
    Series Name, Series Code, 1965 [YR1965]...``, ``..`` for missing values (one in ten), the
    source lines at the end; and sample registers where every series is registered (an
    external indicator each), so every value is read. Economies are ISO countries (the
    non-Members among them are skipped with a note, as in a real download)."""
    from ingestion.statistics.world_names import COUNTRY_CODES

    reference = folder / "open-data-reference"
    seed_reference(reference)
    indicators_path = reference / "indicators.csv"
    indicators = pd.read_csv(indicators_path, dtype=str, keep_default_na=False)
    template = dict(indicators[indicators["indicator_code"] == "IMPORTS_GDP"].iloc[0])
    extra, registered = [], []
    for n in range(series):
        code = f"WB_{n:02d}"
        extra.append({**template, "indicator_code": code, "name_en": f"WDI series {n}"})
        extra[-1]["name_fr"] = f"Série WDI {n}"
        registered.append(["world_bank", f"BN.SRS.{n:02d}.ZS", code, "%", "", ""])
    pd.concat([indicators, pd.DataFrame(extra)]).to_csv(indicators_path, index=False)
    series_path = reference / "external_series.csv"
    existing = pd.read_csv(series_path, dtype=str, keep_default_na=False)
    added = pd.DataFrame(registered, columns=existing.columns)
    pd.concat([existing, added]).to_csv(series_path, index=False)
    countries = pd.read_csv(COUNTRY_CODES, dtype=str, keep_default_na=False).head(economies)
    first = 2025 - years
    header = ["Country Name", "Country Code", "Series Name", "Series Code"] + [
        f"{y} [YR{y}]" for y in range(first, 2025)
    ]
    rows, cells = [], 0
    cldr = countries["CLDR display name"]
    names = cldr.where(cldr.ne(""), countries["official_name_en"])
    for name, code in zip(names, countries["ISO3166-1-Alpha-3"], strict=True):
        for n in range(series):
            values = []
            for _ in range(years):
                cells += 1
                value = f"{(cells * 7919) % 997 / 10:.1f}"
                values.append(".." if (cells * 7) % 10 == 0 else value)
            rows.append([name, code, f"WDI series {n}", f"BN.SRS.{n:02d}.ZS", *values])
    path = folder / "Data_Extract_From_World_Development_Indicators.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        writer.writerow([])
        writer.writerow(["Data from database: World Development Indicators"])
        writer.writerow(["Last Updated: 07/01/2024"])
    return path, reference, cells


def open_data_benchmark(folder: Path, economies: int, years: int, series: int) -> dict[str, Any]:
    """Seconds of ours (assess_statistics: layout, series register, Members, numbers, GX)
    against DuckDB's read_csv of the same WDI-sized download, best of 2 after a warm-up."""
    import duckdb

    from ingestion.statistics.assessment import StatisticsContext, assess_statistics

    path, reference, cells = write_open_data_download(folder, economies, years, series)
    context = StatisticsContext.from_frames(read_registers(reference))

    def ours() -> int:
        result = assess_statistics(path, None, 2025, context=context)
        if result.frame is None:
            raise RuntimeError([f.describe() for f in result.findings][:5])
        return len(result.frame)

    def duckdb_path() -> int:
        con = duckdb.connect()
        try:
            # the source lines below the data are one-cell rows: DuckDB's sniffer refuses the
            # file as downloaded unless short rows are padded
            con.execute(
                "CREATE TABLE download AS SELECT * FROM read_csv(?, null_padding = true)",
                [str(path)],
            )
            return con.execute("SELECT count(*) FROM download").fetchone()[0]
        finally:
            con.close()

    result: dict[str, Any] = {
        "economies": economies, "years": years, "series": series, "cells": cells,
        "bytes": path.stat().st_size, "paths": {},
    }  # fmt: skip
    for name, fn in (("ours", ours), ("duckdb", duckdb_path)):
        fn()  # warm-up
        best, produced = float("inf"), 0
        for _ in range(2):
            start = time.perf_counter()
            produced = fn()
            best = min(best, time.perf_counter() - start)
        result["paths"][name] = {"seconds": best, "rows_out": produced}
    result["ours_vs_duckdb"] = (
        result["paths"]["ours"]["seconds"] / result["paths"]["duckdb"]["seconds"]
    )
    result["valid"] = result["paths"]["ours"]["rows_out"] > 0
    return result


def render_open_data(result: dict[str, Any] | None) -> str:
    if result is None:
        return ""
    ours, duck = result["paths"]["ours"], result["paths"]["duckdb"]
    return "\n".join(
        [
            "",
            f"Open-data download (World Bank DataBank layout): {result['economies']} economies x "
            f"{result['years']} years x {result['series']} series = {result['cells']:,} cells, "
            f"{result['bytes'] / 1e6:.1f} MB",
            f"  ours: assess_statistics   {ours['seconds']:>8.3f} s  "
            f"({ours['rows_out']:,} Member values from 1990 loaded; non-Members, earlier "
            "years skipped with notes)",
            f"  DuckDB read_csv           {duck['seconds']:>8.3f} s  "
            f"({duck['rows_out']:,} rows read, nothing checked)",
            f"  ours / DuckDB: {result['ours_vs_duckdb']:.1f}x (no target: a reference figure)",
        ]
    )


def render_statistics(result: dict[str, Any] | None) -> str:
    if result is None:
        return ""
    lines = [
        "",
        f"Members' statistics bulk extract: {result['members']} Members x {result['years']} "
        f"years x {result['indicators']} indicators = {result['rows']:,} rows (long format)",
        f"{'file':<5} {'path':<26} {'seconds':>9} {'rows/s':>12} {'peak RSS MiB (+work)':>21}",
        "-" * 77,
    ]
    for label in ("csv", "xlsx"):
        entry = result[label]
        for name in STATISTICS_PATHS:
            if name not in entry["paths"]:
                lines.append(f"{label:<5} {STATISTICS_LABELS[name]:<26} {'n/a (no extension)':>44}")
                continue
            p = entry["paths"][name]
            lines.append(
                f"{label:<5} {STATISTICS_LABELS[name]:<26} {p['seconds']:>9.3f} "
                f"{p['rows_per_s']:>12,.0f} {_memory_text(p):>21}"
            )
    csv_entry, xlsx_entry = result["csv"], result["xlsx"]
    lines += [
        "-" * 77,
        f"ours vs DuckDB read_csv (CSV): {csv_entry['ours_vs_duckdb']:.2f}x slower, target "
        f"<= {TARGET_STATISTICS_VS_DUCKDB:.0f}x {_verdict(csv_entry['pass_vs_duckdb'])}",
        f"ours vs pandas read + merge: CSV {csv_entry['ours_vs_pandas']:.2f}x, "
        f"xlsx {xlsx_entry['ours_vs_pandas']:.2f}x (>1 = ours faster)",
        "Ours = detect dialect, read, resolve Members, parse numbers/units, GX suite, "
        "duplicates, plausibility; best of 2 after a warm-up. Rows valid: "
        + ("yes" if csv_entry["valid"] and xlsx_entry["valid"] else "NO"),
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Report


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _spread(workload: dict[str, Any], ratio: str) -> str:
    each = workload.get(f"{ratio}_each_round") or [workload[ratio]]
    return f"{min(each):.1f}-{max(each):.1f}x"


def _memory_text(entry: dict[str, Any]) -> str:
    memory = entry.get("memory")
    if not memory:
        return "-"
    return f"{memory['peak_rss_mib']:,.0f} (+{memory['work_rss_mib']:,.0f})"


def render(results: dict[str, Any]) -> str:
    env, one_time = results["environment"], results["one_time"]
    lines = [
        f"spf-warehouse benchmark ({results['mode']}), {results['started_at']}",
        f"Python {env['python']} on {env['platform']}, {env['cpus']} CPUs; "
        + ", ".join(f"{k} {v}" for k, v in env["packages"].items()),
        "",
    ]
    for key, title in (("large", "large return"), ("batch", "ordinary returns")):
        w = results["workloads"][key]
        verdict = "ACCEPTED" if w["accepted"] == w["files"] else "SOME REJECTED (invalid run)"
        lines.append(
            f"{title}: {w['files']} file(s), {w['rows']:,} data rows, "
            f"{w['bytes'] / 1e6:.1f} MB; ours: {w['accepted']}/{w['files']} {verdict}"
        )
    lines += [
        "",
        f"{'workload':<9} {'path':<28} {'seconds':>9} {'rows/s':>11} {'files/s':>9} "
        f"{'peak RSS MiB (+work)':>21}",
        "-" * 91,
    ]
    for key in ("large", "batch"):
        w = results["workloads"][key]
        for name in PATHS:
            p = w["paths"][name]
            lines.append(
                f"{key:<9} {PATH_LABELS[name]:<28} {p['seconds']:>9.3f} {p['rows_per_s']:>11,.0f} "
                f"{p['files_per_s']:>9,.1f} {_memory_text(p):>21}"
            )
    lines += ["", f"{'target':<44} {'large':>17} {'batch':>17}", "-" * 80]
    large, batch = results["workloads"]["large"], results["workloads"]["batch"]
    lines.append(
        f"{'ours vs pandas.read_excel: >= 5x faster':<44} "
        f"{large['speedup_vs_pandas']:>10.2f}x {_verdict(large['pass_speedup_vs_pandas'])} "
        f"{batch['speedup_vs_pandas']:>10.2f}x {_verdict(batch['pass_speedup_vs_pandas'])}"
    )
    lines.append(
        f"{'ours vs raw calamine (2x target retired)':<44} "
        f"{large['slowdown_vs_calamine']:>16.1f}x {batch['slowdown_vs_calamine']:>16.1f}x"
    )
    lines.append(
        f"{'  same ratios, round by round (load spread)':<44} "
        f"{_spread(large, 'speedup_vs_pandas'):>17} {_spread(batch, 'speedup_vs_pandas'):>17}"
    )
    lines.append(
        f"{'':<44} "
        f"{_spread(large, 'slowdown_vs_calamine'):>17} {_spread(batch, 'slowdown_vs_calamine'):>17}"
    )
    gx_shares = [w["ours_gx_seconds"] / w["paths"]["ours"]["seconds"] for w in (large, batch)]
    lines.append(
        f"{'  of ours, inside Great Expectations':<44} "
        f"{large['ours_gx_seconds']:>8.3f} s ({gx_shares[0]:>3.0%}) "
        f"{batch['ours_gx_seconds']:>8.3f} s ({gx_shares[1]:>3.0%})"
    )
    lines.append(
        f"{'  ours without GX vs raw calamine':<44} "
        f"{large['ours_without_gx_vs_calamine']:>16.1f}x "
        f"{batch['ours_without_gx_vs_calamine']:>16.1f}x"
    )
    lines.append(
        f"{'  GX alone vs raw calamine':<44} "
        f"{large['gx_alone_vs_calamine']:>16.1f}x "
        f"{batch['gx_alone_vs_calamine']:>16.1f}x"
    )
    drop = results.get("drop_to_marts")
    if drop is None:
        lines.append(f"{'drop-to-marts (warm) < 30 s':<44} {'skipped (--quick)':>35}")
    else:
        shown = f"{drop['warm_seconds']:.1f} s {_verdict(drop['pass'])}"
        each = ", ".join(f"{seconds:.1f} s" for seconds in drop["warm_seconds_each_drop"])
        if not drop["valid"]:
            shown += " (invalid: see stderr)"
        lines.append(f"{'drop-to-marts (warm) < 30 s':<44} {shown:>35}")
        lines.append(
            f"  best of {len(drop['warm_seconds_each_drop'])} drops ({each}); "
            f"refresh scope: {drop['warm_scope']}; dropped returns "
            f"{drop['dropped_file_outcome']}, marts republished: "
            f"{'yes' if drop['marts_republished'] else 'NO'}"
        )
        sensor = drop["sensor"]
        shown = f"{drop['sensor_warm_seconds']:.1f} s {_verdict(drop['sensor_pass'])}"
        lines.append(f"{'drop-to-marts, sensor path (warm) < 30 s':<44} {shown:>35}")
        each = ", ".join(f"{seconds:.1f} s" for seconds in sensor["seconds_each_drop"])
        detection = ", ".join(f"{s:.1f} s" for s in sensor["detection_seconds_each_drop"])
        lines.append(
            f"  run's request to published marts, best of {len(sensor['seconds_each_drop'])} "
            f"drops ({each}); scope: {', '.join(sensor['scopes'])}; launched by Dagster's run "
            f"launcher as under `make ui`"
        )
        lines.append(
            f"  detection apart (drop to the run's request: tick interval "
            f"{sensor['tick_interval_seconds']} s, a file waits one tick to settle): {detection}"
        )
        lines.append(
            f"  for reference: cold first run on a fresh home (seeds the demo) "
            f"{drop['cold_seconds']:.1f} s; full refresh, warm (`spf run --all`) "
            f"{drop['full_refresh_warm_seconds']:.1f} s"
        )
    lines += [
        "",
        "One-time costs per process, excluded above: Great Expectations import "
        f"{one_time['gx_import_seconds']:.2f} s; first-call overhead (GX context creation, "
        f"first suites) ours {one_time['first_call_overhead_seconds']['ours']:.2f} s, "
        f"pandas {one_time['first_call_overhead_seconds']['pandas']:.3f} s, "
        f"calamine {one_time['first_call_overhead_seconds']['calamine']:.3f} s.",
        "Timings: time.perf_counter around the loop over the files, after imports and one "
        f"warm-up; each path's best of {large['rounds']} turns taken in alternation (ours, "
        "pandas, calamine, ours, ...); ratios from those best times. Rows = data rows of all "
        "sheets (headers excluded).",
        "Peak memory: peak RSS (VmHWM of /proc/self/status; getrusage ru_maxrss elsewhere) of "
        "a fresh child process running one path over the workload; includes the interpreter "
        "and imports; (+work) = growth over the child's post-import baseline.",
        f"JSON: {results['output']}",
    ]
    return "\n".join(lines)


def profile_ours(workload: Workload, functions: dict[str, PathFunction]) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    time_path(functions["ours"], workload.files)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    return out.getvalue()


def run(
    mode: str,
    ordinary: int,
    large_rows: int,
    drop: bool,
    memory: bool,
    profile: bool,
    out: Path,
    rounds: int = DEFAULT_ROUNDS,
) -> dict[str, Any]:
    results: dict[str, Any] = {
        "mode": mode,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "output": str(out),
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "packages": {
                name: metadata.version(name)
                for name in ("pandas", "openpyxl", "python-calamine", "great-expectations")
            },
        },
        "targets": {
            "speedup_vs_pandas_min": TARGET_SPEEDUP_VS_PANDAS,
            "drop_to_marts_warm_seconds_max": TARGET_DROP_TO_MARTS_S,
        },
        "retired_targets": [
            "ours within 2x of raw calamine (Great Expectations stays on the judging path)"
        ],
    }
    with tempfile.TemporaryDirectory(prefix="spf-bench-") as scratch:
        folder = Path(scratch)
        print(f"Building inputs in {folder} ...", file=sys.stderr)
        inputs = prepare_inputs(folder, ordinary, large_rows)
        gx_import = import_great_expectations()
        batch_fns = path_functions(inputs.reference_dir)
        large_fns = path_functions(inputs.reference_dir, inputs.large.generated)
        overhead = warm_up(batch_fns, inputs.batch.files[0])
        warm_up(large_fns, inputs.batch.files[0])
        results["one_time"] = {
            "gx_import_seconds": gx_import,
            "first_call_overhead_seconds": overhead,
        }
        results["workloads"] = {}
        for workload, fns in ((inputs.large, large_fns), (inputs.batch, batch_fns)):
            print(f"Measuring {workload.name} ...", file=sys.stderr)
            results["workloads"][workload.name] = measure_workload(
                workload, fns, memory=memory, rounds=rounds
            )
        if profile:
            for workload, fns in ((inputs.large, large_fns), (inputs.batch, batch_fns)):
                print(f"\n=== cProfile of ours, {workload.name} ===\n{profile_ours(workload, fns)}")
        print("Measuring Members' statistics bulk extract ...", file=sys.stderr)
        results["statistics"] = statistics_benchmark(
            folder, **(STATISTICS_QUICK if mode == "quick" else STATISTICS_FULL), memory=memory
        )
        print("Measuring an open-data (WDI) download ...", file=sys.stderr)
        results["open_data"] = open_data_benchmark(
            folder, **(OPEN_DATA_QUICK if mode == "quick" else OPEN_DATA_FULL)
        )
        results["drop_to_marts"] = None
        if drop:
            print("Measuring drop-to-marts (cold run, then warm run) ...", file=sys.stderr)
            results["drop_to_marts"] = drop_to_marts_in_child(folder)
            results["briefing"] = briefing_in_child(folder / "home")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return results


def briefing_in_child(home: Path) -> dict[str, Any] | None:
    """The briefing book's eight variants rendered from the release drop-to-marts published
    (`tests/bench_reports.py`, in a child process as a refresh's step would be); after
    publication, so not part of drop-to-marts."""
    if not (home / "published").exists():
        return None
    print("Measuring the briefing book (8 variants) ...", file=sys.stderr)
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench_reports", "--home", str(home)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stderr.strip().splitlines()
    return json.loads(lines[-1]) if done.returncode == 0 and lines else None


def render_briefing(result: dict[str, Any] | None) -> str:
    if result is None:
        return ""
    verdict = "PASS" if result["pass"] else "MISS"
    return (
        f"briefing book, 8 variants (HTML + PDF) < {result['target_seconds']:.0f} s: "
        f"{result['render_seconds']:.1f} s {verdict} (CPU {result['render_cpu_seconds']:.1f} s, "
        f"imports {result['imports_seconds']:.1f} s apart; period {result['period']}; "
        "after publication, not part of drop-to-marts)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20 files, 5,000 rows, no marts")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory children")
    parser.add_argument("--profile", action="store_true", help="print cProfile of our path")
    parser.add_argument("--output", type=Path, help="JSON file (default build/bench/...)")
    parser.add_argument(
        "--rounds", type=int, default=DEFAULT_ROUNDS, help="turns per path, best kept (default 3)"
    )
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    mode = "quick" if args.quick else "full"
    out = args.output or OUT_DIR / ("results-quick.json" if args.quick else "results.json")
    results = run(
        mode,
        sizes["ordinary"],
        sizes["large_rows"],
        drop=not args.quick,
        memory=not args.no_memory,
        profile=args.profile,
        out=out,
        rounds=max(1, args.rounds),
    )
    print(render(results))
    print(render_statistics(results.get("statistics")))
    print(render_briefing(results.get("briefing")))
    print(render_open_data(results.get("open_data")))
    workloads = results["workloads"].values()
    valid = all(w["accepted"] == w["files"] for w in workloads)
    statistics = results.get("statistics")
    valid = valid and (statistics is None or statistics["csv"]["valid"])
    drop = results["drop_to_marts"]
    return 0 if valid and (drop is None or drop["valid"]) else 1


if __name__ == "__main__":
    sys.exit(main())
