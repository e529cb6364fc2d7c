"""Time to render the briefing book: all eight variants (four editions × two languages, HTML
and PDF) of one period, from a published release (target: under 15 s on the office's 2-CPU
machine). Imports are timed apart; the best of ``--rounds`` wall-clock times is compared with
the target, and the process's CPU time is printed beside it (the machine is shared).

    python -m tests.bench_reports [--home DATA_HOME] [--period 2025-26-Q3] [--rounds 2]

Uses the release of an existing data home (default ``$SPF_HOME``, else ``./data``: run
``make run`` first); writes to a temporary folder, never to the data home's reports.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 15.0


def bench_reports(published: Path, period: str | None, rounds: int = 2) -> dict[str, object]:
    started = time.perf_counter()
    import jinja2  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import weasyprint  # noqa: F401

    from briefing.render import render_reports

    imports = time.perf_counter() - started
    times, cpu = [], []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            started, started_cpu = time.perf_counter(), time.process_time()
            run = render_reports(published, Path(folder), period)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            files = len(run.files)
    best = min(times)
    return {
        "period": run.period,
        "files": files,
        "imports_seconds": round(imports, 2),
        "render_seconds_each_round": [round(t, 2) for t in times],
        "render_seconds": round(best, 2),
        # CPU time of this process: what the rendering costs when the machine is shared
        "render_cpu_seconds": round(min(cpu), 2),
        "target_seconds": TARGET_SECONDS,
        "pass": best < TARGET_SECONDS,
    }


def main(argv: list[str] | None = None) -> int:
    from ingestion.paths import spf_paths

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home")
    parser.add_argument("--period")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    result = bench_reports(spf_paths(args.home).published, args.period, args.rounds)
    verdict = "PASS" if result["pass"] else "MISS"
    print(
        f"{'briefing book, 8 variants (HTML + PDF) < 15 s':<48} "
        f"{result['render_seconds']:.1f} s {verdict}  (CPU {result['render_cpu_seconds']:.1f} s; "
        f"imports {result['imports_seconds']:.1f} s; "
        f"rounds {result['render_seconds_each_round']}; period {result['period']})"
    )
    print(json.dumps(result), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
