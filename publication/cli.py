"""`spf publish`: list the kept releases, or roll back to one.

    spf publish --list               kept releases, the current one marked
    spf publish --rollback           put the release before the current one back in place
    spf publish --rollback --to ID   put release ID back in place (also to roll forward)

Publishing itself happens in the `refresh_all` job, after a successful `dbt build` only.
Also runnable as ``python -m publication.cli``.
"""

from __future__ import annotations

import argparse
import sys

from ingestion.paths import spf_paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="spf publish", description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--list", action="store_true", help="list kept releases")
    action.add_argument("--rollback", action="store_true", help="roll back to a kept release")
    parser.add_argument("--to", help="with --rollback: the release id (default: the previous)")
    parser.add_argument("--home", help="data home (default: $SPF_HOME, else ./data)")
    args = parser.parse_args(argv)
    from publication.release import RollbackError, list_releases, rollback

    published = spf_paths(args.home).published
    if args.list:
        ids, current = list_releases(published)
        for release_id in ids:
            print(f"{'*' if release_id == current else ' '} {release_id}")
        if not ids:
            print(f"No release in {published}.")
        return 0
    try:
        release_id = rollback(published, args.to)
    except RollbackError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Release {release_id} is back in place in {published}.")
    return 0


def dispatch(argv: list[str] | None = None) -> int | None:
    """For ``dagster_project.cli.main.main``: handle ``spf publish …``, else return None."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] != ["publish"]:
        return None
    return main(args[1:])


if __name__ == "__main__":
    sys.exit(main())
