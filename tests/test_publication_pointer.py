"""One atomic switch per release: a reader going through ``published/current`` sees one release.

A reader process polls while releases are published one after the other. Each read resolves
``current`` once, then reads the manifest and the DuckDB file's ``release_info`` under it: the
two must always name the same release (the stable per-file paths, replaced file by file, do
not promise that; ``current`` does).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from publication.release import CURRENT, publish_release, rollback
from tests.publication_support import build_warehouse, settings, write_dbt_manifest

READER = textwrap.dedent(
    """
    import json, os, sys, time
    import duckdb
    published, stop = sys.argv[1], sys.argv[2]
    reads, mixed, seen = 0, [], set()
    while not os.path.exists(stop):
        release = os.path.realpath(os.path.join(published, "current"))  # resolved once
        with open(os.path.join(release, "manifest.json"), encoding="utf-8") as handle:
            manifest_id = json.load(handle)["release_id"]
        con = duckdb.connect(os.path.join(release, "spf_marts.duckdb"), read_only=True)
        [(info_id,)] = con.execute("select release_id from marts.release_info").fetchall()
        con.close()
        reads += 1
        seen.add(manifest_id)
        if manifest_id != info_id:
            mixed.append((manifest_id, info_id))
    print(json.dumps({"reads": reads, "mixed": mixed, "seen": sorted(seen)}))
    """
)


def test_a_reader_through_current_never_sees_two_releases(tmp_path):
    warehouse = build_warehouse(tmp_path / "wh" / "spf.duckdb")
    manifest = write_dbt_manifest(tmp_path / "manifest.json")
    published = tmp_path / "published"
    first = publish_release(warehouse, published, "run-1", manifest, settings(tmp_path))
    assert (published / CURRENT).resolve() == (published / "releases" / first.release_id)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ids = [first.release_id]
        for run in range(2, 5):
            ids.append(
                publish_release(
                    warehouse, published, f"run-{run}", manifest, settings(tmp_path)
                ).release_id
            )
        rollback(published, to=ids[1], settings=settings(tmp_path))
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    result = json.loads(out)
    assert result["reads"] > 0 and result["mixed"] == []
    assert set(result["seen"]) <= set(ids) and len(result["seen"]) >= 2  # it saw switches
    assert (published / CURRENT).resolve().name == ids[1]  # a rollback moves the pointer too
    manifest_now = json.loads((published / CURRENT / "manifest.json").read_text("utf-8"))
    assert manifest_now["release_id"] == ids[1]
