"""`spf report`: render the briefing book from the published release.

    spf report [--period 2025-26-Q3] [--edition management ...] [--lang fr ...] [--no-pdf]

Default: the latest closed period, else the latest reported one (provisional); every edition,
both languages. Files go to $SPF_HOME/reports/<period>/. Also ``python -m briefing.cli``.
"""

from __future__ import annotations

import argparse
import sys

from briefing import EDITIONS, LANGUAGES


def main(argv: list[str] | None = None) -> int:
    from ingestion.paths import spf_paths

    parser = argparse.ArgumentParser(prog="spf report", description=__doc__.split("\n")[0])
    parser.add_argument("--period", help="quarter code, e.g. 2025-26-Q3 (default: see above)")
    parser.add_argument("--edition", action="append", choices=EDITIONS, help="repeatable")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="repeatable")
    parser.add_argument("--no-pdf", action="store_true", help="HTML only")
    parser.add_argument("--home", help="data home (default: $SPF_HOME, else ./data)")
    args = parser.parse_args(argv)
    from briefing.data import PeriodNotFound, ReleaseNotFound
    from briefing.render import render_reports

    paths = spf_paths(args.home)
    try:
        run = render_reports(
            paths.published,
            paths.reports,
            period=args.period,
            editions=tuple(args.edition or EDITIONS),
            languages=tuple(args.lang or LANGUAGES),
            pdf=not args.no_pdf,
        )
    except (ReleaseNotFound, PeriodNotFound) as exc:
        print(exc, file=sys.stderr)
        return 2
    marker = " (provisional / provisoire)" if run.provisional else ""
    print(f"Briefing book for {run.period}{marker}, release {run.release_ids['internal']}:")
    for path in run.files:
        print(f"  {path}")
    return 0


def dispatch(argv: list[str] | None = None) -> int | None:
    """For ``dagster_project.cli.main``: handle ``spf report …``, else return None."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] != ["report"]:
        return None
    return main(args[1:])


if __name__ == "__main__":
    sys.exit(main())
